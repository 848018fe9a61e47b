import type { BundleOrigin } from '../../api/run-provenance.js';
import type { LedgerState } from '../evidence-check.js';
import type { WorkspaceLayout } from '../layout.js';
import { readMergeRecords } from './merge-plan.js';

/**
 * For each run a merge brought in (by the id it is kept under), the bundle it came in. Only merge
 * records that match their ledger line count: an edited merge record could otherwise turn an
 * unsigned bundle's runs into trusted ones. The first merge that brought a run names it.
 */
export async function mergedOrigins(layout: WorkspaceLayout, ledger: LedgerState): Promise<Map<string, BundleOrigin>> {
  const origins = new Map<string, BundleOrigin>();
  if (ledger.chainProblem !== null) return origins;
  for (const { record, sha256 } of await readMergeRecords(layout)) {
    if (ledger.latestByFile.get(layout.relativeFile('merge', record.id))?.sha256 !== sha256) continue;
    const origin: BundleOrigin = {
      name: record.bundle.name,
      head: record.bundle.head,
      sourceUnit: record.source.unit,
      signedBy: record.signature.signedBy,
      trusted: record.signature.trusted,
      mergedAt: record.mergedAt,
    };
    for (const run of record.runs) {
      const id = run.storedAs ?? run.id;
      if (!origins.has(id)) origins.set(id, origin);
    }
  }
  return origins;
}
