import { LabError } from '../api/errors.js';
import type { ComparedRun, PairComparison, RunSetComparison, StatedPairView } from '../api/run-comparison.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import { tradeoffTable } from '../evaluate/tradeoff-table.js';
import { compareRuns, formatComparison } from '../report/compare.js';
import { statedPercentile } from '../present/stated-summary.js';
import { compareStated, formatStatedComparison, hasFigures } from '../report/compare-stated.js';
import { refuseSelfComparison } from '../report/compare-inputs.js';
import { runTitle } from '../present/run-labels.js';
import { unitText } from '../present/provenance-label.js';
import { unitOf } from '../hardware/hardware-kind.js';
import { isPipelineRun, pipelineOverhead } from '../present/pipeline-overhead.js';

/**
 * Any number of runs against the first: the pairwise test `edgelab compare` makes, for each, and
 * the tradeoff table over all of them. A failed or cancelled run is listed with its samples but
 * not tested: its numbers stop where the run did.
 */
export function compareRunSet(records: readonly RunRecord[]): RunSetComparison {
  refuseSelfComparison(records.map((r) => r.id));
  const [baseline, ...others] = records;
  if (!baseline) throw new LabError('usage', 'compareRuns: give at least two run ids.', 'Select two or more runs in History.');
  if (baseline.state !== 'completed' && baseline.state !== 'summary-only') {
    throw new LabError('input', `The baseline run ${baseline.id} ${baseline.state}; it has no statistics to compare against.`, baseline.state === 'observed' ? 'Put the run of the model alone (trtexec, ONNX Runtime) first; a pipeline run is compared against it by its overhead beyond inference.' : 'Pick a completed run as the first (baseline) run.');
  }
  const pairs: PairComparison[] = [];
  const statedPairs: StatedPairView[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  const texts: string[] = [];
  for (const other of others) {
    const overhead = baseline.state === 'completed' ? pipelineOverhead(other, baseline) : null;
    if (overhead) {
      skipped.push({ id: other.id, reason: 'a DeepStream pipeline: compared by its overhead beyond inference, not by latency samples' });
      texts.push(overhead.text);
      continue;
    }
    // Summary-only and observed runs have no samples to test: what both sides state is set side by side.
    if ((other.state !== 'completed' || baseline.state !== 'completed') && hasFigures(baseline) && hasFigures(other)) {
      const stated = compareStated(baseline, other);
      statedPairs.push(stated);
      texts.push(formatStatedComparison(stated));
      continue;
    }
    if (other.state !== 'completed') {
      skipped.push({ id: other.id, reason: other.state === 'observed' ? 'observed without per-inference latencies (a pipeline or telemetry log): nothing to compare latency with' : `${other.state}: ${failureOf(other).message}` });
      continue;
    }
    if (other.state !== 'completed' || baseline.state !== 'completed') continue;
    const comparison = compareRuns(baseline, other);
    pairs.push(comparison);
    texts.push(formatComparison(comparison));
  }
  return {
    baselineId: baseline.id,
    runs: records.map(comparedRun),
    pairs,
    statedPairs,
    skipped,
    tradeoff: tradeoffTable(records, { baselineId: baseline.id }),
    text: texts.join('\n'),
  };
}

function comparedRun(r: RunRecord): ComparedRun {
  const completed = r.state === 'completed';
  return {
    id: r.id,
    title: runTitle(r),
    state: r.state,
    executionProvider: completed || r.state === 'summary-only' ? r.executionProvider : null,
    samplesMs: r.samplesMs,
    p50Ms: completed ? r.latencyMs.p50 : r.state === 'summary-only' ? statedPercentile(r.statedSummary, 50) : null,
    p99Ms: completed ? r.latencyMs.p99 : r.state === 'summary-only' ? statedPercentile(r.statedSummary, 99) : null,
    throughputPerS: completed ? r.throughputPerS : r.state === 'summary-only' ? r.statedSummary.throughputPerS : isPipelineRun(r) ? (r.extras['deepstream'] as { pipelineFps: number }).pipelineFps : null,
    medianInterval: completed ? { lowMs: r.stability.medianInterval.lowMs, highMs: r.stability.medianInterval.highMs, confidence: r.stability.medianInterval.confidence } : null,
    ...unitField(r),
  };
}

function unitField(r: RunRecord): { unit?: string } {
  const unit = unitText(unitOf(r.hardware));
  return unit ? { unit } : {};
}
