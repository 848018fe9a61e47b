import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

const steady = (n: number) => Array.from({ length: n }, (_, i) => 10 + 0.1 * Math.sin(i));

describe('too-few-samples-for-tail warning', () => {
  it('fires for p99 from 367 samples and names the iterations it needs', () => {
    const warnings = benchWarnings({ samplesMs: steady(367), distinctInputSets: 4 });
    expect(warnings.map((w) => w.code)).toEqual(['too-few-samples-for-tail']);
    expect(warnings[0]!.message).toMatch(/^p99 from 367 samples has no 95% upper confidence bound/);
    expect(warnings[0]!.advice).toMatch(/--iterations 368/);
  });

  it('stays quiet for p99 from 368 samples', () => {
    expect(benchWarnings({ samplesMs: steady(368), distinctInputSets: 4 })).toEqual([]);
  });

  it('checks every tail quantile named and asks for the largest count', () => {
    const warnings = benchWarnings({ samplesMs: steady(400), distinctInputSets: 4, tailQuantiles: [0.95, 0.999] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^p99\.9 from 400 samples/);
    expect(warnings[0]!.advice).toMatch(/--iterations 3688/);
  });
});
