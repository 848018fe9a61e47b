import { z } from 'zod';

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

export const InputsSchema = z.discriminatedUnion('kind', [SyntheticInputsSchema]);
export type InputsSpec = z.infer<typeof InputsSchema>;

export const WarmupSchema = z.strictObject({
  iterations: z.number().int().min(0).default(10),
  /** When set, warm-up also runs at least this long. */
  durationMs: z.number().min(0).optional(),
});

export const SingleStreamSchema = z.strictObject({
  kind: z.literal('single-stream'),
  warmup: WarmupSchema.default({ iterations: 10 }),
  /** Stop after this many timed iterations … */
  iterations: z.number().int().positive().optional(),
  /** … and/or after this many seconds, whichever comes first. Neither: 100 iterations or 10 s. */
  durationS: z.number().positive().optional(),
});
export type SingleStreamScenario = z.infer<typeof SingleStreamSchema>;

export const ScenarioSchema = z.discriminatedUnion('kind', [SingleStreamSchema]);
export type Scenario = z.infer<typeof ScenarioSchema>;

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
  telemetry: z.boolean().default(false),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;
/** What a caller may pass: defaults filled in by the schema. */
export type RunSpecInput = z.input<typeof RunSpecSchema>;

export const DEFAULT_ITERATIONS = 100;
export const DEFAULT_DURATION_S = 10;
