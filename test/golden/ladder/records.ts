import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CompletedRunSchema, type CompletedRun, type Verdict } from '../../../core/api/run-record.js';
import { AttestationSchema, type Attestation } from '../../../core/evidence/attestation.js';
import type { LadderEvidence } from '../../../core/ladder/evidence.js';

/**
 * Synthetic run records for the ladder tests: fixed ids and dates, only the fields a criterion reads
 * set per test. Parsed by the record schema so they stay valid as the contract evolves.
 */
export interface RunOptions {
  id: string;
  startedAt?: string;
  modelFile?: string;
  modelSha256?: string;
  sizeBytes?: number;
  hardware?: { label: string; deviceClass: string; fingerprint: string } | null;
  extras?: Record<string, unknown>;
  verdicts?: Verdict[];
  threads?: number;
  batch?: number;
  tags?: string[];
  p50?: number;
}

export const LAPTOP = { label: 'Intel Core i7-1185G7 · 8 cores · 16 GiB · Linux x64', deviceClass: 'laptop', fingerprint: 'a'.repeat(64) };
export const JETSON = { label: 'NVIDIA Jetson Orin Nano · 6 cores · 8 GiB · JetPack 6', deviceClass: 'jetson', fingerprint: 'b'.repeat(64) };
export const DESKTOP = { label: 'AMD Ryzen 9 7950X · 32 cores · 64 GiB · Linux x64', deviceClass: 'desktop', fingerprint: 'c'.repeat(64) };

export function verdict(target: string, metric: string, comparator: string, threshold: number, unit: string, observed: number, status: Verdict['status']): Verdict {
  return { target, metric, comparator, thresholdValue: threshold, unit, observedValue: observed, status, method: 'order-statistic interval, 95 %', intervalLow: observed * 0.98, intervalHigh: observed * 1.02 };
}

export const REALTIME_PASS = verdict('realtime-30', 'p99', '<=', 33.3, 'ms', 21.4, 'pass');
export const REALTIME_FAIL = verdict('realtime-30', 'p99', '<=', 33.3, 'ms', 48.2, 'fail');

export function run(options: RunOptions): CompletedRun {
  const p50 = options.p50 ?? 12.5;
  const modelFile = options.modelFile ?? 'yolo-n.onnx';
  return CompletedRunSchema.parse({
    schemaVersion: 1,
    id: options.id,
    startedAt: options.startedAt ?? '2026-03-02T09:00:00.000Z',
    finishedAt: options.startedAt ?? '2026-03-02T09:00:00.000Z',
    state: 'completed',
    spec: { model: `models/${modelFile}`, tags: options.tags ?? [], session: { intraOpNumThreads: options.threads ?? 0 } },
    model: { path: `/work/models/${modelFile}`, fileName: modelFile, sha256: options.modelSha256 ?? 'd'.repeat(64), sizeBytes: options.sizeBytes ?? 6_200_000, producer: 'pytorch 2.5', opsets: { '': 17 } },
    software: { edgelab: '0.1.0', onnxruntime: '1.30.0', node: '24.0.0', platform: 'linux', arch: 'x64' },
    hardware: options.hardware === undefined ? LAPTOP : options.hardware,
    extras: options.extras ?? {},
    executionProvider: 'cpu',
    coldStart: { sessionCreateMs: 40, firstInferenceMs: 20 },
    warmup: { iterations: 10, durationMs: 120 },
    iterations: 8,
    durationMs: 100,
    latencyMs: { mean: p50, stddev: 0.4, min: p50 - 1, max: p50 + 2, p50, p90: p50 + 1, p95: p50 + 1.5, p99: p50 + 2, p999: p50 + 2 },
    stability: { coefficientOfVariation: 0.03, outlierCount: 0, outlierThreshold: 3.5, driftRatio: 1, medianInterval: { quantile: 0.5, confidence: 0.95, lowMs: p50 - 0.2, highMs: p50 + 0.2, exact: true } },
    throughputPerS: 1000 / p50,
    samplesMs: [p50 - 1, p50, p50, p50 + 0.5, p50, p50 + 2, p50 - 0.5, p50],
    inputs: { distinctSets: 4, seed: 1, tensors: [{ name: 'images', dtype: 'float32', shape: [options.batch ?? 1, 3, 640, 640] }] },
    warnings: [],
    verdicts: options.verdicts ?? [],
  });
}

export function attestation(id: string, itemId: string, note: string, link: string | null = null, date = '2026-02-10'): Attestation {
  return AttestationSchema.parse({ schemaVersion: 1, id, itemId, note, link, date });
}

export function evidence(parts: Partial<LadderEvidence>): LadderEvidence {
  return { runs: parts.runs ?? [], attestations: parts.attestations ?? [], decisionRecords: parts.decisionRecords ?? [] };
}

const stage = (p50: number) => ({ mean: p50, stddev: 0.1, min: p50, max: p50, p50, p90: p50, p95: p50, p99: p50, p999: p50 });
export const PIPELINE = { frames: 24, imagesPerFrame: 1, imageCount: 24, postprocess: 'top-k', preprocessMs: stage(3.1), inferenceMs: stage(12.5), postprocessMs: stage(0.8) };
export const PROFILE = { traceFile: 'profile.json', opTypes: [{ opType: 'Conv', share: 0.71 }, { opType: 'Concat', share: 0.06 }] };

/** Compares with test/golden/ladder/<name>; UPDATE_GOLDEN=1 rewrites it (review the diff). */
export function expectLadderGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`No golden file ${path}; run with UPDATE_GOLDEN=1 to create it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
