import { describe, expect, it } from 'vitest';
import { VerdictSchema } from '../../core/api/run-record.js';
import { evaluateTargets, parseTarget } from '../../core/targets/index.js';

/** 1, 2, … n ms: the k-th smallest sample is k ms, so interval bounds read as ranks. */
const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function verdict(expression: string, sortedSamplesMs: readonly number[]) {
  const [result] = evaluateTargets([parseTarget(expression)], { sortedSamplesMs });
  return VerdictSchema.parse(result);
}

describe('percentile verdicts from the 95% order-statistic interval', () => {
  // 1000 samples: p99's interval is [X(983), X(997)] = [983, 997] ms; type-7 p99 = 990.01 ms
  const thousand = ranks(1000);

  it('passes when the whole interval meets the bound', () => {
    const result = verdict('p99<=997ms', thousand);
    expect(result).toMatchObject({ status: 'pass', intervalLow: 983, intervalHigh: 997, thresholdValue: 997, unit: 'ms' });
    expect(result.observedValue).toBeCloseTo(990.01, 10);
    expect(result.method).toBe('95% order-statistic CI for p99 [983, 997] ms from 1000 samples');
    expect(verdict('p99<=0.997s', thousand).status).toBe('pass');
    expect(verdict('p99>=983ms', thousand).status).toBe('pass');
  });

  it('fails when none of the interval meets the bound', () => {
    expect(verdict('p99<=982.9ms', thousand).status).toBe('fail');
    expect(verdict('p99<983ms', thousand).status).toBe('fail');
    expect(verdict('p99>=997.1ms', thousand).status).toBe('fail');
    expect(verdict('p99>997ms', thousand).status).toBe('fail');
  });

  it('is inconclusive when the interval straddles the bound, whatever the point estimate says', () => {
    // 990.01 <= 996.9 holds, yet the interval reaches 997
    expect(verdict('p99<=996.9ms', thousand).status).toBe('inconclusive');
    expect(verdict('p99<997ms', thousand).status).toBe('inconclusive');
    expect(verdict('p99<=983ms', thousand).status).toBe('inconclusive');
    expect(verdict('p99>983ms', thousand).status).toBe('inconclusive');
    expect(verdict('p99>=997ms', thousand).status).toBe('inconclusive');
  });

  it('cannot pass a tail bound from too few samples, but can still fail it', () => {
    // 100 samples: p99 has a lower rank (97) and no upper one; every sample is far below 1 s
    const result = verdict('p99<=1000ms', ranks(100));
    expect(result).toMatchObject({ status: 'inconclusive', intervalLow: 97, intervalHigh: null });
    expect(result.method).toBe('95% order-statistic CI for p99 [97, —] ms from 100 samples; both bounds need at least 368 samples');
    expect(verdict('p99<=96ms', ranks(100)).status).toBe('fail');
  });

  it('judges the median on its [40, 61] interval from 100 samples', () => {
    expect(verdict('p50<=61ms', ranks(100)).status).toBe('pass');
    expect(verdict('p50<=60ms', ranks(100)).status).toBe('inconclusive');
    expect(verdict('p50<=39ms', ranks(100)).status).toBe('fail');
  });

  it('reads p90, p95 and p99.9 at their own ranks', () => {
    const tenThousand = ranks(10_000);
    expect(verdict('p90<=10000ms', tenThousand)).toMatchObject({ status: 'pass', metric: 'p90' });
    expect(verdict('p95<=1ms', tenThousand)).toMatchObject({ status: 'fail', metric: 'p95' });
    const p999 = verdict('p99.9<=10s', tenThousand);
    expect(p999).toMatchObject({ status: 'pass', metric: 'p999' });
    expect(p999.intervalHigh!).toBeLessThanOrEqual(10_000);
    expect(p999.intervalLow!).toBeGreaterThan(9980);
  });

  it('explains a preset in the method', () => {
    const fast = ranks(1000).map((ms) => ms / 100);
    const result = verdict('realtime-30', fast);
    expect(result).toMatchObject({ target: 'realtime-30', metric: 'p99', status: 'pass', thresholdValue: 33.3 });
    expect(result.method).toMatch(/\(realtime-30: p99 <= 33\.3 ms\)$/);
  });
});

describe('samples given in run order', () => {
  it('are sorted before ranks are read', () => {
    const inRunOrder = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) + 1);
    const [result] = evaluateTargets([parseTarget('p99<=997ms')], { sortedSamplesMs: inRunOrder });
    expect(result).toMatchObject({ status: 'pass', intervalLow: 983, intervalHigh: 997 });
  });
});
