import type { MaxQpsAnswerInput } from '../../../core/present/max-qps-answer.js';
/**
 * The shapes core/bench and core/telemetry write under `extras.<key>`, checked before a view of its
 * own draws them: a record from an older or newer edgelab whose extras differ falls back to the
 * generic view instead of throwing. The renderer may not import those modules, so the shapes are
 * restated here, as the reports restate them in their own views.
 */
type Check = (v: unknown) => boolean;

const num: Check = (v) => typeof v === 'number';
const str: Check = (v) => typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const nullable = (c: Check): Check => (v) => v === null || c(v);
const optional = (c: Check): Check => (v) => v === undefined || c(v);
const array = (c: Check): Check => (v) => Array.isArray(v) && v.every(c);
const object = (shape: Record<string, Check>): Check => (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(shape).every(([k, c]) => c((v as Record<string, unknown>)[k]));
const reading = (value: Check): Check => (v) => object({ available: (a) => a === true, value })(v) || object({ available: (a) => a === false, reason: str })(v);

export type Reading<T> = { available: true; value: T } | { available: false; reason: string };

export interface TelemetryExtras {
  intervalMs: number;
  sampleCount: number;
  cpuLoadPercent: Reading<{ mean: number; max: number }>;
  cpuClockMHz: Reading<{ mean: number; min: number; max: number; source: string }>;
  temperatureC: Reading<{ mean: number; max: number; first: number; last: number; source: string }>;
  energy: Reading<{ source: string; energyJ: number; averagePowerW: number; joulesPerInference: number }>;
  gpu: Reading<{ gpus: number; meanUtilizationPercent: number | null; maxTemperatureC: number | null; meanPowerW: number | null }>;
  throttling: { throttled: boolean; finding: string };
  series?: TelemetrySeries;
  /** Set when the samples come from an imported log, not from a run here. */
  importedLog?: string;
}

export interface TelemetrySeries {
  elapsedMs: number[];
  cpuLoadPercent: number[];
  cpuClockMHz: (number | null)[];
  temperatureC: (number | null)[];
  powerW: (number | null)[];
}

const seriesCheck = object({
  elapsedMs: array(num),
  cpuLoadPercent: array(num),
  cpuClockMHz: array(nullable(num)),
  temperatureC: array(nullable(num)),
  powerW: array(nullable(num)),
});

const telemetryCheck = object({
  intervalMs: num,
  sampleCount: num,
  cpuLoadPercent: reading(object({ mean: num, max: num })),
  cpuClockMHz: reading(object({ mean: num, min: num, max: num, source: str })),
  temperatureC: reading(object({ mean: num, max: num, first: num, last: num, source: str })),
  energy: reading(object({ source: str, energyJ: num, averagePowerW: num, joulesPerInference: num })),
  gpu: reading(object({ gpus: num, meanUtilizationPercent: nullable(num), maxTemperatureC: nullable(num), meanPowerW: nullable(num) })),
  throttling: object({ throttled: bool, finding: str }),
  series: optional(seriesCheck),
});

export interface MemoryExtras {
  rssBeforeLoadBytes?: number;
  rssAfterSessionBytes?: number;
  peakRssBytes?: number;
  maxRssLifetimeBytes?: number;
  peakRssMethod?: string;
}

const memoryCheck = object({
  rssBeforeLoadBytes: optional(num),
  rssAfterSessionBytes: optional(num),
  peakRssBytes: optional(num),
  maxRssLifetimeBytes: optional(num),
  peakRssMethod: optional(str),
});

export interface StageStats { mean: number; p50: number; p90: number; p99: number; max: number }
export interface PipelineExtras {
  frames: number;
  imagesPerFrame: number;
  imageCount: number;
  postprocess: string;
  preprocessMs: StageStats;
  inferenceMs: StageStats;
  postprocessMs: StageStats;
  totalMs: StageStats;
}

const stage = object({ mean: num, p50: num, p90: num, p99: num, max: num });
const pipelineCheck = object({ frames: num, imagesPerFrame: num, imageCount: num, postprocess: str, preprocessMs: stage, inferenceMs: stage, postprocessMs: stage, totalMs: stage });

export interface TrialsExtras {
  count: number;
  trials: Array<{ index: number; iterations: number; medianMs: number; coefficientOfVariation: number; throughputPerS: number }>;
  betweenTrialCv: number;
  withinTrialCv: number;
  medianOfTrialsMs: { mean: number; low: number; high: number; confidence: number; exact: boolean };
}

const trialsCheck = object({
  count: num,
  trials: array(object({ index: num, iterations: num, medianMs: num, coefficientOfVariation: num, throughputPerS: num })),
  betweenTrialCv: num,
  withinTrialCv: num,
  medianOfTrialsMs: object({ mean: num, low: num, high: num, confidence: num, exact: bool }),
});

export interface ServerExtras {
  sessions: number;
  targetQps: number;
  achievedQps: number;
  scheduledQueries: number;
  completedQueries: number;
  issueLagMs: { p50: number; p99: number; max: number };
  latencyFrom: string;
  foundBy?: string;
  bound?: string;
}

const serverCheck = object({
  sessions: num,
  targetQps: num,
  achievedQps: num,
  scheduledQueries: num,
  completedQueries: num,
  issueLagMs: object({ p50: num, p99: num, max: num }),
  latencyFrom: str,
  foundBy: optional(str),
  bound: optional(str),
});

export interface MaxQpsExtras extends MaxQpsAnswerInput {
  bound: string;
  maxQps: number | null;
  failedQps: number | null;
  trials: Array<{ qps: number; queries: number; observedMs: number | null; passed: boolean; stoppedEarly: boolean }>;
  method: string;
}

const maxQpsCheck = object({
  bound: str,
  maxQps: nullable(num),
  failedQps: nullable(num),
  trials: array(object({ qps: num, queries: num, observedMs: nullable(num), passed: bool, stoppedEarly: bool })),
  method: str,
});

export interface ThroughputExtras { concurrency: number; sessions: number }
const throughputCheck = object({ concurrency: num, sessions: num });

export interface PerSampleExtras { batchDim: string; batchSize: number; p50Ms: number; p99Ms: number; meanMs: number }
const perSampleCheck = object({ batchDim: str, batchSize: num, p50Ms: num, p99Ms: num, meanMs: num });

const is = <T>(check: Check) => (v: unknown): v is T => check(v);

export const isTelemetryExtras = is<TelemetryExtras>(telemetryCheck);
/** Every figure is optional (evaluations record only the peak), but an object with none of them is something else. */
export const isMemoryExtras = (v: unknown): v is MemoryExtras =>
  memoryCheck(v) && ['rssBeforeLoadBytes', 'rssAfterSessionBytes', 'peakRssBytes', 'maxRssLifetimeBytes'].some((k) => typeof (v as Record<string, unknown>)[k] === 'number');
export const isPipelineExtras = is<PipelineExtras>(pipelineCheck);
export const isTrialsExtras = is<TrialsExtras>(trialsCheck);
export const isServerExtras = is<ServerExtras>(serverCheck);
export const isMaxQpsExtras = is<MaxQpsExtras>(maxQpsCheck);
export const isThroughputExtras = is<ThroughputExtras>(throughputCheck);
export const isPerSampleExtras = is<PerSampleExtras>(perSampleCheck);
