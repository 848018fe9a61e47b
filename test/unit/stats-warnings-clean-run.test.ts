import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

/** 400 samples of 10 ms ± 0.1 ms: long, steady, enough for p99. */
const steadyRun = Array.from({ length: 400 }, (_, i) => 10 + 0.1 * Math.sin(i));

describe('benchWarnings on a clean run', () => {
  it('has nothing to say about a steady, long run with rotating inputs', () => {
    expect(benchWarnings({ samplesMs: steadyRun, distinctInputSets: 4 })).toEqual([]);
  });

  it('has nothing to say about a run without samples', () => {
    expect(benchWarnings({ samplesMs: [], distinctInputSets: 1 })).toEqual([]);
  });
});
