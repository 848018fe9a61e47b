import { describe, expect, it } from 'vitest';
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
