import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

const alternating = (low: number, high: number) => Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 ? low : high));

describe('high-variation warning', () => {
  it('fires above a coefficient of variation of 0.1 and says how to steady the machine', () => {
    // 8 / 12 alternating: mean 10, stddev ≈ 2
    const warnings = benchWarnings({ samplesMs: alternating(8, 12), distinctInputSets: 4 });
    expect(warnings.map((w) => w.code)).toEqual(['high-variation']);
    expect(warnings[0]!.message).toMatch(/coefficient of variation 0\.2 \(stddev 2(\.\d+)? ms over a mean of 10 ms\)/);
    expect(warnings[0]!.advice).toMatch(/Close other programs/);
    expect(warnings[0]!.advice).toMatch(/thread count/);
    expect(warnings[0]!.advice).toMatch(/CPU clock/);
  });

  it('stays quiet just below 0.1', () => {
    // stddev ≈ 0.95 over 10
    expect(benchWarnings({ samplesMs: alternating(9.05, 10.95), distinctInputSets: 4 })).toEqual([]);
  });
});
