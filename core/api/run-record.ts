import { z } from 'zod';
import { RunSpecSchema } from './run-spec.js';

/**
 * The run record is the stable contract other tools read (reports, compare, the ladder, CI). Flat,
 * with units in field names. A record is written once and never edited; `schemaVersion` lets a later
 * edgelab read an older workspace.
 */
export const RUN_RECORD_SCHEMA_VERSION = 1 as const;

export const LatencyStatsSchema = z.strictObject({
  mean: z.number(),
  stddev: z.number(),
  min: z.number(),
  max: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
});
export type LatencyStats = z.infer<typeof LatencyStatsSchema>;

/** A distribution-free confidence interval for a quantile, from order statistics. */
export const QuantileIntervalSchema = z.strictObject({
  quantile: z.number(),
  confidence: z.number(),
  lowMs: z.number(),
  highMs: z.number(),
  /** False when the sample is too small for an interval at this confidence: bounds are min/max. */
  exact: z.boolean(),
});
export type QuantileInterval = z.infer<typeof QuantileIntervalSchema>;

export const StabilitySchema = z.strictObject({
  /** stddev / mean. */
  coefficientOfVariation: z.number(),
  /** Samples whose modified z-score (MAD based) exceeds the threshold. */
  outlierCount: z.number().int(),
  outlierThreshold: z.number(),
  /** Median of the last decile over the median of the first: > 1 means the run got slower. */
  /** null when the run is too short to compare its first and last tenth (fewer than 20 samples). */
  driftRatio: z.number().nullable(),
  medianInterval: QuantileIntervalSchema,
});
export type Stability = z.infer<typeof StabilitySchema>;

export const WarningSchema = z.strictObject({
  code: z.string(),
  message: z.string(),
  advice: z.string(),
});

