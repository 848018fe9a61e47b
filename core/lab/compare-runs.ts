import { LabError } from '../api/errors.js';
import type { ComparedRun, PairComparison, RunSetComparison } from '../api/run-comparison.js';
import type { RunRecord } from '../api/run-record.js';
import { tradeoffTable } from '../evaluate/tradeoff-table.js';
import { compareRuns, formatComparison } from '../report/compare.js';
import { runTitle } from '../report/run-labels.js';
import { pipelineOverhead } from '../report/pipeline-overhead.js';

/**
 * Any number of runs against the first: the pairwise test `edgelab compare` makes, for each, and
 * the tradeoff table over all of them. A failed or cancelled run is listed with its samples but
 * not tested: its numbers stop where the run did.
 */
export function compareRunSet(records: readonly RunRecord[]): RunSetComparison {
  const [baseline, ...others] = records;
  if (!baseline) throw new LabError('usage', 'compareRuns: give at least two run ids.', 'Select two or more runs in History.');
  if (baseline.state !== 'completed') {
    throw new LabError('input', `The baseline run ${baseline.id} ${baseline.state}; it has no statistics to compare against.`, baseline.state === 'observed' ? 'Put the run of the model alone (trtexec, ONNX Runtime) first; a pipeline run is compared against it by its overhead beyond inference.' : 'Pick a completed run as the first (baseline) run.');
  }
  const pairs: PairComparison[] = [];
  const skipped: Array<{ id: string; reason: string }> = [];
  const texts: string[] = [];
  for (const other of others) {
    const overhead = pipelineOverhead(other, baseline);
    if (overhead) {
      skipped.push({ id: other.id, reason: 'a DeepStream pipeline: compared by its overhead beyond inference, not by latency samples' });
      texts.push(overhead.text);
      continue;
    }
    if (other.state !== 'completed') {
      skipped.push({ id: other.id, reason: other.state === 'observed' ? 'observed without per-inference latencies (a pipeline or telemetry log): nothing to compare latency with' : `${other.state}: ${other.error.message}` });
      continue;
    }
    const comparison = compareRuns(baseline, other);
    pairs.push(comparison);
    texts.push(formatComparison(comparison));
  }
  return {
    baselineId: baseline.id,
    runs: records.map(comparedRun),
    pairs,
    skipped,
    tradeoff: tradeoffTable(records).map((r) => ({
      variant: r.variant, executionProvider: r.executionProvider, top1: r.top1, p50Ms: r.p50Ms, p99Ms: r.p99Ms, throughputPerS: r.throughputPerS,
      modelSizeBytes: r.modelSizeBytes, peakRssBytes: r.peakRssBytes, pareto: r.pareto, runIds: r.runIds,
    })),
    text: texts.join('\n'),
  };
}

function comparedRun(r: RunRecord): ComparedRun {
  const completed = r.state === 'completed';
  return {
    id: r.id,
    title: runTitle(r),
    state: r.state,
    executionProvider: completed ? r.executionProvider : null,
    samplesMs: r.samplesMs,
    p50Ms: completed ? r.latencyMs.p50 : null,
    p99Ms: completed ? r.latencyMs.p99 : null,
    throughputPerS: completed ? r.throughputPerS : null,
    medianInterval: completed ? { lowMs: r.stability.medianInterval.lowMs, highMs: r.stability.medianInterval.highMs, confidence: r.stability.medianInterval.confidence } : null,
  };
}
