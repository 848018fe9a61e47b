import type { CompletedRun, ObservedRun, RunRecord, SummaryOnlyRun } from '../api/run-record.js';
import { evidenceKind } from '../api/run-record.js';
import type { ComparisonWarning } from './comparison-types.js';
import { formatMs, formatPerSecond, shortHash } from '../present/format-values.js';
import { isPipelineRun } from '../present/pipeline-overhead.js';
import { runTitle } from '../present/run-labels.js';
import { statedPercentile } from '../present/stated-summary.js';
import { column, textTable } from '../present/table.js';

/**
 * Two runs side by side when one of them is summary-only (an OpenVINO benchmark_app import, a trtexec log alone) or
 * an observed pipeline (a DeepStream log, whose one figure is its FPS): there are no samples on
 * that side, so no test decides whether a difference is real. The figures both
 * runs state are set side by side with their ratio, the rest are named as not stated, and what
 * makes the runs unlike (another model, another engine, imported evidence) is said first.
 */
export type StatedMetric = 'p50' | 'p90' | 'p95' | 'p99' | 'mean' | 'min' | 'max' | 'throughput';

export interface StatedComparison {
  kind: 'stated';
  a: { id: string; title: string; summaryOnly: boolean; observed: boolean };
  b: { id: string; title: string; summaryOnly: boolean; observed: boolean };
  /** Figures both runs have: b / a as ratio. */
  metrics: Array<{ metric: StatedMetric; unit: 'ms' | '/s'; a: number; b: number; ratio: number }>;
  /** Figures one side does not state (a p99 of a median-only import). */
  notStated: StatedMetric[];
  warnings: ComparisonWarning[];
}

type Either = CompletedRun | SummaryOnlyRun | ObservedRun;

/** A run with figures to compare: completed, summary-only, or an observed pipeline (its FPS). */
export function hasFigures(run: RunRecord): run is Either {
  return run.state === 'completed' || run.state === 'summary-only' || isPipelineRun(run);
}

function figure(run: Either, metric: StatedMetric): number | null {
  if (run.state === 'completed') return metric === 'throughput' ? run.throughputPerS : run.latencyMs[metric];
  // A pipeline states frames per second over all its streams, and no per-inference latency.
  if (run.state === 'observed') return metric === 'throughput' ? (run.extras['deepstream'] as { pipelineFps: number }).pipelineFps : null;
  const s = run.statedSummary;
  if (metric === 'throughput') return s.throughputPerS;
  if (metric === 'mean' || metric === 'min' || metric === 'max') return s.latencyMs[metric];
  return statedPercentile(s, Number(metric.slice(1)));
}

const modelName = (r: Either) => r.model?.fileName ?? r.spec.model.split(/[\\/]/).pop() ?? r.spec.model;
const engineOf = (r: Either) => (r.origin?.tool === 'openvino' ? 'OpenVINO benchmark_app' : r.origin?.tool === 'deepstream' ? 'a DeepStream pipeline' : r.spec.engine?.kind === 'trtexec' ? 'trtexec' : 'ONNX Runtime');

