import type { RunProvenance } from '../api/run-provenance.js';
import { provenanceLabel } from '../present/provenance-label.js';
import type { TwoRunComparison } from '../api/lab-api.js';
import type { RunRecord } from '../api/run-record.js';
import { tradeoffTable } from '../evaluate/tradeoff-table.js';
import { compareRuns, formatComparison } from '../report/compare.js';
import { refuseSelfComparison } from '../report/compare-inputs.js';
import { compareStated, formatStatedComparison, hasFigures } from '../report/compare-stated.js';
import { isPipelineRun, pipelineOverhead } from '../present/pipeline-overhead.js';

/** A DeepStream pipeline and a run of its model alone, in either order: the pipeline's overhead. */
function overheadOfPair(a: RunRecord, b: RunRecord) {
  if (isPipelineRun(a) && b.state === 'completed') return pipelineOverhead(a, b);
  if (isPipelineRun(b) && a.state === 'completed') return pipelineOverhead(b, a);
  return null;
}

/**
 * B against A as `edgelab compare A B` sets them: the samples tested when both completed; else a
 * pipeline's overhead over its model run; else, when both state figures (a summary-only import),
 * those side by side. Nothing applies to a failed run: the answer is then empty, not an error, so
 * a caller that only wants the tradeoff rows still gets them.
 */
export function compareTwoRuns(a: RunRecord, b: RunRecord, merged: Readonly<Record<string, RunProvenance>> = {}): TwoRunComparison {
  refuseSelfComparison([a.id, b.id]);
  const pairwise = a.state === 'completed' && b.state === 'completed' ? compareRuns(a, b) : null;
  // A run that came in a bundle says so beside its title: the record itself does not know it travelled.
  for (const side of pairwise ? [pairwise.a, pairwise.b] : []) {
    const provenance = merged[side.id];
    if (provenance) side.evidence = provenanceLabel(provenance);
  }
  const overhead = overheadOfPair(a, b);
  const stated = !pairwise && !overhead && hasFigures(a) && hasFigures(b) ? compareStated(a, b) : null;
  const text = [pairwise ? formatComparison(pairwise) : stated ? formatStatedComparison(stated) : '', overhead ? overhead.text : ''].filter(Boolean).join('\n\n');
  return { text, data: pairwise ?? stated, pipelineOverhead: overhead, tradeoff: tradeoffTable([a, b], { baselineId: a.id }) };
}
