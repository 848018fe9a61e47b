import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { fromFloat16Bits, toFloat16Bits } from '../../core/inputs/float16.js';
import { checkInputBudget, synthesizeFeeds } from '../../core/inputs/synthetic.js';
import type { ConcreteInput } from '../../core/inputs/shapes.js';

const allDtypes: ConcreteInput[] = (['float32', 'float16', 'int8', 'uint8', 'int32', 'int64', 'bool'] as const).map((dtype) => ({
  name: `in_${dtype}`, dtype, shape: [2, 8],
}));

describe('synthesizeFeeds', () => {
  it('makes a tensor of the right dtype and shape for every common dtype', () => {
    const [feeds] = synthesizeFeeds(allDtypes, 1, 1);
    for (const input of allDtypes) {
      const t = feeds?.[input.name];
      expect(t?.type).toBe(input.dtype);
      expect(t?.dims).toEqual([2, 8]);
      expect(t?.size).toBe(16);
    }
    expect(feeds?.in_int64?.data).toBeInstanceOf(BigInt64Array);
    // Raw binary16 bits, kept as Uint16Array even where Float16Array exists (see core/runtime/ort.ts).
    expect(feeds?.in_float16?.data).toBeInstanceOf(Uint16Array);
    expect([...(feeds?.in_bool?.data as Uint8Array)].every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('is reproducible for a seed and differs between seeds and between pool sets', () => {
    const a = synthesizeFeeds(allDtypes, 7, 3);
    const b = synthesizeFeeds(allDtypes, 7, 3);
    const c = synthesizeFeeds(allDtypes, 8, 3);
    const data = (f: typeof a, k: number) => [...(f[k]?.in_float32?.data as Float32Array)];
    expect(data(a, 0)).toEqual(data(b, 0));
    expect(data(a, 2)).toEqual(data(b, 2));
    expect(data(a, 0)).not.toEqual(data(c, 0));
    expect(data(a, 0)).not.toEqual(data(a, 1));
  });

  it('keeps floats in [-1, 1) and integers small and non-negative', () => {
    const [feeds] = synthesizeFeeds([{ name: 'f', dtype: 'float32', shape: [1000] }, { name: 'i', dtype: 'int64', shape: [1000] }], 3, 1);
    const floats = [...(feeds?.f?.data as Float32Array)];
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...floats)).toBeLessThan(1);
    const ints = [...(feeds?.i?.data as BigInt64Array)].map(Number);
    expect(Math.min(...ints)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ints)).toBeLessThan(16);
  });
});

describe('checkInputBudget', () => {
  const big: ConcreteInput = { name: 'input', dtype: 'float32', shape: [1000, 3, 224, 224] };

  it('refuses a pool over the budget before allocating, naming the input and the flags', () => {
    let error: unknown;
    try {
      checkInputBudget('m.onnx', [big], 4, { maxPoolBytes: 1024 ** 3 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain("'input'");
    expect((error as LabError).message).toContain('4 sets');
    expect((error as LabError).hint).toContain('--input-pool');
  });

  it('refuses a single tensor over 2 GiB whatever the budget', () => {
    expect(() => checkInputBudget('m.onnx', [{ ...big, shape: [1000, 3, 1024, 1024] }], 1, { maxPoolBytes: Number.MAX_SAFE_INTEGER })).toThrow(/over the 2 GiB/);
  });

  it('accepts a normal input', () => {
    expect(() => checkInputBudget('m.onnx', [{ ...big, shape: [1, 3, 224, 224] }], 4)).not.toThrow();
  });
});

describe('float16', () => {
  it('encodes exact values and rounds to nearest even', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(0.5)).toBe(0x3800);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(fromFloat16Bits(toFloat16Bits(0.1))).toBeCloseTo(0.0999755859375, 10);
  });
});
