import { z } from 'zod';
import { boundedText, filledText } from './bounded-text.js';
import { LIST_LIMITS } from './text-limits.js';

/**
 * A RunSpec is everything needed to repeat a measurement. The CLI builds one from flags, the app
 * from its form, a suite file holds a list of them; each is validated once, here, by the same schema.
 * Names follow ONNX Runtime's own (executionProviders, intraOpNumThreads, graphOptimizationLevel …).
 */

export const executionProviderNames = ['cpu', 'cuda', 'tensorrt', 'webgpu', 'dml', 'coreml', 'qnn', 'xnnpack'] as const;
export const ExecutionProviderSchema = z.enum(executionProviderNames);
export type ExecutionProvider = z.infer<typeof ExecutionProviderSchema>;

export const GraphOptimizationLevelSchema = z.enum(['disabled', 'basic', 'extended', 'all']);
export const ExecutionModeSchema = z.enum(['sequential', 'parallel']);

export const SessionSettingsSchema = z.strictObject({
  /** Tried in order by ONNX Runtime; edgelab refuses to start if the first one cannot start. */
  executionProviders: z.array(ExecutionProviderSchema).min(1).default(['cpu']),
  /** 0 lets ONNX Runtime choose (one thread per physical core). */
  intraOpNumThreads: z.number().int().min(0).max(1024).default(0),
  interOpNumThreads: z.number().int().min(0).max(1024).default(0),
  graphOptimizationLevel: GraphOptimizationLevelSchema.default('all'),
  executionMode: ExecutionModeSchema.default('sequential'),
  enableCpuMemArena: z.boolean().default(true),
  enableMemPattern: z.boolean().default(true),
  /** ONNX Runtime's freeDimensionOverrides: symbolic dim name → value, fixed at session creation. */
  freeDimensionOverrides: z.record(z.string(), z.number().int().positive()).default({}),
});
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;

export const SyntheticInputsSchema = z.strictObject({
  kind: z.literal('synthetic'),
  /** Seed of the generator, so a run can be repeated with the same tensors. */
  seed: z.number().int().min(0).default(1),
  /** Distinct input sets rotated across iterations; one set reused flatters caches. */
  poolSize: z.number().int().min(1).max(64).default(4),
  /** Values for symbolic dims by name (`--dim batch=1`). */
  dims: z.record(z.string(), z.number().int().positive()).default({}),
  /** Whole shapes by input name (`--shape input=1x3x224x224`); wins over `dims`. */
  shapes: z.record(z.string(), z.array(z.number().int().positive())).default({}),
});
export type SyntheticInputs = z.infer<typeof SyntheticInputsSchema>;

export const ResizeModeSchema = z.enum(['stretch', 'letterbox', 'center-crop']);
export type ResizeMode = z.infer<typeof ResizeModeSchema>;
const perChannel = z.tuple([z.number(), z.number(), z.number()]);

/**
 * Real images through sharp. A pixel p (0–255) becomes (p × scale − mean[c]) / std[c] for float
 * dtypes, so torchvision's normalisation is scale 1/255, mean [0.485, 0.456, 0.406], std
 * [0.229, 0.224, 0.225]; uint8 feeds the resized pixels as they are. The target size comes from the
 * model's input shape, or `size` when its height and width are symbolic.
 */
export const ImagesInputsSchema = z.strictObject({
  kind: z.literal('images'),
  /** Image files, text files listing one path a line, or folders (searched recursively). */
  paths: z.array(z.string().min(1)).min(1),
  /** stretch: to the size, aspect ignored; letterbox: fit inside, pad; center-crop: shorter side, crop. */
  resize: ResizeModeSchema.default('stretch'),
  /** Pixel value (0–255) of the letterbox padding; 114 is what YOLO models are trained with. */
  padValue: z.number().int().min(0).max(255).default(114),
  channelOrder: z.enum(['rgb', 'bgr']).default('rgb'),
  layout: z.enum(['nchw', 'nhwc']).default('nchw'),
  scale: z.number().positive().default(1 / 255),
  mean: perChannel.default([0, 0, 0]),
  std: perChannel.default([1, 1, 1]),
  dtype: z.enum(['float32', 'float16', 'uint8']).default('float32'),
  /** [height, width] when the model leaves them symbolic. */
  size: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
});
export type ImagesInputs = z.infer<typeof ImagesInputsSchema>;

