import { MEDIAN_INTERVAL_MIN_SAMPLES } from './median-interval.js';
import type { QuantileInterval, RunRecord, Verdict } from '../api/run-record.js';
import { minSamplesForQuantile, quantileInterval } from '../stats/quantile-interval.js';
import { formatDecimal, formatMs, formatPercent, formatPerSecond } from './format-values.js';
import { statedPercentile } from './stated-summary.js';

/**
 * What a run comes to, in the few figures a reader looks for first: the verdict, then p50, p99,
 * throughput, energy per inference and accuracy, each with its interval where the samples give one
 * and the reason where they do not. Pure: the Results screen lays it out, nothing is recomputed there.
 */
export type HeadlineStatus = 'pass' | 'fail' | 'inconclusive' | 'none';

export interface HeadlineFigure {
  key: 'p50' | 'p99' | 'throughput' | 'energy' | 'accuracy';
  label: string;
  /** The number as printed, without its unit. */
  value: string;
  unit: string;
  /** "95 % CI 1.20–1.27 ms", or null where no interval is drawn. */
  interval: string | null;
  /** Why there is no interval, or where the figure comes from (as stated, on N images). */
  note: string | null;
}

export interface RunHeadline {
  status: HeadlineStatus;
  /** One line: how the targets and the output check came out, or why nothing was judged. */
  verdict: string;
  figures: HeadlineFigure[];
}

const CONFIDENCE = 0.95;
const ciText = (ci: { lowMs: number; highMs: number; confidence: number }) => `${Math.round(ci.confidence * 100)} % CI ${formatMs(ci.lowMs)}–${formatMs(ci.highMs)} ms`;

function percentileFigure(key: 'p50' | 'p99', valueMs: number, ci: QuantileInterval | null, samples: number, minSamples: number): HeadlineFigure {
  const exact = ci !== null && ci.exact;
  return {
    key,
    label: `${key} latency`,
    value: formatMs(valueMs),
    unit: 'ms',
    interval: exact ? ciText(ci) : null,
    note: exact ? null : `no ${Math.round(CONFIDENCE * 100)} % CI: ${samples} ${samples === 1 ? 'sample' : 'samples'}, ${minSamples} needed`,
  };
}

/** Joules per inference from the GPU's power when the run has it, else the CPU package's (RAPL, tegrastats). */
function energyFigure(extras: Record<string, unknown>): HeadlineFigure | null {
  const telemetry = extras['telemetry'] as { energy?: unknown; gpuEnergy?: unknown } | undefined;
  for (const [reading, what] of [[telemetry?.gpuEnergy, 'GPU board power'], [telemetry?.energy, null]] as const) {
    const r = reading as { available?: unknown; value?: { joulesPerInference?: unknown; source?: unknown } } | undefined;
    const perInference = r?.available === true ? r.value?.joulesPerInference : undefined;
    if (typeof perInference === 'number' && perInference > 0) {
      const source = what ?? (typeof r?.value?.source === 'string' ? r.value.source : 'energy counters');
      return { key: 'energy', label: 'Energy per inference', value: formatDecimal(perInference), unit: 'J', interval: null, note: `from ${source}` };
    }
  }
  return null;
}

/**
 * Top-1 accuracy with a 95 % Wilson score interval over the images it was measured on: a share of
 * 200 images is known to a few points, of 50 000 to a fraction of one.
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959963984540054): { low: number; high: number } {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const denominator = 1 + (z * z) / trials;
  const centre = (p + (z * z) / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

function accuracyFigure(extras: Record<string, unknown>): HeadlineFigure | null {
  const a = extras['accuracy'] as { top1?: unknown; top5?: unknown; imageCount?: unknown } | undefined;
  if (typeof a?.top1 !== 'number') return null;
  const images = typeof a.imageCount === 'number' ? a.imageCount : null;
  const ci = images !== null && images > 0 ? wilsonInterval(Math.round(a.top1 * images), images) : null;
  return {
    key: 'accuracy',
    label: 'Top-1 accuracy',
    value: formatPercent(a.top1).replace(' %', ''),
    unit: '%',
    interval: ci ? `95 % CI ${formatPercent(ci.low).replace(' %', '')}–${formatPercent(ci.high)}` : null,
    note: [images !== null ? `on ${images} images` : null, typeof a.top5 === 'number' ? `top-5 ${formatPercent(a.top5)}` : null].filter(Boolean).join(', ') || null,
  };
}

/** The output check's own verdict (eval, parity), which a completed run carries beside its targets. */
function outputCheck(extras: Record<string, unknown>): { name: string; verdict: 'pass' | 'fail' } | null {
  for (const key of ['evaluation', 'parity'] as const) {
    const verdict = (extras[key] as { verdict?: unknown } | undefined)?.verdict;
    if (verdict === 'pass' || verdict === 'fail') return { name: key === 'parity' ? 'parity check' : 'output check', verdict };
  }
  return null;
}

