import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

const constant = (n: number, ms: number) => Array.from({ length: n }, () => ms);

describe('short-run warning', () => {
  it('fires when less than a second was timed in total', () => {
    const warnings = benchWarnings({ samplesMs: constant(50, 10), distinctInputSets: 4, tailQuantiles: [0.9] });
    expect(warnings.map((w) => w.code)).toEqual(['short-run']);
    expect(warnings[0]!.message).toBe('Only 0.5 s was timed in total.');
    expect(warnings[0]!.advice).toMatch(/--duration/);
  });

  it('stays quiet at one second', () => {
    expect(benchWarnings({ samplesMs: constant(100, 10), distinctInputSets: 4, tailQuantiles: [0.9] })).toEqual([]);
  });
});
