import type { RunSummaryFilter, RunSummaryList } from '../api/run-summary.js';
import type { RunFilter, Workspace } from '../evidence/index.js';

/** A SHA-256 prefix long enough to mean one model; anything else is a file name or a path. */
const SHA_PREFIX = /^[0-9a-f]{6,64}$/;

/** `edgelab runs`: the summaries a filter matches, newest first, with what a listing says beside them. */
export async function listRunSummaries(workspace: Workspace, filter: RunSummaryFilter): Promise<RunSummaryList> {
  const f: RunFilter = {};
  if (filter.model !== undefined) Object.assign(f, SHA_PREFIX.test(filter.model) ? { modelSha256: filter.model } : { modelName: filter.model });
  if (filter.tags !== undefined) f.tag = filter.tags;
  if (filter.state !== undefined) f.state = filter.state;
  if (filter.since !== undefined) f.since = filter.since;
  if (filter.limit !== undefined) f.limit = filter.limit;
  const runs = await workspace.listRuns(f);
  return { workspace: workspace.dir, runs, recorded: await workspace.countRuns(), unreadable: await workspace.unreadableRuns() };
}
