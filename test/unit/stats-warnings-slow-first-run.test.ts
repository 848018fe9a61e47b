import { describe, expect, it } from 'vitest';
import { BENCH_WARNING_LIMITS, benchWarnings } from '../../core/stats/index.js';

const steady = Array.from({ length: 2000 }, (_, i) => 10 + 0.1 * Math.sin(i));

describe('slow-first-run warning', () => {
  it(`fires when the first timed inference exceeds ${BENCH_WARNING_LIMITS.slowFirstRunFactor}× the median, and suggests more warm-up`, () => {
    const warnings = benchWarnings({ samplesMs: [35, ...steady], distinctInputSets: 4, warmupIterations: 5 });
    expect(warnings.map((w) => w.code)).toEqual(['slow-first-run']);
    expect(warnings[0]!.message).toMatch(/first timed inference took 35 ms, 3\.\d+× the median of 10 ms/);
    expect(warnings[0]!.advice).toMatch(/5 warm-up iterations did not bring the session to steady state/);
    expect(warnings[0]!.advice).toMatch(/--warmup 20/);
  });

  it('stays quiet at 2.9× the median', () => {
    expect(benchWarnings({ samplesMs: [29, ...steady], distinctInputSets: 4 })).toEqual([]);
  });
});
