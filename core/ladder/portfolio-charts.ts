import type { RunRecord } from '../api/run-record.js';
import { latencyHistogramSpec } from '../present/charts/latency-histogram.js';
import { renderChartSvg } from '../charts/render-svg.js';
import type { LadderStatus } from './evaluate.js';

/** A latency histogram for the first run cited by each met measured item: one picture per claim. */
export async function renderPortfolioCharts(status: LadderStatus, runs: readonly RunRecord[]): Promise<Record<string, string>> {
  const byId = new Map(runs.map((run) => [run.id, run]));
  const charts: Record<string, string> = {};
  for (const gate of status.gates) {
    for (const item of gate.items) {
      if (item.kind !== 'measured' || !item.met) continue;
      const id = item.runs[0]?.runId;
      const run = id === undefined ? undefined : byId.get(id);
      if (id === undefined || run === undefined || charts[id] !== undefined || run.samplesMs.length === 0) continue;
      charts[id] = await renderChartSvg(latencyHistogramSpec(run));
    }
  }
  return charts;
}
