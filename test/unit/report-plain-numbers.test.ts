import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../core/stats/plain-number.js';
import { formatError } from '../../core/present/sections/output-check-sections.js';
import { significant } from '../../core/stats/significant.js';

describe('numbers in tables and sentences are never in scientific notation', () => {
  it('keeps significant digits in plain notation, large and small', () => {
    expect(plainNumber(1.19e-7, 3)).toBe('0.000000119');
    expect(plainNumber(12345.678, 4)).toBe('12346');
    expect(plainNumber(31.2, 4)).toBe('31.2');
    expect(plainNumber(31.2, 4, true)).toBe('31.20');
    expect(plainNumber(9.9996, 4)).toBe('10');
    expect(plainNumber(-0.000123456, 2)).toBe('-0.00012');
    expect(plainNumber(0)).toBe('0');
    expect(plainNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('applies to output errors (parity, eval, reports) and to verdict sentences', () => {
    expect(formatError(2.384185791015625e-7)).toBe('0.000000238');
    expect(formatError(0)).toBe('0');
    expect(significant(1e-7)).toBe('0.0000001');
    expect(significant(2.5e22, 3)).not.toMatch(/e/);
  });
});
