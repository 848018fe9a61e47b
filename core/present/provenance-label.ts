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

/** "bench-left (1422919145234)", the id alone without a label; null for a record that names no unit. */
export function unitText(unit: { id: string; label: string | null } | null | undefined): string | null {
  if (!unit) return null;
  return unit.label ? `${unit.label} (${unit.id})` : unit.id;
}

/** "Measured on bench-left (1422919145234) · Jetson Orin NX … · merged, unsigned": where a run was measured, in one line. */
export function measuredOnText(run: { unit?: { id: string; label: string | null } | null; hardwareLabel?: string | null; provenance?: RunProvenance; evidence?: 'measured' | 'imported' }): string {
  return [unitText(run.unit) ?? 'unit not stated', run.hardwareLabel ?? null, provenanceLabel(run.provenance, run.evidence ?? 'measured')].filter((part): part is string => part !== null && part !== '').join(' · ');
}

/** "merged, unsigned (bundle orin-x.bundle, head 4af00911765c)": a merged run's evidence with the bundle it came in. */
export function mergedText(provenance: RunProvenance): string {
  const bundle = provenance.bundle;
  return `${provenanceLabel(provenance)}${bundle ? ` (bundle ${bundle.name}, head ${bundle.head.entryHash.slice(0, 12)})` : ''}`;
}
