import { describe, expect, it } from 'vitest';
import { VerdictSchema } from '../../core/api/run-record.js';
import { summarizeLatency } from '../../core/stats/index.js';
import { evaluateTargets, parseTargets } from '../../core/targets/index.js';

const everyMetric = parseTargets([
  'mean<=5ms, p50<=5ms, p90<=5ms, p95<=5ms, p99<=5ms, p999<=5ms, min<=5ms, max<=5ms',
  'fps>=30, throughput>=100/s, coldstart<=2s, rss<=512MB',
]);

describe('targets on metrics the run did not measure', () => {
  it('are inconclusive with no observed value and a method that says why', () => {
    const verdicts = evaluateTargets(everyMetric, {});
    expect(verdicts).toHaveLength(12);
    for (const v of verdicts) {
      expect(VerdictSchema.parse(v)).toMatchObject({ status: 'inconclusive', observedValue: null, intervalLow: null, intervalHigh: null });
      expect(v.method).toMatch(/^not measured: /);
    }
    expect(verdicts.find((v) => v.metric === 'rss')!.method).toBe('not measured: the run recorded no peak resident memory');
    expect(verdicts.find((v) => v.metric === 'p99')!.method).toBe('not measured: the run has no latency samples');
  });

  it('use summary statistics when samples are missing: inconclusive for intervals, direct for min and max', () => {
    const latencyMs = summarizeLatency([1, 2, 3, 4]);
    const verdicts = evaluateTargets(parseTargets(['p99<=5ms', 'mean<=5ms', 'min<=5ms', 'max<=3ms']), { latencyMs });
    expect(verdicts.map((v) => v.status)).toEqual(['inconclusive', 'inconclusive', 'pass', 'fail']);
    expect(verdicts[0]!.observedValue).toBeCloseTo(3.97, 12);
    expect(verdicts[0]!.method).toBe('p99 3.97 ms from summary statistics only; no samples for a confidence interval');
  });

  it('quote the recorded point value when both statistics and samples are given', () => {
    const sortedSamplesMs = [1, 2, 3, 4];
    const latencyMs = { ...summarizeLatency(sortedSamplesMs), mean: 2.4 };
    const [mean] = evaluateTargets(parseTargets(['mean<=100ms']), { sortedSamplesMs, latencyMs });
    expect(mean!.observedValue).toBe(2.4);
  });
});
