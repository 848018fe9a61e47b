import { formatPValue } from './compare-text.js';
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

/** Decimals for a set of percentages: whole numbers once any reaches 10 %, one decimal below, so small changes keep a digit. */
function percentDecimals(values: readonly number[]): number {
  return values.some((v) => Math.abs(v) >= 10) ? 0 : 1;
}

/** A percentage of change, with a true minus sign for a change the other way. */
export function formatChangePercent(value: number, decimals = percentDecimals([value])): string {
  const text = Math.abs(value).toFixed(decimals);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/**
 * The change as a percentage in the direction named: for "faster" (latency), 1 − B/A; for
 * "slower", B/A − 1. An interval of the ratio maps onto the same scale, its ends swapped for faster.
 */
export function changePercent(ratio: number, direction: 'faster' | 'slower'): number {
  return direction === 'faster' ? (1 - ratio) * 100 : (ratio - 1) * 100;
}

/** A factor such as 4.2 or 777: beyond twice as fast or slow, "×4.2" reads where "320 %" does not. */
export function formatFactor(factor: number): string {
  return factor >= 100 ? factor.toFixed(0) : factor >= 10 ? factor.toFixed(1) : factor.toFixed(2);
}

/** How many times faster (A/B) or slower (B/A) B is: used once B is at least twice as fast or slow. */
function factorOf(ratio: number, direction: 'faster' | 'slower'): number {
  return direction === 'faster' ? 1 / ratio : ratio;
}

const FACTOR_FROM = 2;

function intervalText(metric: ComparedMetricView, direction: 'faster' | 'slower', asFactor: boolean): string {
  const ci = metric.ratioInterval;
  if (!ci) return `no interval: too few samples to bound ${metricName(metric.metric)}`;
  const confidence = `${Math.round(ci.confidence * 100)} % CI`;
  if (asFactor) {
    const ends = [factorOf(ci.low, direction), factorOf(ci.high, direction)].sort((x, y) => x - y) as [number, number];
    return `${confidence} ${formatFactor(ends[0])}–${formatFactor(ends[1])}×`;
  }
  const ends = [changePercent(ci.low, direction), changePercent(ci.high, direction)].sort((x, y) => x - y) as [number, number];
  const decimals = percentDecimals(ends);
  const low = formatChangePercent(ends[0], decimals);
  const high = formatChangePercent(ends[1], decimals);
  // "−3 to 7 %" reads better than "−3–7 %" once a sign is in play.
  return `${confidence} ${ends[0] < 0 ? `${low} to ${high}` : `${low}–${high}`} %`;
}

/** "12 % faster" or, from twice as fast on, "4.2× faster". */
function changeText(ratio: number, direction: 'faster' | 'slower'): { text: string; asFactor: boolean } {
  const factor = factorOf(ratio, direction);
  if (factor >= FACTOR_FROM) return { text: `${formatFactor(factor)}× ${direction}`, asFactor: true };
  return { text: `${formatChangePercent(changePercent(ratio, direction))} % ${direction}`, asFactor: false };
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
 * "B is 12 % faster than A at p99, 95 % CI 9–15 %, on the same model and inputs" (from twice as
 * fast or slow on, as a factor: "4.2× slower, 95 % CI 3.9–4.6×"). When the rank
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
    const change = changeText(metric.ratio, metric.change);
    return {
      text: `${b} is ${change.text} than ${a} at ${name}, ${intervalText(metric, metric.change, change.asFactor)}, ${where.text}.`,
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
    text: `No significant difference between ${b} and ${a} at ${name} (${why}): ${changeText(metric.ratio, moved).text}, ${intervalText(metric, moved, changeText(metric.ratio, moved).asFactor)}, ${where.text}.`,
    direction: 'same',
    metric: name,
    likeForLike: where.likeForLike,
  };
}
