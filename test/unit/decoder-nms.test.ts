import { describe, expect, it } from 'vitest';
import { byScore, emptyCandidates, iouXyxy, nms, pushCandidate, type Candidates } from '../../core/evaluate/decoders/nms.js';

/** Boxes as [x1, y1, x2, y2, score, class]. */
function candidates(rows: readonly (readonly number[])[]): Candidates {
  const c = emptyCandidates();
  for (const [x1, y1, x2, y2, s, k] of rows) pushCandidate(c, x1!, y1!, x2!, y2!, s!, k!);
  return c;
}

const options = { iouThreshold: 0.5, maxDetections: 100, classAgnostic: false };

describe('non-maximum suppression', () => {
  it('computes IoU as intersection over union of continuous areas', () => {
    // [0,0,10,10] and [5,0,15,10]: intersection 50, union 150.
    const c = candidates([[0, 0, 10, 10, 1, 0], [5, 0, 15, 10, 1, 0], [10, 0, 20, 10, 1, 0]]);
    expect(iouXyxy(c, 0, 1)).toBeCloseTo(1 / 3, 15);
    expect(iouXyxy(c, 0, 2)).toBe(0); // touching edges do not overlap
  });

  it('keeps the higher score of two overlapping boxes of a class, and both when their classes differ', () => {
    // IoU of box 0 and 1: [0,0,10,10] vs [1,0,11,10]: 90 / 110 = 0.818 > 0.5.
    const c = candidates([
      [0, 0, 10, 10, 0.6, 0],
      [1, 0, 11, 10, 0.9, 0],
      [1, 0, 11, 10, 0.8, 1],
      [50, 50, 60, 60, 0.3, 0],
    ]);
    expect(nms(c, options)).toEqual([1, 2, 3]);
    // Class-agnostic: the class-1 box overlaps the kept 0.9 box and goes too.
    expect(nms(c, { ...options, classAgnostic: true })).toEqual([1, 3]);
  });

  it('suppresses only an overlap strictly above the threshold, as torchvision does', () => {
    // [0,0,10,10] vs [0,0,10,20]: IoU exactly 0.5.
    const c = candidates([[0, 0, 10, 10, 0.9, 0], [0, 0, 10, 20, 0.8, 0]]);
    expect(nms(c, options)).toEqual([0, 1]);
    expect(nms(c, { ...options, iouThreshold: 0.49 })).toEqual([0]);
  });

  it('is greedy: a box suppressed by a kept box cannot suppress another', () => {
    // A (0.9) overlaps B (0.8) by 0.67, B overlaps C (0.7) by 0.67, A and C only by 0.43: B goes, and C stays.
    const wide = candidates([[0, 0, 30, 10, 0.9, 0], [6, 0, 36, 10, 0.8, 0], [12, 0, 42, 10, 0.7, 0]]);
    expect(iouXyxy(wide, 0, 1)).toBeCloseTo(24 / 36, 10);
    expect(iouXyxy(wide, 0, 2)).toBeCloseTo(18 / 42, 10);
    expect(nms(wide, options)).toEqual([0, 2]);
  });

  it('stops at max detections, highest scores first, equal scores in input order', () => {
    const c = candidates([[0, 0, 1, 1, 0.5, 0], [10, 0, 11, 1, 0.7, 0], [20, 0, 21, 1, 0.5, 0], [30, 0, 31, 1, 0.9, 0]]);
    expect(nms(c, { ...options, maxDetections: 3 })).toEqual([3, 1, 0]);
  });

  it('looks at the highest-scoring candidates only, past the limit, ties taken in input order', () => {
    const c = candidates([0.2, 0.9, 0.5, 0.7, 0.5, 0.5, 0.1].map((s, i) => [i * 10, 0, i * 10 + 5, 5, s, 0]));
    expect(byScore(c)).toEqual([1, 3, 2, 4, 5, 0, 6]);
    expect(byScore(c, 4)).toEqual([1, 3, 2, 4]);
    expect(byScore(c, 2)).toEqual([1, 3]);
  });
});
