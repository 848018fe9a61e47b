import { CompletedRunSchema, FailedRunSchema, type CompletedRun, type FailedRun, type Verdict } from '../../core/api/run-record.js';
import { syntheticProfile } from './synthetic-profile.js';
import { quantileInterval, sortedAscending, stability, summarizeLatency } from '../../core/stats/index.js';

/**
 * Fixed runs for the exporter and compare tests: deterministic samples from a seeded generator and
 * fixed dates, so every report rendered from them is byte-identical from one machine to the next.
 * Parsed by the record schema, so they stay valid records as the contract evolves.
 */

/** Park–Miller minimal standard generator: tiny, and identical in every JavaScript engine. */
function seededUniform(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** A right-skewed latency sample, as real inference latencies are: a floor plus an exponential tail. */
export function skewedSamplesMs(count: number, floorMs: number, tailMs: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  return Array.from({ length: count }, () => Math.round((floorMs - tailMs * Math.log(1 - uniform())) * 1000) / 1000);
}

const baselineSamplesMs = skewedSamplesMs(200, 8, 1.25, 7);
const candidateSamplesMs = skewedSamplesMs(200, 5.2, 0.85, 11);
const baselineLatency = summarizeLatency(baselineSamplesMs);

/** Timed duration and single-stream throughput as the bench loop derives them from the samples. */
function timing(samplesMs: number[]): { durationMs: number; throughputPerS: number } {
  const durationMs = samplesMs.reduce((sum, x) => sum + x, 0);
  return { durationMs, throughputPerS: samplesMs.length / (durationMs / 1000) };
}

/** A percentile verdict as core/targets reaches it: from the 95 % order-statistic interval. */
function percentileVerdict(target: string, metric: 'p50' | 'p90' | 'p99', quantile: number, thresholdMs: number): Verdict {
  const ci = quantileInterval(sortedAscending(baselineSamplesMs), quantile);
  const status = ci.highMs <= thresholdMs ? 'pass' : ci.lowMs > thresholdMs ? 'fail' : 'inconclusive';
  return {
    target, metric, comparator: '<=', thresholdValue: thresholdMs, unit: 'ms', observedValue: baselineLatency[metric], status,
    method: `95% order-statistic CI for ${metric} [${ci.lowMs}, ${ci.highMs}] ms`, intervalLow: ci.lowMs, intervalHigh: ci.highMs,
  };
}

const software = { edgelab: '0.1.0', onnxruntime: '1.30.0', node: '24.21.0', platform: 'linux', arch: 'x64' };
const hardware = {
  label: 'Intel Xeon E5-2690 v4 · 2 cores · 8 GiB · Linux x64',
  fingerprint: 'hw-5f1c0b7e9a2d4c3b',
  cpu: { manufacturer: 'Intel', brand: 'Xeon E5-2690 v4', cores: 2 },
};
const model = {
  path: '/models/mobilenet_v2.onnx',
  fileName: 'mobilenet_v2.onnx',
  sha256: '3b1f0d5c8e9a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c',
  sizeBytes: 13_964_571,
  producer: 'pytorch 2.4.0',
  opsets: { '': 17 },
};

export const baselineRun: CompletedRun = CompletedRunSchema.parse({
  schemaVersion: 1,
  id: '20250301-101500-a1b2c3',
  startedAt: '2025-03-01T10:15:00.000Z',
  finishedAt: '2025-03-01T10:15:04.250Z',
  state: 'completed',
  spec: {
    model: '/models/mobilenet_v2.onnx',
    label: 'mobilenet-v2 fp32',
    tags: ['baseline'],
    targets: ['p99<=33ms', 'p50<=8.5ms', 'p90<=10.5ms'],
    session: { executionProviders: ['cpu'], intraOpNumThreads: 2 },
    scenario: { kind: 'single-stream', warmup: { iterations: 10 }, iterations: 200 },
    // Stated rather than defaulted, so the golden files do not move when a default does.
    telemetry: false,
  },
  model,
  software,
  hardware,
  extras: {
    // As core/bench writes it now; the candidate below keeps the older shape without the lifetime mark.
    memory: {
      rssBeforeLoadBytes: 48_234_496, rssAfterSessionBytes: 112_459_776, peakRssBytes: 131_072_000, maxRssLifetimeBytes: 140_509_184,
      peakRssMethod: 'sampled at 10 Hz from session creation to the end of the timed run',
    },
    profile: syntheticProfile,
  },
  executionProvider: 'cpu',
  coldStart: { sessionCreateMs: 182.4, firstInferenceMs: 21.7 },
  warmup: { iterations: 10, durationMs: 95.2 },
  iterations: 200,
  ...timing(baselineSamplesMs),
  latencyMs: baselineLatency,
  stability: stability(baselineSamplesMs),
  samplesMs: baselineSamplesMs,
  inputs: { distinctSets: 4, seed: 1, tensors: [{ name: 'input', dtype: 'float32', shape: [1, 3, 224, 224] }] },
  warnings: [
    {
      code: 'high-variation',
      message: 'Latency varies by 10.9 % (coefficient of variation).',
      advice: 'Close other programs, pin threads with --intra-op-threads and fix CPU clocks.',
    },
  ],
  verdicts: [
    percentileVerdict('p99<=33ms', 'p99', 0.99, 33),
    percentileVerdict('p50<=8.5ms', 'p50', 0.5, 8.5),
    percentileVerdict('p90<=10.5ms', 'p90', 0.9, 10.5),
  ],
});

/** The same model after an optimisation: faster, on the same machine, with no targets set. */
export const candidateRun: CompletedRun = CompletedRunSchema.parse({
  ...baselineRun,
  id: '20250301-103000-d4e5f6',
  startedAt: '2025-03-01T10:30:00.000Z',
  finishedAt: '2025-03-01T10:30:03.100Z',
  spec: { ...baselineRun.spec, label: 'mobilenet-v2 int8', targets: [], tags: [] },
  extras: { memory: { rssBeforeLoadBytes: 48_103_424, rssAfterSessionBytes: 83_886_080, peakRssBytes: 97_517_568 } },
  coldStart: { sessionCreateMs: 160.2, firstInferenceMs: 12.9 },
  ...timing(candidateSamplesMs),
  latencyMs: summarizeLatency(candidateSamplesMs),
  stability: stability(candidateSamplesMs),
  samplesMs: candidateSamplesMs,
  warnings: [],
  verdicts: [],
});

/** A run that failed part-way, with user text that every format must escape. */
export const failedRun: FailedRun = FailedRunSchema.parse({
  schemaVersion: 1,
  id: '20250301-104500-0f9e8d',
  startedAt: '2025-03-01T10:45:00.000Z',
  finishedAt: '2025-03-01T10:45:01.000Z',
  state: 'failed',
  spec: { model: '/models/odd "name" & <b>.onnx', label: 'odd | "name" & <b>', notes: 'line one\nline two', telemetry: false },
  model: null,
  software,
  hardware: null,
  error: {
    kind: 'runtime',
    message: 'ONNX Runtime raised: Non-zero status code returned while running Conv node. Name:\'Conv_0\' <x>',
    hint: 'Check the input shape with `edgelab inspect` & try --dim batch=1.',
  },
  samplesMs: [12.5, 12.75],
});

export const reportDate = new Date('2025-03-02T09:00:00.000Z');