export const VerdictSchema = z.strictObject({
  target: z.string(),
  metric: z.string(),
  comparator: z.string(),
  thresholdValue: z.number(),
  unit: z.string(),
  observedValue: z.number().nullable(),
  status: z.enum(['pass', 'fail', 'inconclusive']),
  /** How the verdict was reached, e.g. the interval used; shown beside it in every report. */
  method: z.string(),
  intervalLow: z.number().nullable(),
  intervalHigh: z.number().nullable(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const ModelFingerprintSchema = z.strictObject({
  path: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  producer: z.string(),
  opsets: z.record(z.string(), z.number()),
});

export const SoftwareSchema = z.strictObject({
  edgelab: z.string(),
  onnxruntime: z.string(),
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
});

export const InputSetInfoSchema = z.strictObject({
  distinctSets: z.number().int(),
  seed: z.number().int(),
  tensors: z.array(z.strictObject({ name: z.string(), dtype: z.string(), shape: z.array(z.number()) })),
});

export const ErrorInfoSchema = z.strictObject({
  kind: z.enum(['usage', 'input', 'unavailable', 'runtime']),
  message: z.string(),
  hint: z.string().optional(),
});

/**
 * Where a record's numbers came from. Absent means **measured**: edgelab ran the model here. An
 * **imported** record was made from files another tool wrote (a trtexec log and its exports, an ONNX
 * Runtime profile) on a machine edgelab may never have seen: it is listed, reported and compared
 * visibly apart, and never checks a measured ladder item.
 */
export const RunOriginSchema = z.strictObject({
  kind: z.literal('imported'),
  /** The tool whose output was imported: 'trtexec', 'ort-profile'. */
  tool: z.string(),
  /** The imported files as they were read (copied into the run's folder, covered by its hash). */
  files: z.array(z.strictObject({ role: z.string(), name: z.string(), sha256: z.string() })),
  /** The machine as the imported files state it (e.g. trtexec's "Selected Device"), when they do. */
  statedHardware: z.string().nullable(),
  importedAt: z.string(),
});
export type RunOrigin = z.infer<typeof RunOriginSchema>;

const RecordBase = {
  schemaVersion: z.literal(RUN_RECORD_SCHEMA_VERSION),
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  spec: RunSpecSchema,
  model: ModelFingerprintSchema.nullable(),
  software: SoftwareSchema,
  /** Filled by core/hardware when the workspace records the run; null for a bare in-memory run. */
  hardware: z.record(z.string(), z.unknown()).nullable(),
  /** Summaries added by later stages (profile, telemetry, memory); free-form but named by key. */
  extras: z.record(z.string(), z.unknown()).default({}),
  origin: RunOriginSchema.optional(),
  /** SHA-256 of the record's own file as written without this field (core/evidence/record-file.ts). */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
};

export const CompletedRunSchema = z.strictObject({
  ...RecordBase,
  state: z.literal('completed'),
  executionProvider: z.string(),
  /**
   * Null parts are "not stated": only an imported record has them (a trtexec log times no first
   * inference apart; files without a log state no engine build or load), never a measured one.
   */
  coldStart: z.strictObject({ sessionCreateMs: z.number().nullable(), firstInferenceMs: z.number().nullable() }),
  warmup: z.strictObject({ iterations: z.number().int(), durationMs: z.number() }),
  iterations: z.number().int(),
  durationMs: z.number(),
  latencyMs: LatencyStatsSchema,
  stability: StabilitySchema,
  throughputPerS: z.number(),
  /** Value of the batch dim when the run knows it (a sweep's batch axis, or the scenario's batchDim). */
  batchSize: z.number().int().positive().optional(),
  /** Samples (batch items) per second: throughputPerS × batchSize. */
  samplesPerS: z.number().optional(),
  samplesMs: z.array(z.number()),
  inputs: InputSetInfoSchema,
  warnings: z.array(WarningSchema),
  verdicts: z.array(VerdictSchema),
});
export type CompletedRun = z.infer<typeof CompletedRunSchema>;

/** Only imported evidence may leave a cold-start figure unstated; a run edgelab measured always times both. */
const coldStartStated = (record: CompletedRun, ctx: z.RefinementCtx) => {
  if (record.origin?.kind === 'imported') return;
  for (const key of ['sessionCreateMs', 'firstInferenceMs'] as const) {
    if (record.coldStart[key] === null) ctx.addIssue({ code: 'custom', path: ['coldStart', key], message: `coldStart.${key} is null, which only an imported run may leave (not stated by its files); a measured run records it` });
  }
};

export const FailedRunSchema = z.strictObject({
  ...RecordBase,
  state: z.enum(['failed', 'cancelled']),
  error: ErrorInfoSchema,
  /** Samples taken before the run stopped, kept so nothing measured is lost. */
  samplesMs: z.array(z.number()),
});
export type FailedRun = z.infer<typeof FailedRunSchema>;

/**
 * Latency as another tool stated it, when that is all its files hold (OpenVINO's benchmark_app
 * prints a median or one percentile, the mean, min and max, never the iterations). Only what the
 * files state is kept: nothing is derived, no interval is possible, and a target on a figure the
 * files do not state is reported as not stated.
 */
export const StatedSummarySchema = z.strictObject({
  /** The file (and line) the figures were read from, as the record names the copied file. */
  source: z.string(),
  iterations: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  throughputPerS: z.number().nullable(),
  latencyMs: z.strictObject({
    mean: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    /** The percentiles stated, e.g. [{ percentile: 50, valueMs: 20.76 }]. */
    percentiles: z.array(z.strictObject({ percentile: z.number().min(0).max(100), valueMs: z.number() })),
  }),
  /**
   * Other timings the tool stated beside the latency, each as printed (trtexec's Enqueue Time, H2D
   * Latency, GPU Compute Time, D2H Latency); `totalMs` is a stated sum over the run (Total GPU
   * Compute Time). Absent in records that state none.
   */
  stages: z.array(z.strictObject({
    name: z.string(),
    mean: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    percentiles: z.array(z.strictObject({ percentile: z.number().min(0).max(100), valueMs: z.number() })),
    totalMs: z.number().nullable(),
  })).optional(),
  firstInferenceMs: z.number().nullable(),
  /** Model load + compile (benchmark_app's read and compile times), when stated. */
  compileMs: z.number().nullable(),
  /** Why there are no samples: said once, shown wherever the numbers are. */
  note: z.string(),
});
export type StatedSummary = z.infer<typeof StatedSummarySchema>;

/** A completed run known only by the summary another tool printed: no samples, no intervals. */
export const SummaryOnlyRunSchema = z.strictObject({
  ...RecordBase,
  state: z.literal('summary-only'),
  executionProvider: z.string(),
  statedSummary: StatedSummarySchema,
  /** Always empty: kept so that code reading samples of any record finds none here. */
  samplesMs: z.array(z.number()).max(0),
  warnings: z.array(WarningSchema),
  verdicts: z.array(VerdictSchema),
});
export type SummaryOnlyRun = z.infer<typeof SummaryOnlyRunSchema>;


/**
 * A run another tool observed without per-inference samples: a DeepStream pipeline's `**PERF:` and
 * latency lines, a tegrastats log. Its figures live in `extras` (streams, FPS over time, power);
 * it has no latency statistics or intervals, since nothing was timed per inference to build them from.
 */
export const ObservedRunSchema = z.strictObject({
  ...RecordBase,
  state: z.literal('observed'),
  /** Wall time the observation covered, when the files state it (a tegrastats log does; PERF lines do not). */
  durationMs: z.number().nullable(),
  samplesMs: z.array(z.number()).max(0),
  warnings: z.array(WarningSchema),
  verdicts: z.array(VerdictSchema),
});
export type ObservedRun = z.infer<typeof ObservedRunSchema>;

export const RunRecordSchema = z.discriminatedUnion('state', [CompletedRunSchema.superRefine(coldStartStated), FailedRunSchema, SummaryOnlyRunSchema, ObservedRunSchema]);
export type RunRecord = z.infer<typeof RunRecordSchema>;

/**
 * Why a record is not a judged measurement, as an error: a failed run's own, or, for a summary-only
 * import, that it holds no samples to compute statistics from. Null for a completed run and for an
 * observed one (a pipeline's log is judged on what it states, not failed).
 */
export function failureOf(record: FailedRun | SummaryOnlyRun): z.infer<typeof ErrorInfoSchema>;
export function failureOf(record: RunRecord): z.infer<typeof ErrorInfoSchema> | null;
export function failureOf(record: RunRecord): z.infer<typeof ErrorInfoSchema> | null {
  if (record.state === 'summary-only') return { kind: 'input', message: `summary only: ${record.statedSummary.note}` };
  return record.state === 'failed' || record.state === 'cancelled' ? record.error : null;
}

/** Measured unless the record says it was imported. */
export function evidenceKind(record: Pick<RunRecord, 'origin'>): 'measured' | 'imported' {
  return record.origin?.kind === 'imported' ? 'imported' : 'measured';
}
