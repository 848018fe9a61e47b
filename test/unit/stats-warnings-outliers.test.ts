import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

/** 400 steady samples with `count` hiccups of 50 ms spread evenly through the run. */
function withHiccups(count: number): number[] {
  const samples = Array.from({ length: 400 }, (_, i) => 10 + 0.1 * Math.sin(i));
  for (let k = 0; k < count; k++) samples[Math.floor(((k + 0.5) * 400) / count)] = 50;
  return samples;
}

describe('outliers warning', () => {
  it('fires when more than 5 % of samples are outliers', () => {
    const warnings = benchWarnings({ samplesMs: withHiccups(21), distinctInputSets: 4 });
    const outliers = warnings.find((w) => w.code === 'outliers');
    expect(outliers?.message).toBe('21 of 400 samples (5.25%) are outliers (modified z-score above 10).');
    expect(outliers?.advice).toMatch(/Close other programs/);
  });

  it('stays quiet at exactly 5 %', () => {
    const codes = benchWarnings({ samplesMs: withHiccups(20), distinctInputSets: 4 }).map((w) => w.code);
    expect(codes).not.toContain('outliers');
  });
});
