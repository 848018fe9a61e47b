import { z } from 'zod';

/**
 * The compact form of a profile kept in a run record under `extras.profile`: the top nodes, every op
 * type, the findings and the written summary, the peaks they were judged against, and the name of
 * the full Chrome-trace file beside the record. No per-iteration events: those stay in the trace.
 */
const nullableNumber = z.number().nullable();
const BoundSchema = z.enum(['compute', 'memory']).nullable();

export const ProfileNodeSchema = z.strictObject({
  name: z.string(),
  opType: z.string(),
  kind: z.string(),
  graphNode: z.string().nullable(),
  provider: z.string(),
  calls: z.number().int(),
  meanMs: z.number(),
  share: z.number(),
  /** e.g. "float[1,3,224,224]". */
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  flops: nullableNumber,
  bytesMoved: nullableNumber,
  costMethod: z.enum(['exact', 'estimate']).nullable(),
  gflopsPerS: nullableNumber,
  intensity: nullableNumber,
  bound: BoundSchema,
  roofFraction: nullableNumber,
  /** Host-side (dispatch) ms per call when meanMs is the device's time; absent in older records. */
  dispatchMs: nullableNumber.optional(),
});
export type ProfileNode = z.infer<typeof ProfileNodeSchema>;

export const ProfileOpTypeSchema = z.strictObject({
  opType: z.string(),
  nodes: z.number().int(),
  calls: z.number().int(),
  msPerRun: z.number(),
  share: z.number(),
  flopsPerRun: nullableNumber,
  gflopsPerS: nullableNumber,
  intensity: nullableNumber,
  bound: BoundSchema,
  roofFraction: nullableNumber,
});
export type ProfileOpType = z.infer<typeof ProfileOpTypeSchema>;

export const FindingCodeSchema = z.enum([
  'top-nodes',
  'top-op-type',
  'cpu-fallback',
  'memcpy',
  'layout-transform',
  'below-roofline',
  'outside-kernels',
  'device-idle',
  'host-side-times',
  'profile-mismatch',
]);
export type FindingCode = z.infer<typeof FindingCodeSchema>;

export const FindingSchema = z.strictObject({
  code: FindingCodeSchema,
  message: z.string(),
  advice: z.string(),
  /** Share of kernel time the finding is about, 0..1; null when it is not about time. */
  share: nullableNumber,
  /** The nodes concerned (at most 10 named). */
  nodes: z.array(z.string()),
});
export type Finding = z.infer<typeof FindingSchema>;

export const PeaksSchema = z.strictObject({
  provider: z.string(),
  threads: z.number().int(),
  computeGflopsPerS: z.number(),
  bandwidthGBPerS: z.number(),
  ridgeFlopsPerByte: z.number(),
  method: z.string(),
});

/** How a GPU profile's times were taken, and how busy the device was; see core/profile/breakdown.ts. */
export const DeviceTimeSummarySchema = z.strictObject({
  source: z.enum(['webgpu-timestamps', 'gpu-kernels']),
  /** False when the device's clock did not line up with model_run: busy share is then not given. */
  alignedWithRuns: z.boolean().optional(),
  events: z.number().int(),
  unmatchedEvents: z.number().int(),
  busyMsPerRun: z.number(),
  /** Of the profiled model_run (slower than the timed run: profiling splits every dispatch). */
  busyShare: nullableNumber,
  busyShareMin: nullableNumber,
  busyShareMax: nullableNumber,
  dispatchMsPerRun: z.number(),
  /** The timed run's p50 with no profiler, when known, and the device time as a share of it. */
  timedP50Ms: nullableNumber,
  busyShareOfTimedP50: nullableNumber,
});
export type DeviceTimeSummary = z.infer<typeof DeviceTimeSummarySchema>;

export const ProfileSummarySchema = z.strictObject({
  /**
   * 'device': accelerator nodes are timed by the device's own timestamps; 'host': host-side times
   * (kernel time on the CPU, dispatch time on an asynchronous provider). Absent in older records,
   * which were host-side.
   */
  timeBase: z.enum(['device', 'host']).optional(),
  /** What the times are called in this profile: 'kernel time', 'device time' or 'host-side time'. */
  timeLabel: z.string().optional(),
  device: DeviceTimeSummarySchema.nullable().optional(),
  /** File name of the Chrome-trace JSON beside the record (opens in Perfetto). */
  traceFile: z.string(),
  profiledRuns: z.number().int(),
  skippedRuns: z.number().int(),
  modelRunMeanMs: nullableNumber,
  kernelMsPerRun: z.number(),
  kernelCoverage: nullableNumber,
  sessionPhases: z.array(z.strictObject({ name: z.string(), durationMs: z.number() })),
  providers: z.array(z.strictObject({ provider: z.string(), nodes: z.number().int(), share: z.number() })),
  flopsPerRun: nullableNumber,
  bytesPerRun: nullableNumber,
  gflopsPerS: nullableNumber,
  /** The model's achieved GFLOP/s over the measured compute peak; null without peaks. */
  peakFraction: nullableNumber,
  memory: z.strictObject({
    parameterBytes: nullableNumber,
    largestOutputBytes: nullableNumber,
    outputBytesPerRun: nullableNumber,
    peakInUseBytes: nullableNumber,
    arenaHeldBytes: nullableNumber,
  }),
  peaks: PeaksSchema.nullable(),
  topNodes: z.array(ProfileNodeSchema),
  opTypes: z.array(ProfileOpTypeSchema),
  findings: z.array(FindingSchema),
  summary: z.string(),
  /** The profiled pass against the timed run it explains; absent when profiled on its own. */
  timedRunCheck: z
    .strictObject({
      profiledMedianMs: z.number(),
      timedLowMs: z.number(),
      timedHighMs: z.number(),
      timedMedianMs: z.number(),
      ratio: z.number(),
      withinTimedRun: z.boolean(),
      // Added later: absent in older records, whose check had no allowance for the profiler's cost.
      withinProfilerCost: z.boolean().optional(),
      profilerAllowance: z.number().optional(),
    })
    .optional(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;
