import { describe, expect, test } from 'vitest';
import { compareRuns, formatComparison } from '../../core/report/compare.js';
import { expectGolden } from '../golden/golden.js';
import { baselineRun, candidateRun } from '../golden/synthetic-runs.js';

describe('formatComparison prints the terminal table of `edgelab compare`', () => {
  test('metrics with A, B, B/A and change, the test used, and warnings', () => {
    const upgraded = { ...candidateRun, software: { ...candidateRun.software, onnxruntime: '1.31.0' } };
    const text = formatComparison(compareRuns(baselineRun, upgraded));
    expect(text).toContain('Mann–Whitney U test on the latency samples (200 vs 200)');
    expect(text).toContain('! different-software');
    expectGolden('compare.txt', text);
  });
});

describe('the interval of B/A on a percentile', () => {
  // Binomial ranks computed here from the pmf, independently of core/stats/binomial.ts: the q-quantile
  // lies in [X(l), X(u)] with probability P(l <= B < u), B ~ Binomial(n, q), each tail ≤ (1 - c)/2.
  function interval(samples: readonly number[], q: number, c: number): [number, number] {
    const sorted = [...samples].sort((x, y) => x - y);
    const n = sorted.length;
    const pmf: number[] = [];
    let logP = n * Math.log(1 - q);
    for (let k = 0; k <= n; k++) {
      pmf.push(Math.exp(logP));
      logP += Math.log((n - k) / (k + 1)) + Math.log(q / (1 - q));
    }
    const tail = (1 - c) / 2;
    let cdf = 0;
    let low = -1;
    let high = n;
    for (let k = 0; k <= n; k++) {
      cdf += pmf[k]!;
      if (cdf <= tail) low = k;
      if (cdf >= 1 - tail) {
        high = k;
        break;
      }
    }
    return [sorted[low]!, sorted[high]!];
  }

  test('is each run\'s interval at √0.95, divided crosswise, so both hold together with 95 %', () => {
    const c = compareRuns(baselineRun, candidateRun);
    for (const [metric, q] of [['p50', 0.5], ['p90', 0.9], ['p95', 0.95]] as const) {
      const [aLow, aHigh] = interval(baselineRun.samplesMs, q, Math.sqrt(0.95));
      const [bLow, bHigh] = interval(candidateRun.samplesMs, q, Math.sqrt(0.95));
      const m = c.metrics.find((x) => x.metric === metric);
      expect(m?.ratioInterval?.low, metric).toBeCloseTo(bLow / aHigh, 12);
      expect(m?.ratioInterval?.high, metric).toBeCloseTo(bHigh / aLow, 12);
      expect(m!.ratioInterval!.low).toBeLessThanOrEqual(m!.ratio);
      expect(m!.ratioInterval!.high).toBeGreaterThanOrEqual(m!.ratio);
    }
    // 200 samples cannot bound p99 at 97.5 % on both sides: no interval rather than a false one.
    expect(c.metrics.find((x) => x.metric === 'p99')?.ratioInterval).toBeNull();
    expect(c.metrics.find((x) => x.metric === 'mean')?.ratioInterval).toBeNull();
  });
});
