import { formatPValue } from '../api/compare-text.js';
import type { ComparedMetricView, PairComparison } from '../api/run-comparison.js';

/**
 * The one sentence a comparison comes down to, for the top of every face that compares two runs:
 * how much faster or slower B is at a percentile, with the 95 % interval of that change, and
 * whether the two runs measured the same thing. Built from the comparison's own figures (the rank
 * test, each percentile's ratio and its interval), never from a second computation.
 */
export interface CompareSentence {
  /** The sentence itself, ready to print. */
  text: string;
  /** For colour: B faster, B slower, or no significant change at the metric named. */
  direction: 'faster' | 'slower' | 'same';
  /** The percentile the sentence is about (p99 when its interval is bounded, else p50). */
  metric: string;
  /** Whether the model file and the workload (scenario, inputs, shapes) were the same. */
  likeForLike: boolean;
}

/** Which percentile leads: the tail when the samples bound it, otherwise the median. */
function leadingMetric(metrics: readonly ComparedMetricView[]): ComparedMetricView | null {
  const byName = (name: string) => metrics.find((m) => m.metric === name);
  const p99 = byName('p99');
  const p50 = byName('p50');
  if (p99?.ratioInterval) return p99;
  if (p50?.ratioInterval) return p50;
  return p99 ?? p50 ?? null;
}

/** A percentage of change: whole numbers from 10 % up, one decimal below, so small changes keep a digit. */
export function formatChangePercent(value: number): string {
  const abs = Math.abs(value);
  const text = abs >= 10 ? abs.toFixed(0) : abs.toFixed(1);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/**
 * The change as a percentage in the direction named: for "faster" (latency), 1 − B/A; for
 * "slower", B/A − 1. An interval of the ratio maps onto the same scale, its ends swapped for faster.
 */
export function changePercent(ratio: number, direction: 'faster' | 'slower'): number {
  return direction === 'faster' ? (1 - ratio) * 100 : (ratio - 1) * 100;
}

function intervalText(metric: ComparedMetricView, direction: 'faster' | 'slower'): string {
  const ci = metric.ratioInterval;
  if (!ci) return `no interval: too few samples to bound ${metric.metric}`;
  const ends = [changePercent(ci.low, direction), changePercent(ci.high, direction)].sort((x, y) => x - y) as [number, number];
  const low = formatChangePercent(ends[0]);
  const high = formatChangePercent(ends[1]);
  // "−3 to 7 %" reads better than "−3–7 %" once a sign is in play.
  const joined = ends[0] < 0 ? `${low} to ${high}` : `${low}–${high}`;
  return `${Math.round(ci.confidence * 100)} % CI ${joined} %`;
}

/** What the two runs had in common, from the comparison's own warnings. */
function conditions(pair: PairComparison): { text: string; likeForLike: boolean } {
  const codes = new Set(pair.warnings.map((w) => w.code));
  const model = codes.has('different-model');
  const workload = codes.has('different-workload');
  const text = model && workload ? 'on different model files and different workloads' : model ? 'on different model files' : workload ? 'on the same model file with different workloads (scenario, inputs or shapes)' : 'on the same model and inputs';
  const machine = codes.has('different-hardware') ? ', on different machines' : codes.has('different-accelerator') ? ', on different accelerators' : '';
  return { text: text + machine, likeForLike: !model && !workload };
}

function metricName(metric: string): string {
  return metric === 'p999' ? 'p99.9' : metric;
}

/**
 * "B is 12 % faster than A at p99, 95 % CI 9–15 %, on the same model and inputs." When the rank
 * test finds no difference, or the percentile moved against the samples as a whole, the sentence
 * says there is no significant change and gives the p value.
 */
export function compareSentence(pair: PairComparison): CompareSentence {
  const metric = leadingMetric(pair.metrics);
  const where = conditions(pair);
  const a = pair.a.title;
  const b = pair.b.title;
  const t = pair.test;
  if (!metric) {
    return { text: `${b} against ${a}: no latency percentile to compare, ${where.text}.`, direction: 'same', metric: '', likeForLike: where.likeForLike };
  }
  const name = metricName(metric.metric);
  if (metric.change === 'faster' || metric.change === 'slower') {
    const percent = formatChangePercent(changePercent(metric.ratio, metric.change));
    return {
      text: `${b} is ${percent} % ${metric.change} than ${a} at ${name}, ${intervalText(metric, metric.change)}, ${where.text}.`,
      direction: metric.change,
      metric: name,
      likeForLike: where.likeForLike,
    };
  }
  const moved = metric.ratio <= 1 ? 'faster' : 'slower';
  const test = `${t.name} p ${formatPValue(t.pValue)}, α = ${t.alpha}`;
  const why = t.significant
    ? `the samples as a whole favour ${t.faster === 'b' ? b : a} (${test}), but ${name} moved the other way`
    : `${test}`;
  return {
    text: `No significant difference between ${b} and ${a} at ${name} (${why}): ${formatChangePercent(changePercent(metric.ratio, moved))} % ${moved}, ${intervalText(metric, moved)}, ${where.text}.`,
    direction: 'same',
    metric: name,
    likeForLike: where.likeForLike,
  };
}
