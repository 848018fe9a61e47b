import { LabError } from '../api/errors.js';
import { deriveRunProvenance } from '../api/run-provenance.js';
import { listingProblem, readLedgerState } from './evidence-check.js';
import { resolveIdPrefix } from './id-prefix.js';
import { idOfRecordFileName, recordFileNames, type WorkspaceLayout } from './layout.js';
import type { MachineState } from './machine-state.js';
import { listedMeasuredProblem } from './measured-evidence.js';
import { compileRunFilter, type RunFilter } from './run-filter.js';
import { loadRunSummaries } from './run-index.js';
import { mergedOrigins } from './bundle/merged-origins.js';
import { compareNewestFirst, type RunSummary } from './run-summary.js';

/**
 * Runs as a list: the summaries the run index keeps, filtered, newest first, each marked when its
 * file fails the evidence check; and a run named by id, by a unique prefix of one, or as `latest`.
 */
export async function listRunSummaries(layout: WorkspaceLayout, machine: MachineState, filter: RunFilter = {}): Promise<RunSummary[]> {
  const matches = compileRunFilter(filter);
  const [{ runs, sha256ByFile, measuredByFile }, ledger] = await Promise.all([loadRunSummaries(layout, await machine.indexSealKey()), readLedgerState(layout, machine)]);
  const sorted = runs.filter(matches).sort(compareNewestFirst);
  const shown = filter.limit === undefined ? sorted : sorted.slice(0, Math.max(0, filter.limit));
  const origins = await mergedOrigins(layout, ledger);
  // The same check getRun applies, on the hash the index took of the file's bytes; and whether a
  // run that says it was measured carries what edgelab's runner writes.
  return Promise.all(shown.map(async (run) => ({
    ...run,
    provenance: deriveRunProvenance(run.evidence, origins.get(run.id) ?? null),
    notVerified: listingProblem(ledger, run.file, sha256ByFile.get(run.file)) ?? (await listedMeasuredProblem(layout, run.id, measuredByFile.get(run.file) ?? null)),
  })));
}

export async function resolveRunId(layout: WorkspaceLayout, machine: MachineState, idOrPrefix: string): Promise<string> {
  // `latest` is taken everywhere an id is: the newest run. If that one fails the evidence check
  // it is refused like any other id, never silently replaced by an older one.
  if (idOrPrefix === 'latest') {
    const [newest] = await listRunSummaries(layout, machine, { limit: 1 });
    if (!newest) throw new LabError('usage', `No runs recorded in ${layout.dir} yet, so there is no latest run.`, 'Record one with `edgelab bench MODEL`.');
    return newest.id;
  }
  const ids = (await recordFileNames(layout.runsDir)).map(idOfRecordFileName);
  return resolveIdPrefix(ids, idOrPrefix, { what: 'run', listCommand: 'edgelab runs', workspaceDir: layout.dir });
}
