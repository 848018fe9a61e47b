import type { RunRecordInput } from '../../core/evidence/workspace.js';
import { newRunId } from '../../core/evidence/evidence-id.js';

/** Valid run records of each state, for evidence tests. Only fields a test cares about are options. */
export interface RecordOptions {
  id?: string;
  startedAt?: Date;
  tags?: string[];
  modelFile?: string;
  modelSha256?: string;
  sampleCount?: number;
}

function base(options: RecordOptions) {
  const started = options.startedAt ?? new Date();
  const modelFile = options.modelFile ?? 'mobilenet.onnx';
  return {
    schemaVersion: 1 as const,
    id: options.id ?? newRunId(started),
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 2_000).toISOString(),
    spec: { model: `models/${modelFile}`, tags: options.tags ?? [] },
    model: {
      path: `/work/models/${modelFile}`,
      fileName: modelFile,
      sha256: options.modelSha256 ?? 'a'.repeat(64),
      sizeBytes: 1024,
      producer: 'pytorch 2.5',
      opsets: { '': 17 },
    },
    software: { edgelab: '0.1.0', onnxruntime: '1.30.0', node: process.version, platform: 'linux', arch: 'x64' },
    // What edgelab's hardware reading writes: a record without it is not accepted as measured.
    hardware: { fingerprint: 'c'.repeat(64) },
  };
}

function samples(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 4 + ((i * 7919) % 100) / 100);
}

export type CompletedRunInput = Extract<RunRecordInput, { state: 'completed' }>;

export function completedRun(options: RecordOptions = {}): CompletedRunInput {
  const samplesMs = samples(options.sampleCount ?? 50);
  return {
    ...base(options),
    state: 'completed',
    executionProvider: 'cpu',
    coldStart: { sessionCreateMs: 40.5, firstInferenceMs: 9.25 },
    warmup: { iterations: 10, durationMs: 45 },
    iterations: samplesMs.length,
    durationMs: 250,
    latencyMs: { mean: 4.5, stddev: 0.29, min: 4, max: 4.99, p50: 4.5, p90: 4.9, p95: 4.95, p99: 4.99, p999: 4.99 },
    stability: {
      coefficientOfVariation: 0.064,
      outlierCount: 0,
      outlierThreshold: 3.5,
      driftRatio: 1.01,
      medianInterval: { quantile: 0.5, confidence: 0.95, lowMs: 4.4, highMs: 4.6, exact: true },
    },
    throughputPerS: 222.2,
    samplesMs,
    inputs: { distinctSets: 4, seed: 1, tensors: [{ name: 'input', dtype: 'float32', shape: [1, 3, 224, 224] }] },
    warnings: [],
    verdicts: [
      {
        target: 'p99<=33ms',
        metric: 'p99',
        comparator: '<=',
        thresholdValue: 33,
        unit: 'ms',
        observedValue: 4.99,
        status: 'pass',
        method: 'order-statistic interval, 95 %',
        intervalLow: 4.9,
        intervalHigh: 4.99,
      },
    ],
  };
}

export function failedRun(options: RecordOptions = {}): RunRecordInput {
  return {
    ...base(options),
    state: 'failed',
    error: { kind: 'unavailable', message: 'cuda is not available here', hint: 'Use --provider cpu.' },
    samplesMs: [],
  };
}

export function cancelledRun(options: RecordOptions = {}): RunRecordInput {
  return {
    ...base(options),
    state: 'cancelled',
    error: { kind: 'runtime', message: 'Cancelled after 12 iterations.' },
    samplesMs: samples(options.sampleCount ?? 12),
  };
}
