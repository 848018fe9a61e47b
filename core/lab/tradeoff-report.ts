import type { TradeoffRequest, TradeoffResult } from '../api/tradeoff.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { renderTradeoffReport } from '../report/tradeoff-report.js';
import { narrowToFamily, workspaceTradeoffs } from '../tradeoff/workspace-tradeoffs.js';

/** `edgelab report --tradeoff`: the workspace's families (or the one asked for), drawn in the format asked for. */
export async function buildTradeoffReport(workspace: Workspace, request: TradeoffRequest): Promise<TradeoffResult> {
  const view = narrowToFamily(await workspaceTradeoffs(workspace), request.family, workspace.dir);
  const content = request.format ? await renderTradeoffReport(view, request.format, { generatedAt: new Date(), edgelabVersion: edgelabVersion() }) : null;
  return { view, content, format: request.format ?? null };
}