/** ONNX test-data sets (`test_data_set_N/input_K.pb`) as onnxruntime_perf_test reads them. */
export const TestDataInputsSchema = z.strictObject({
  kind: z.literal('test-data'),
  /** A folder holding test_data_set_* folders, or one such folder. */
  dir: z.string().min(1),
});
export type TestDataInputs = z.infer<typeof TestDataInputsSchema>;

export const InputsSchema = z.discriminatedUnion('kind', [SyntheticInputsSchema, ImagesInputsSchema, TestDataInputsSchema]);
export type InputsSpec = z.infer<typeof InputsSchema>;

export const WarmupSchema = z.strictObject({
  iterations: z.number().int().min(0).max(1_000_000).default(10),
  /** When set, warm-up also runs at least this long. */
  durationMs: z.number().min(0).max(3_600_000).optional(),
});

/** Fields every scenario shares; optional so that records written before they existed still read. */
const scenarioCommon = {
  warmup: WarmupSchema.default({ iterations: 10 }),
  /** Stop after this many timed iterations (server: queries) … */
  iterations: z.number().int().positive().max(10_000_000).optional(),
  /** … and/or after this many seconds, whichever comes first. Neither: 100 iterations or 10 s. */
  durationS: z.number().positive().max(86_400).optional(),
  /** Repeat the measurement this many times on the same session; between-trial variation is reported. */
  trials: z.number().int().min(1).max(100).optional(),
  /** The symbolic dim that is the batch (its value divides latency and multiplies throughput per sample). */
  batchDim: z.string().min(1).optional(),
};

export const SingleStreamSchema = z.strictObject({
  kind: z.literal('single-stream'),
  ...scenarioCommon,
});
export type SingleStreamScenario = z.infer<typeof SingleStreamSchema>;

/** MLPerf Offline-like: `concurrency` requests always in flight, spread over `sessions` sessions. */
export const ThroughputSchema = z.strictObject({
  kind: z.literal('throughput'),
  ...scenarioCommon,
  concurrency: z.number().int().min(1).max(256).default(2),
  sessions: z.number().int().min(1).max(16).default(1),
});
export type ThroughputScenario = z.infer<typeof ThroughputSchema>;

/**
 * MLPerf Server-like: queries arrive open-loop with Poisson inter-arrival times at `qps` from a
 * seeded schedule; latency counts from each query's scheduled arrival, so queueing counts.
 * `findMaxQps` searches for the highest QPS that keeps `bound` (e.g. `p99<=15ms`) first.
 */
export const ServerSchema = z.strictObject({
  kind: z.literal('server'),
  ...scenarioCommon,
  qps: z.number().positive().optional(),
  seed: z.number().int().min(0).default(1),
  sessions: z.number().int().min(1).max(16).default(1),
  findMaxQps: z
    .strictObject({
      bound: z.string().min(1),
      /** Length of each search trial; the final run uses the scenario's own limits. */
      trialDurationS: z.number().positive().default(1),
      maxTrials: z.number().int().min(2).max(64).default(12),
      /** Stop when the failing QPS is within this fraction of the passing one. */
      tolerance: z.number().positive().max(1).default(0.05),
    })
    .optional(),
});
export type ServerScenario = z.infer<typeof ServerSchema>;

export const ScenarioSchema = z.discriminatedUnion('kind', [SingleStreamSchema, ThroughputSchema, ServerSchema]);
export type Scenario = z.infer<typeof ScenarioSchema>;

/**
 * What runs the model. `ort` (the default when absent) is ONNX Runtime in this process; `trtexec`
 * is TensorRT's own benchmark tool as a child process, which is how a Jetson's GPU and DLA are
 * reached (onnxruntime-node's linux-arm64 build is CPU-only). Absent rather than defaulted, so
 * records written before engines existed read back unchanged.
 */
