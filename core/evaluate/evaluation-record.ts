import { modelFingerprint } from '../evidence/record-base.js';
import type { ModelInfo } from '../api/model-info.js';
import { RUN_RECORD_SCHEMA_VERSION, type CompletedRun } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import { newRunId } from '../evidence/evidence-id.js';
import { softwareVersions } from '../evidence/software.js';
import { onnxRuntimeVersion, type Feeds } from '../runtime/ort.js';
import { benchWarnings, stability, summarizeLatency } from '../stats/index.js';

/** What an evaluation measured while it ran the model: its inference times are real samples. */
export interface MeasuredInferences {
  startedAt: string;
  sessionCreateMs: number;
  firstInferenceMs: number;
  warmupIterations: number;
  warmupMs: number;
  samplesMs: number[];
  elapsedMs: number;
  /** Distinct input sets (test-data sets, images) the samples rotated over. */
  distinctInputSets: number;
  inputs: Feeds;
}

/**
 * A completed run record for a run whose point is a result (outputs checked, accuracy, a pipeline)
 * rather than latency alone. The inference times it took are stored like any bench's, so the
 * record sits in the same workspace, reports and compare; the result goes under `extras`.
 */
export function completedRecord(spec: RunSpec, info: ModelInfo, m: MeasuredInferences, extras: Record<string, unknown>): CompletedRun {
  const samples = m.samplesMs.length > 0 ? m.samplesMs : [m.firstInferenceMs];
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: newRunId(new Date(m.startedAt)),
    startedAt: m.startedAt,
    finishedAt: new Date().toISOString(),
    spec,
    model: modelFingerprint(info),
    software: softwareVersions(onnxRuntimeVersion()),
    hardware: null,
    extras: { memory: { peakRssBytes }, ...extras },
    state: 'completed',
    executionProvider: spec.session.executionProviders[0] ?? 'cpu',
    coldStart: { sessionCreateMs: m.sessionCreateMs, firstInferenceMs: m.firstInferenceMs },
    warmup: { iterations: m.warmupIterations, durationMs: m.warmupMs },
    iterations: samples.length,
    durationMs: m.elapsedMs,
    latencyMs: summarizeLatency(samples),
    stability: stability(samples),
    throughputPerS: m.elapsedMs > 0 ? (samples.length * 1000) / m.elapsedMs : 0,
    samplesMs: samples,
    inputs: {
      distinctSets: m.distinctInputSets,
      seed: 0,
      tensors: Object.entries(m.inputs).map(([name, t]) => ({ name, dtype: t.type, shape: [...t.dims] })),
    },
    warnings: benchWarnings({ samplesMs: samples, distinctInputSets: m.distinctInputSets, warmupIterations: m.warmupIterations }),
    verdicts: [],
  };
}