function judged(verdicts: readonly Verdict[], check: ReturnType<typeof outputCheck>): { status: HeadlineStatus; verdict: string } {
  const failed = verdicts.filter((v) => v.status === 'fail');
  const open = verdicts.filter((v) => v.status === 'inconclusive');
  const parts: string[] = [];
  if (verdicts.length === 0) parts.push('No targets set');
  else if (failed.length > 0) parts.push(`${failed.length} of ${verdicts.length} ${verdicts.length === 1 ? 'target' : 'targets'} not met: ${failed.map((v) => v.target).join(', ')}`);
  else if (open.length > 0) parts.push(`${open.length} of ${verdicts.length} ${verdicts.length === 1 ? 'target' : 'targets'} inconclusive (the interval straddles the threshold): ${open.map((v) => v.target).join(', ')}`);
  else parts.push(verdicts.length === 1 ? `Target met: ${verdicts[0]?.target}` : `All ${verdicts.length} targets met`);
  if (check) parts.push(`${check.name} ${check.verdict === 'pass' ? 'passed' : 'failed'}`);
  const status: HeadlineStatus =
    failed.length > 0 || check?.verdict === 'fail' ? 'fail' : open.length > 0 ? 'inconclusive' : verdicts.length > 0 || check ? 'pass' : 'none';
  return { status, verdict: parts.join('; ') };
}

export function runHeadline(record: RunRecord): RunHeadline {
  const extras = record.extras;
  const optional = [energyFigure(extras), accuracyFigure(extras)].filter((f): f is HeadlineFigure => f !== null);
  if (record.state === 'completed') {
    const sorted = [...record.samplesMs].sort((x, y) => x - y);
    const n = sorted.length;
    const p99ci = n > 0 ? quantileInterval(sorted, 0.99, CONFIDENCE) : null;
    return {
      ...judged(record.verdicts, outputCheck(extras)),
      figures: [
        percentileFigure('p50', record.latencyMs.p50, record.stability.medianInterval, record.iterations, MEDIAN_INTERVAL_MIN_SAMPLES),
        percentileFigure('p99', record.latencyMs.p99, p99ci, n, minSamplesForQuantile(0.99, CONFIDENCE)),
        { key: 'throughput', label: 'Throughput', value: formatPerSecond(record.throughputPerS).replace(' /s', ''), unit: '/s', interval: null, note: `${record.iterations} timed iterations` },
        ...optional,
      ],
    };
  }
  if (record.state === 'summary-only') {
    const s = record.statedSummary;
    const stated = (key: 'p50' | 'p99', p: number): HeadlineFigure[] => {
      const v = statedPercentile(s, p);
      return v === null ? [] : [{ key, label: `${key} latency`, value: formatMs(v), unit: 'ms', interval: null, note: 'as stated: no samples, no interval' }];
    };
    const throughput: HeadlineFigure[] = s.throughputPerS === null ? [] : [{ key: 'throughput', label: 'Throughput', value: formatPerSecond(s.throughputPerS).replace(' /s', ''), unit: '/s', interval: null, note: 'as stated' }];
    return { ...judged(record.verdicts, null), figures: [...stated('p50', 50), ...stated('p99', 99), ...throughput, ...optional] };
  }
  if (record.state === 'observed') return { ...judged(record.verdicts, null), figures: optional };
  const targets = record.spec.targets.length;
  return {
    status: 'fail',
    verdict: `The run ${record.state === 'cancelled' ? 'was cancelled' : 'failed'} before it finished${targets > 0 ? `: ${targets} ${targets === 1 ? 'target' : 'targets'} not met` : ''}`,
    figures: optional,
  };
}
