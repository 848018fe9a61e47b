import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

const steady = Array.from({ length: 400 }, (_, i) => 10 + 0.1 * Math.sin(i));

describe('few-distinct-inputs warning', () => {
  it('fires when every iteration reused one input set', () => {
    const warnings = benchWarnings({ samplesMs: steady, distinctInputSets: 1 });
    expect(warnings.map((w) => w.code)).toEqual(['few-distinct-inputs']);
    expect(warnings[0]!.advice).toMatch(/poolSize of 4 or more/);
  });

  it('stays quiet with two or more input sets', () => {
    expect(benchWarnings({ samplesMs: steady, distinctInputSets: 2 })).toEqual([]);
  });
});
