import { describe, expect, it } from 'vitest';
import { dominators } from '../../core/tradeoff/pareto-front.js';

/** The front as the README states the rule, by brute force over every pair and every objective. */
function bruteFront(items: Array<{ accuracy: number; p99Ms: number; cost: number | null }>, withCost: boolean): number[] {
  const keys = (x: (typeof items)[number]) => [x.accuracy, -x.p99Ms, ...(withCost ? [-(x.cost as number)] : [])];
  return items.flatMap((b, i) => (items.some((a, j) => j !== i && keys(a).every((v, k) => v >= keys(b)[k]!) && keys(a).some((v, k) => v > keys(b)[k]!)) ? [] : [i]));
}

describe('the tradeoff Pareto front', () => {
  it('keeps every one of variants tied on all objectives, and drops one only worse on cost', () => {
    const items = [
      { accuracy: 0.5, p99Ms: 10, cost: 100 },
      { accuracy: 0.5, p99Ms: 10, cost: 100 },
      { accuracy: 0.5, p99Ms: 10, cost: 120 },
      { accuracy: 0.6, p99Ms: 20, cost: 100 },
    ];
    const front = (withCost: boolean) => dominators(items, withCost).flatMap((by, i) => (by.length === 0 ? [i] : []));
    expect(front(true)).toEqual(bruteFront(items, true));
    expect(front(true)).toEqual([0, 1, 3]);
    // Without cost, the third is tied with the first two on accuracy and p99: all three stay.
    expect(front(false)).toEqual(bruteFront(items, false));
    expect(front(false)).toEqual([0, 1, 2, 3]);
    expect(dominators(items, true)[2]).toEqual([0, 1]);
  });

  it('agrees with the brute force on seeded random sets with many ties', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({ accuracy: Math.floor(next() * 4) / 4, p99Ms: 1 + Math.floor(next() * 4), cost: Math.floor(next() * 3) * 50 }));
      for (const withCost of [true, false]) {
        expect(dominators(items, withCost).flatMap((by, i) => (by.length === 0 ? [i] : []))).toEqual(bruteFront(items, withCost));
      }
    }
  });
});
