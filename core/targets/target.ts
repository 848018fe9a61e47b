/**
 * A target is one bound on one measured quantity: `p99<=33ms`, `fps>=30`, `rss<=512MB`. Thresholds
 * are held in one unit per kind (milliseconds, bytes, per second) so that verdicts compare and store
 * like with like; the unit the user wrote is kept beside it so messages speak in their terms.
 */

export const targetMetrics = [
  'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'min', 'max', 'fps', 'throughput', 'coldstart', 'rss', 'pipeline-fps',
  'map', 'map50', 'miou', 'hmean', 'map-drop', 'miou-drop', 'hmean-drop',
] as const;
export type TargetMetric = (typeof targetMetrics)[number];

export const comparators = ['<', '<=', '>', '>='] as const;
export type Comparator = (typeof comparators)[number];

/** accuracy: a fraction from 0 to 1 (mAP, mIoU, hmean); drop: points of it (100 × the fraction) lost against a reference run. */
export type MetricKind = 'time' | 'memory' | 'fps' | 'throughput' | 'accuracy' | 'drop';

/** The unit every threshold and observation of a kind is stored in. */
export const canonicalUnit = { time: 'ms', memory: 'B', fps: 'fps', throughput: '/s', accuracy: 'fraction', drop: 'pt' } as const satisfies Record<MetricKind, string>;
export type CanonicalUnit = (typeof canonicalUnit)[MetricKind];

export interface MetricInfo {
  kind: MetricKind;
  /** For latency percentiles: the quantile, e.g. 0.99. */
  quantile?: number;
  description: string;
}

export const metricInfo: Record<TargetMetric, MetricInfo> = {
  mean: { kind: 'time', description: 'mean latency' },
  p50: { kind: 'time', quantile: 0.5, description: 'median latency' },
  p90: { kind: 'time', quantile: 0.9, description: '90th percentile latency' },
  p95: { kind: 'time', quantile: 0.95, description: '95th percentile latency' },
  p99: { kind: 'time', quantile: 0.99, description: '99th percentile latency' },
  p999: { kind: 'time', quantile: 0.999, description: '99.9th percentile latency' },
  min: { kind: 'time', description: 'fastest inference' },
  max: { kind: 'time', description: 'slowest inference' },
  fps: { kind: 'fps', description: 'frames per second of one stream, 1000 / mean latency; on a video pipeline, of every stream' },
  'pipeline-fps': { kind: 'fps', description: 'frames per second of a video pipeline, summed over its streams' },
  throughput: { kind: 'throughput', description: 'inferences per second over the run' },
  coldstart: { kind: 'time', description: 'session creation plus first inference' },
  rss: { kind: 'memory', description: 'peak resident memory of the process' },
  map: { kind: 'accuracy', description: 'COCO mAP .50:.95 (AP over all areas, 100 detections) of an accuracy pass' },
  map50: { kind: 'accuracy', description: 'COCO AP at IoU .50 of an accuracy pass' },
  miou: { kind: 'accuracy', description: 'mean IoU over classes of an accuracy pass on masks' },
  hmean: { kind: 'accuracy', description: 'ICDAR 2015 hmean of an accuracy pass on text' },
  'map-drop': { kind: 'drop', description: 'points of mAP lost against the reference run, by a paired bootstrap over images' },
  'miou-drop': { kind: 'drop', description: 'points of mIoU lost against the reference run, by a paired bootstrap over images' },
  'hmean-drop': { kind: 'drop', description: 'points of hmean lost against the reference run, by a paired bootstrap over images' },
};

/** The accuracy metric each drop target bounds. */
export const dropOf = { 'map-drop': 'map', 'miou-drop': 'miou', 'hmean-drop': 'hmean' } as const;
export type AccuracyMetric = 'map' | 'map50' | 'miou' | 'hmean';
export type DropMetric = keyof typeof dropOf;
export const isAccuracyMetric = (m: TargetMetric): m is AccuracyMetric => metricInfo[m].kind === 'accuracy';
export const isDropMetric = (m: TargetMetric): m is DropMetric => metricInfo[m].kind === 'drop';

/** Other spellings people write; the value is the metric they mean. */
export const metricAliases: Record<string, TargetMetric> = { 'p99.9': 'p999', median: 'p50' };

export interface UnitSpelling {
  /** As shown in messages; matched case-insensitively. */
  name: string;
  /** How many of the kind's canonical unit one of these holds. */
  scale: number;
}

export const unitsByKind: Record<MetricKind, readonly UnitSpelling[]> = {
  time: [{ name: 'ms', scale: 1 }, { name: 's', scale: 1000 }, { name: 'us', scale: 0.001 }, { name: 'µs', scale: 0.001 }],
  // SI prefixes are powers of ten, IEC ones powers of two, as `free --si` and `free` print them.
  memory: [
    { name: 'B', scale: 1 },
    { name: 'KB', scale: 1e3 },
    { name: 'MB', scale: 1e6 },
    { name: 'GB', scale: 1e9 },
    { name: 'KiB', scale: 1024 },
    { name: 'MiB', scale: 1024 ** 2 },
    { name: 'GiB', scale: 1024 ** 3 },
  ],
  fps: [{ name: 'fps', scale: 1 }],
  throughput: [{ name: '/s', scale: 1 }],
  accuracy: [],
  drop: [{ name: 'pt', scale: 1 }, { name: 'points', scale: 1 }],
};

/** Rates read naturally without a unit (`fps>=30`); a time or a size without one is ambiguous. */
export const unitOptional: Record<MetricKind, boolean> = { time: false, memory: false, fps: true, throughput: true, accuracy: true, drop: false };

export interface Target {
  /** The expression as written (trimmed), or the preset's name. */
  expression: string;
  metric: TargetMetric;
  comparator: Comparator;
  /** In `unit`. */
  threshold: number;
  unit: CanonicalUnit;
  /** The unit as written, in its listed spelling (the canonical one for presets and bare rates) … */
  displayUnit: string;
  /** … and how many canonical units it holds, e.g. 1e6 for MB. */
  displayScale: number;
}

export const targetPresets: Record<string, Omit<Target, 'expression'>> = {
  // 33.3 ms and 16.7 ms are one frame at 30 and 60 frames per second, the budget of a live video loop.
  'realtime-30': { metric: 'p99', comparator: '<=', threshold: 33.3, unit: 'ms', displayUnit: 'ms', displayScale: 1 },
  'realtime-60': { metric: 'p99', comparator: '<=', threshold: 16.7, unit: 'ms', displayUnit: 'ms', displayScale: 1 },
};

export const TARGET_EXAMPLES = 'p99<=33ms, p50<10ms, mean<=5ms, fps>=30, pipeline-fps>=120, throughput>=100/s, coldstart<=2s, rss<=512MB, realtime-30, map>=0.35, miou>=0.9, map-drop<=1pt';

/** `p99 <= 33.3 ms`, `fps >= 30`, `throughput >= 100/s`: the bound in the user's unit. */
export function describeBound(target: Omit<Target, 'expression'>): string {
  return `${target.metric} ${target.comparator} ${inDisplayUnit(target, target.threshold, 12)}`;
}

/** A value held in the canonical unit, written in the target's display unit. */
export function inDisplayUnit(target: Pick<Target, 'displayUnit' | 'displayScale'>, canonicalValue: number, digits = 4): string {
  const value = Number((canonicalValue / target.displayScale).toPrecision(digits));
  if (target.displayUnit === 'fps') return `${value}`;
  if (target.displayUnit === '/s') return `${value}/s`;
  if (target.displayUnit === 'fraction') return `${value}`;
  return `${value} ${target.displayUnit}`;
}
