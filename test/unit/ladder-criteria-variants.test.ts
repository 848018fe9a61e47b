import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { variantTradeoff } from '../../core/ladder/criteria.js';
import { DESKTOP, evidence, LAPTOP, run } from '../golden/ladder/records.js';

const fp32 = { modelFile: 'det-fp32.onnx', modelSha256: '1'.repeat(64), sizeBytes: 12_400_000, extras: { accuracy: { top1: 0.762 } } };
const int8 = { modelFile: 'det-int8.onnx', modelSha256: '2'.repeat(64), sizeBytes: 3_300_000, extras: { accuracy: { top1: 0.751 } }, p50: 5.2 };

describe('variants compared on accuracy, speed and size', () => {
  it('is met by two models with accuracy measured on one machine', () => {
    const outcome = variantTradeoff(evidence({ runs: [run({ id: 'r-int8', ...int8 }), run({ id: 'r-fp32', ...fp32 })] }));
    expect(outcome.met).toBe(true);
    expect(outcome.runs.map((r) => r.why)).toEqual([
      'det-int8.onnx: top-1 75.1 %, p50 5.20 ms, 3,300,000 bytes, on Intel Core i7-1185G7 · 8 cores · 16 GiB · Linux x64',
      'det-fp32.onnx: top-1 76.2 %, p50 12.50 ms, 12,400,000 bytes, on Intel Core i7-1185G7 · 8 cores · 16 GiB · Linux x64',
    ]);
  });

  it('is not met when the variants ran on different machines', () => {
    const outcome = variantTradeoff(evidence({ runs: [run({ id: 'r-int8', ...int8, hardware: DESKTOP }), run({ id: 'r-fp32', ...fp32, hardware: LAPTOP })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toMatch(/different \(or unrecorded\) machines/);
  });

  it('is not met when only one variant has an accuracy figure', () => {
    const outcome = variantTradeoff(evidence({ runs: [run({ id: 'r-int8', ...int8, extras: {} }), run({ id: 'r-fp32', ...fp32 })] }));
    expect(outcome.met).toBe(false);
    expect(outcome.missing).toBe('Only one model (det-fp32.onnx) has an accuracy figure; measure a second variant the same way.');
  });
});

describe('variants compared on an accuracy pass (mAP, mIoU, hmean) and a timed run', () => {
  /** An accuracy pass record as core/evaluate/pass writes it: observed (untimed), its figure in extras.accuracyPass. */
  function pass(id: string, base: { modelFile: string; modelSha256: string; sizeBytes: number }, metrics: Record<string, unknown>, status: 'pass' | 'fail' | null = null): RunRecord {
    const timed = run({ id, ...base });
    const { executionProvider: _e, coldStart: _c, warmup: _w, iterations: _i, latencyMs: _l, stability: _s, throughputPerS: _t, inputs: _in, ...rest } = timed;
    return {
      ...rest,
      state: 'observed',
      durationMs: 1000,
      samplesMs: [],
      spec: { ...timed.spec, tags: ['accuracy'] },
      extras: { accuracyPass: { pass: 'accuracy', metrics } },
      verdicts: status === null ? [] : [{ target: 'map>=0.3', metric: 'map', comparator: '>=', thresholdValue: 0.3, unit: 'fraction', observedValue: 0.2, status, method: 'single measurement', intervalLow: 0.2, intervalHigh: 0.2 }],
    } as RunRecord;
  }
  const fp32Base = { modelFile: 'det-fp32.onnx', modelSha256: '1'.repeat(64), sizeBytes: 12_400_000 };
  const int8Base = { modelFile: 'det-int8.onnx', modelSha256: '2'.repeat(64), sizeBytes: 3_300_000 };
  const coco = (ap: number) => ({ kind: 'coco', stats: { AP: ap } });

  it('is met by two models whose accuracy passes pass, each with a timed run on the same machine', () => {
    const outcome = variantTradeoff(evidence({ runs: [
      run({ id: 'bench-fp32', ...fp32Base }), run({ id: 'bench-int8', ...int8Base, p50: 5.2 }),
      pass('acc-fp32', fp32Base, coco(0.412)), pass('acc-int8', int8Base, { kind: 'masks', miou: 0.9 }),
    ] }));
    expect(outcome.met).toBe(true);
    expect(outcome.runs.map((r) => r.why)).toEqual([
      'det-fp32.onnx: mAP 0.412, p50 12.50 ms (run bench-fp32), 12,400,000 bytes, on Intel Core i7-1185G7 · 8 cores · 16 GiB · Linux x64',
      'det-int8.onnx: mIoU 0.900, p50 5.20 ms (run bench-int8), 3,300,000 bytes, on Intel Core i7-1185G7 · 8 cores · 16 GiB · Linux x64',
    ]);
  });

  it('never counts a pass whose accuracy target failed, nor one with no timed run of its model', () => {
    const failed = variantTradeoff(evidence({ runs: [
      run({ id: 'bench-fp32', ...fp32Base }), run({ id: 'bench-int8', ...int8Base }),
      pass('acc-fp32', fp32Base, coco(0.412)), pass('acc-int8', int8Base, coco(0.2), 'fail'),
    ] }));
    expect(failed.met).toBe(false);
    expect(failed.missing).toBe('Only one model (det-fp32.onnx) has an accuracy figure; measure a second variant the same way.');
    const untimed = variantTradeoff(evidence({ runs: [pass('acc-fp32', fp32Base, coco(0.412)), pass('acc-int8', int8Base, { kind: 'text', hmean: 0.8 })] }));
    expect(untimed.met).toBe(false);
  });
});