export const trtexecPrecisionNames = ['fp32', 'fp16', 'int8', 'best'] as const;
export const OrtEngineSchema = z.strictObject({ kind: z.literal('ort') });
export const TrtexecEngineSchema = z.strictObject({
  kind: z.literal('trtexec'),
  /**
   * fp32 builds as the model is; fp16/int8 allow those precisions (trtexec --fp16/--int8); best allows
   * all. Absent: fp32 when edgelab runs trtexec; on an imported run, the files did not state it.
   */
  precision: z.enum(trtexecPrecisionNames).optional(),
  /** A DLA core (trtexec --useDLACore=N, with GPU fallback for layers the DLA cannot run). */
  dlaCore: z.number().int().min(0).max(7).optional(),
  /** The trtexec executable; otherwise PATH, then /usr/src/tensorrt/bin/trtexec (JetPack). */
  trtexecPath: z.string().min(1).optional(),
  /** trtexec --useSpinWait: busy-wait on completion, which steadies short iterations. */
  spinWait: z.boolean().optional(),
  /** trtexec --useCudaGraph: enqueue the whole network as one CUDA graph. */
  cudaGraph: z.boolean().optional(),
  /** trtexec --noDataTransfers: time GPU compute only, without the host↔device copies. */
  noDataTransfers: z.boolean().optional(),
  /**
   * An INT8 calibration cache (trtexec --calib=FILE). Without it, or Q/DQ nodes in the model, TensorRT
   * builds INT8 with placeholder scales, so an accuracy pass refuses INT8 without one of the two.
   */
  calib: z.string().min(1).optional(),
  /**
   * Seconds each trtexec process may run (the engine build included) before edgelab stops it and
   * records the run as failed; DEFAULT_TRTEXEC_TIMEOUT_S when absent.
   */
  timeoutS: z.number().positive().max(7 * 24 * 3600).optional(),
});
export { DEFAULT_TRTEXEC_TIMEOUT_S } from './trtexec-defaults.js';
export const EngineSchema = z.discriminatedUnion('kind', [OrtEngineSchema, TrtexecEngineSchema]);
export type EngineSpec = z.infer<typeof EngineSchema>;
export type TrtexecEngineSpec = z.infer<typeof TrtexecEngineSchema>;

export const RunSpecSchema = z.strictObject({
  model: z.string().min(1),
  label: z.string().optional(),
  tags: z.array(z.string()).default([]),
  notes: z.string().optional(),
  inputs: InputsSchema.default({ kind: 'synthetic', seed: 1, poolSize: 4, dims: {}, shapes: {} }),
  session: SessionSettingsSchema.default(SessionSettingsSchema.parse({})),
  scenario: ScenarioSchema.default({ kind: 'single-stream', warmup: { iterations: 10 } }),
  /** Target expressions such as `p99<=33ms` or presets such as `realtime-30`. */
  targets: z.array(z.string()).default([]),
  profile: z.boolean().default(false),
  telemetry: z.boolean().default(true),
  engine: EngineSchema.optional(),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

/**
 * A RunSpec as asked for (startRun, runSweep, bench's flags, a suite's runs): its user-given text
 * bounded by kind (core/api/text-limits.ts). Records are read with the plain RunSpecSchema, so a
 * record kept before the limits existed still reads.
 */
export const RunSpecRequestSchema = RunSpecSchema.extend({
  model: boundedText('path').min(1),
  label: filledText('label').optional(),
  tags: z.array(filledText('tag')).max(LIST_LIMITS.tags, { error: `a run carries at most ${LIST_LIMITS.tags} tags` }).default([]),
  notes: filledText('notes').optional(),
  // An empty expression would gate nothing, silently.
  targets: z.array(boundedText('target').refine((t) => t.trim() !== '', { error: 'an empty target expression gates nothing: give one such as p99<=33ms, or none' }))
    .max(LIST_LIMITS.targets, { error: `a run carries at most ${LIST_LIMITS.targets} targets` }).default([]),
});
/** What a caller may pass: defaults filled in by the schema. */
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export const DEFAULT_ITERATIONS = 100;
export const DEFAULT_DURATION_S = 10;
