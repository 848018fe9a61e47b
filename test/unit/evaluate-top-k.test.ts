import { describe, expect, it } from 'vitest';
import { isDistribution, softmax, topK } from '../../core/evaluate/classification.js';

describe('classification top-k', () => {
  it('applies softmax to logits, keeps a distribution as is, and names classes from the labels', () => {
    const logits = [1, 3, 2, 3];
    const p = softmax(logits);
    const e = logits.map(Math.exp);
    const sum = e.reduce((a, b) => a + b, 0);
    e.forEach((x, i) => expect(p[i]).toBeCloseTo(x / sum, 15));
    // Ties keep the lower index first, so runs repeat.
    expect(topK(logits, 3, ['a', 'b', 'c', 'd']).map((c) => [c.index, c.label])).toEqual([[1, 'b'], [3, 'd'], [2, 'c']]);
    expect(topK(logits, 1)[0]?.score).toBeCloseTo(e[1]! / sum, 15);

    const probs = [0.1, 0.6, 0.3];
    expect(isDistribution(probs)).toBe(true);
    expect(topK(probs, 2)).toEqual([{ index: 1, label: null, score: 0.6 }, { index: 2, label: null, score: 0.3 }]);
    expect(isDistribution([0.5, 0.6])).toBe(false);
    expect(isDistribution([-0.1, 1.1])).toBe(false);
  });
});