export function statedWarnings(a: Either, b: Either): ComparisonWarning[] {
  const warnings: ComparisonWarning[] = [];
  const sameFile = a.model && b.model ? a.model.sha256 === b.model.sha256 : null;
  if (sameFile === false || (sameFile === null && modelName(a) !== modelName(b))) {
    const describe = (r: Either) => (r.model ? `${r.model.fileName} (sha256 ${shortHash(r.model.sha256)})` : `${modelName(r)} (no file fingerprint: the import was given no --model)`);
    warnings.push({ code: 'different-model', message: `The runs measured different models: ${describe(a)} and ${describe(b)}.`, advice: 'A latency difference between different models says nothing about the engine or the machine; compare runs of the same model.' });
  } else if (sameFile === null) {
    warnings.push({ code: 'different-model', message: `Whether both runs measured the same model file is unknown: ${[a, b].filter((r) => !r.model).map((r) => r.id).join(' and ')} carries no model fingerprint.`, advice: 'Import with --model MODEL.onnx so the record holds the file\'s SHA-256.' });
  }
  const imported = [a, b].filter((r) => evidenceKind(r) === 'imported');
  if (imported.length > 0) {
    warnings.push({ code: 'imported-evidence', message: `${imported.map((r) => `Run ${r.id} was imported from ${r.origin?.tool ?? 'another tool'}'s files`).join('; ')}: edgelab did not measure it.`, advice: 'The numbers are as the files give them. Measure both sides with edgelab to compare like for like.' });
  }
  if (engineOf(a) !== engineOf(b)) {
    warnings.push({ code: 'different-engine', message: `The runs used different engines: ${engineOf(a)} → ${engineOf(b)}.`, advice: `Each latency is end-to-end as its tool defines it${[a, b].some((r) => r.origin?.tool === 'openvino') ? '; benchmark_app\'s latency is per infer request, several of which may be in flight at once' : ''}${[a, b].some((r) => r.spec.engine?.kind === 'trtexec') ? '; trtexec\'s Latency is H2D + GPU compute + D2H per query when data transfers are on, GPU compute only when they are off' : ''}.` });
  }
  const summaryOnly = [a, b].filter((r) => r.state === 'summary-only');
  if (summaryOnly.length > 0) warnings.push({ code: 'summary-only', message: `${summaryOnly.map((r) => `Run ${r.id}`).join(' and ')} ${summaryOnly.length === 1 ? 'holds' : 'hold'} stated summary figures only: no samples, so no significance test; the ratios are of the figures as stated.`, advice: 'Measure both sides with edgelab bench to test whether a difference is real.' });
  const observed = [a, b].filter((r) => r.state === 'observed');
  if (observed.length > 0) warnings.push({ code: 'pipeline-observed', message: `${observed.map((r) => `Run ${r.id}`).join(' and ')} ${observed.length === 1 ? 'is a pipeline' : 'are pipelines'} observed without per-inference latencies: its throughput is frames per second over all its streams, set beside the other run's inferences per second as stated, not tested.`, advice: 'To compare the model itself, run it alone (trtexec, edgelab bench) on the same device; compare that run with the pipeline for its overhead beyond inference.' });
  return warnings;
}

export function compareStated(a: Either, b: Either): StatedComparison {
  const all: StatedMetric[] = ['p50', 'p90', 'p95', 'p99', 'mean', 'min', 'max', 'throughput'];
  const metrics: StatedComparison['metrics'] = [];
  const notStated: StatedMetric[] = [];
  for (const metric of all) {
    const va = figure(a, metric);
    const vb = figure(b, metric);
    if (va === null || vb === null) notStated.push(metric);
    else metrics.push({ metric, unit: metric === 'throughput' ? '/s' : 'ms', a: va, b: vb, ratio: vb / va });
  }
  return {
    kind: 'stated',
    a: { id: a.id, title: runTitle(a), summaryOnly: a.state === 'summary-only', observed: a.state === 'observed' },
    b: { id: b.id, title: runTitle(b), summaryOnly: b.state === 'summary-only', observed: b.state === 'observed' },
    metrics, notStated, warnings: statedWarnings(a, b),
  };
}

export function formatStatedComparison(c: StatedComparison): string {
  const side = (s: StatedComparison['a']) => `${s.title} (${s.id})${s.summaryOnly ? ', summary only' : s.observed ? ', observed pipeline' : ''}`;
  const lines = [`A: ${side(c.a)}`, `B: ${side(c.b)}`, ''];
  for (const w of c.warnings) lines.push(`! ${w.code}: ${w.message}`, `  ${w.advice}`);
  lines.push('', textTable({
    columns: [column('metric'), column('A', 'right'), column('B', 'right'), column('B/A', 'right'), column('change')],
    rows: c.metrics.map((m) => [m.metric, m.unit === 'ms' ? formatMs(m.a) : formatPerSecond(m.a), m.unit === 'ms' ? formatMs(m.b) : formatPerSecond(m.b), `×${m.ratio.toFixed(3)}`, 'not tested (no samples)']),
  }));
  if (c.notStated.length > 0) lines.push('', `Not stated by one side, so not compared: ${c.notStated.join(', ')}.`);
  return lines.join('\n');
}
