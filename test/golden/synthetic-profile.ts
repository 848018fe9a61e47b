import { ProfileSummarySchema, type ProfileSummary } from '../../core/profile/profile-summary.js';

/**
 * A profile summary of the kind core/profile writes for a MobileNet-style model on a 2-core CPU,
 * trimmed to a few nodes and op types. Parsed by the producer's own schema so that it stays a real
 * `extras.profile` as the summary evolves. The summary sentence carries `|` and `<tags>` that every
 * format must keep literal.
 */
const node = (name: string, kind: string, meanMs: number, share: number, inputs: string[], output: string, cost: { gflopsPerS: number | null; intensity: number | null; bound: 'compute' | 'memory' | null; roofFraction: number | null }) => ({
  name, opType: kind.replace(/^Fused/, ''), kind, graphNode: name, provider: 'CPUExecutionProvider', calls: 20, meanMs, share, inputs, outputs: [output],
  flops: cost.gflopsPerS === null ? null : Math.round(cost.gflopsPerS * meanMs * 1e6), bytesMoved: null, costMethod: cost.gflopsPerS === null ? null : ('exact' as const),
  ...cost,
});

export const syntheticProfile: ProfileSummary = ProfileSummarySchema.parse({
  traceFile: 'ort-profile.json',
  profiledRuns: 20,
  skippedRuns: 1,
  modelRunMeanMs: 8.64,
  kernelMsPerRun: 8.21,
  kernelCoverage: 0.950,
  sessionPhases: [{ name: 'model_loading_uri', durationMs: 41.2 }, { name: 'session_initialization', durationMs: 120.5 }],
  providers: [{ provider: 'CPUExecutionProvider', nodes: 66, share: 1 }],
  flopsPerRun: 600_000_000,
  bytesPerRun: 95_000_000,
  gflopsPerS: 73.1,
  peakFraction: 0.382,
  memory: { parameterBytes: 13_964_000, largestOutputBytes: 1_605_632, outputBytesPerRun: 27_000_000, peakInUseBytes: 6_422_528, arenaHeldBytes: 8_388_608 },
  peaks: {
    provider: 'CPUExecutionProvider', threads: 2, computeGflopsPerS: 191.4, bandwidthGBPerS: 32.9, ridgeFlopsPerByte: 5.81,
    method: 'fastest kernel time in ONNX Runtime\'s profile, of 5: MatMul 1024×1024·1024×1024 float32',
  },
  topNodes: [
    node('Conv_0', 'FusedConv', 1.234, 0.150, ['float[1,3,224,224]', 'float[32,3,3,3]'], 'float[1,32,112,112]', { gflopsPerS: 8.8, intensity: 2.2, bound: 'memory', roofFraction: 0.122 }),
    node('Conv_3', 'FusedConv', 0.98, 0.119, ['float[1,32,112,112]', 'float[32,1,3,3]'], 'float[1,32,112,112]', { gflopsPerS: 3.7, intensity: 0.9, bound: 'memory', roofFraction: 0.125 }),
    node('Conv_49', 'FusedConv', 0.62, 0.076, ['float[1,320,7,7]', 'float[1280,320,1,1]'], 'float[1,1280,7,7]', { gflopsPerS: 64.8, intensity: 18.7, bound: 'compute', roofFraction: 0.339 }),
    node('Gemm_52', 'Gemm', 0.41, 0.050, ['float[1,1280]', 'float[1000,1280]'], 'float[1,1000]', { gflopsPerS: 6.2, intensity: 0.5, bound: 'memory', roofFraction: 0.377 }),
    node('ReorderOutput_7', 'ReorderOutput', 0.12, 0.015, ['float[1,32,112,112]'], 'float[1,32,112,112]', { gflopsPerS: null, intensity: null, bound: null, roofFraction: null }),
  ],
  opTypes: [
    { opType: 'Conv', nodes: 52, calls: 1040, msPerRun: 7.32, share: 0.892, flopsPerRun: 597_000_000, gflopsPerS: 81.6, intensity: 6.3, bound: 'compute', roofFraction: 0.426 },
    { opType: 'Gemm', nodes: 1, calls: 20, msPerRun: 0.41, share: 0.050, flopsPerRun: 2_560_000, gflopsPerS: 6.2, intensity: 0.5, bound: 'memory', roofFraction: 0.377 },
    { opType: 'ReorderOutput', nodes: 4, calls: 80, msPerRun: 0.31, share: 0.038, flopsPerRun: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null },
    { opType: 'GlobalAveragePool', nodes: 1, calls: 20, msPerRun: 0.17, share: 0.020, flopsPerRun: 62_720, gflopsPerS: 0.4, intensity: 0.25, bound: 'memory', roofFraction: 0.048 },
  ],
  findings: [
    {
      code: 'top-nodes', message: 'The 3 slowest nodes take 35 % of kernel time: Conv_0 (Conv, 15 %), Conv_3 (Conv, 12 %), Conv_49 (Conv, 7.6 %).',
      advice: 'Start with these: a change elsewhere cannot save more than the rest of the time.', share: 0.345, nodes: ['Conv_0', 'Conv_3', 'Conv_49'],
    },
    {
      code: 'top-op-type', message: 'Conv (52 nodes) takes 89 % of kernel time and reaches 43 % of the roofline (compute-bound).',
      advice: 'Reducing its work (fewer channels, quantisation, a provider with faster kernels for this op) moves the total most.', share: 0.892, nodes: ['Conv_0', 'Conv_3', 'Conv_49'],
    },
    {
      code: 'layout-transform', message: '4 layout transforms (ReorderOutput) take 3.8 % of kernel time.',
      advice: 'They do no arithmetic: export in the layout the provider runs.', share: 0.038, nodes: ['ReorderOutput_7'],
    },
  ],
  summary: 'Conv layers take 89 % of kernel time at 43 % of the compute roof; | and <tags> are kept literal.',
});
