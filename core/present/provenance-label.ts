import type { RunProvenance } from '../api/run-provenance.js';

/**
 * Where a run was measured, in words every face prints alike: measured (here), merged from a bundle
 * (signed by whom, and whether this workspace trusts the key; else unsigned), or imported.
 */
export function provenanceLabel(provenance: RunProvenance | undefined, evidence: 'measured' | 'imported' = 'measured'): string {
  const kind = provenance?.kind ?? evidence;
  if (kind === 'measured') return 'measured';
  const bundle = provenance?.bundle;
  if (kind === 'imported') return bundle ? `imported, merged from ${bundle.name}` : 'imported';
  if (!bundle) return 'merged';
  if (bundle.signedBy === null) return 'merged, unsigned';
  return `merged, signed by ${bundle.signedBy}${bundle.trusted ? '' : ' (key not trusted here)'}`;
}

/** One short word for a table column, the long form going to a note or a tooltip. */
export function provenanceWord(provenance: RunProvenance | undefined, evidence: 'measured' | 'imported' = 'measured'): 'measured' | 'merged' | 'imported' {
  return provenance?.kind ?? evidence;
}
