import { describe, expect, it } from 'vitest';
import { benchWarnings } from '../../core/stats/index.js';

const twoHalves = (first: number, second: number) => Array.from({ length: 400 }, (_, i) => (i < 200 ? first : second));

describe('drift warning', () => {
  it('fires when the last decile is over 1.1× the first, pointing at throttling and background load', () => {
    const warnings = benchWarnings({ samplesMs: twoHalves(10, 11.5), distinctInputSets: 4 });
    expect(warnings.map((w) => w.code)).toEqual(['drift']);
    expect(warnings[0]!.message).toMatch(/got slower: the last tenth's median latency was 1\.15× the first tenth's/);
    expect(warnings[0]!.advice).toMatch(/Thermal throttling or background load/);
    expect(warnings[0]!.advice).toMatch(/longer warm-up/);
  });

  it('fires when the run got faster by more than 10 %', () => {
    const warnings = benchWarnings({ samplesMs: twoHalves(11.5, 10), distinctInputSets: 4 });
    expect(warnings.map((w) => w.code)).toEqual(['drift']);
    expect(warnings[0]!.message).toMatch(/got faster: .* 0\.87/);
  });

  it('stays quiet at 1.09 and 0.91', () => {
    expect(benchWarnings({ samplesMs: twoHalves(10, 10.9), distinctInputSets: 4 })).toEqual([]);
    expect(benchWarnings({ samplesMs: twoHalves(10, 9.1), distinctInputSets: 4 })).toEqual([]);
  });
});
