import { describe, expect, it } from 'vitest';
import { bfloat16Bits, encodeRaw, float16Bits } from '../../models/tensor-encoding.js';

// raw_data must hold IEEE half / bfloat16 bit patterns, rounded to nearest even as numpy does,
// and every multi-byte value little-endian.

describe('tensor encoding', () => {
  it('rounds float16 like numpy', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(65520)).toBe(0x7c00); // rounds up to infinity
    expect(float16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float16Bits(2 ** -26)).toBe(0x0000); // below half the smallest subnormal
    expect(float16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie to even
    expect(float16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie to even, upwards
    expect(float16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('keeps the top half of float32 for bfloat16', () => {
    expect(bfloat16Bits(1)).toBe(0x3f80);
    expect(bfloat16Bits(-0.5)).toBe(0xbf00);
  });

  it('writes little-endian bytes', () => {
    expect([...encodeRaw('int32', [1])]).toEqual([1, 0, 0, 0]);
    expect([...encodeRaw('int64', [258n])]).toEqual([2, 1, 0, 0, 0, 0, 0, 0]);
    expect([...encodeRaw('float32', [1])]).toEqual([0, 0, 0x80, 0x3f]);
    expect([...encodeRaw('bool', [0, 3])]).toEqual([0, 1]);
  });
});
