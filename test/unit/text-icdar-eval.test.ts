/**
 * The ICDAR 2015 protocol on hand-computed cases, each aimed at one rule of the official script.py:
 * IoU strictly above 0.5, don't-care regions and the detections mostly inside them, greedy matching
 * in file order, integer truncation of points, the per-image and the set's figures.
 */
import { describe, expect, it } from 'vitest';
import type { LabelledText } from '../../core/api/labelled-set.js';
import { matchTextImage, textImageOutcome, textImageScores, textScores, type TextDetection } from '../../core/evaluate/text/icdar-eval.js';

type Quad = [number, number][];
const rect = (x0: number, y0: number, x1: number, y1: number): Quad => [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
const gt = (points: Quad, text = 'word'): LabelledText => ({ points, text, dontCare: text === '###' });
const det = (points: Quad): TextDetection => ({ points });

describe('ICDAR 2015 matching', () => {
  it('matches at IoU above 0.5 and not at 0.5 exactly or below', () => {
    const truth = [gt(rect(0, 0, 10, 10))];
    // Shifted by 2: 80 / 120 = 0.667.
    expect(matchTextImage(1, truth, [det(rect(2, 0, 12, 10))]).matched).toBe(1);
    // Twice as tall: 100 / 200 = 0.5, which the script's `>` rejects.
    expect(matchTextImage(1, truth, [det(rect(0, 0, 10, 20))]).matched).toBe(0);
    // Shifted by 5: 50 / 150.
    expect(matchTextImage(1, truth, [det(rect(5, 0, 15, 10))]).matched).toBe(0);
  });

  it('drops a detection mostly inside a ### region, and keeps one half inside it as a false positive', () => {
    const truth = [gt(rect(0, 0, 10, 10)), gt(rect(20, 0, 40, 10), '###')];
    // 60 of its 80 px² inside the ### region: 0.75 > 0.5, so it counts for nothing.
    const inside = matchTextImage(1, truth, [det(rect(0, 0, 10, 10)), det(rect(22, 2, 32, 10))]);
    expect(inside).toMatchObject({ truthCared: 1, detectionsCared: 1, matched: 1, truthDontCare: [1], detectionsDontCare: [1] });
    // Half of it inside (50 of 100): not more than 0.5, so it stays, unmatched.
    const half = matchTextImage(1, truth, [det(rect(0, 0, 10, 10)), det(rect(15, 0, 25, 10))]);
    expect(half).toMatchObject({ detectionsCared: 2, matched: 1, detectionsDontCare: [] });
    expect(textImageScores(half)).toEqual({ precision: 0.5, recall: 1, hmean: 2 / 3 });
  });

  it('matches greedily in file order, as the script does, not for the best total', () => {
    // Detection 0 has IoU 0.667 with GT 0 and 0.818 with GT 1; detection 1 has 0.667 with GT 0 and 0.333
    // with GT 1. The script gives GT 0 the first detection above 0.5 (detection 0), so GT 1 finds none
    // left: one match, where pairing GT 0–det 1 and GT 1–det 0 would have made two.
    const truth = [gt(rect(0, 0, 10, 10)), gt(rect(3, 0, 13, 10))];
    const m = matchTextImage(1, truth, [det(rect(2, 0, 12, 10)), det(rect(-2, 0, 8, 10))]);
    expect(m.pairs).toEqual([[0, 0]]);
    expect(m).toMatchObject({ matched: 1, truthCared: 2, detectionsCared: 2 });
  });

  it('truncates every point to an integer first', () => {
    const truth = [gt(rect(0, 0, 10, 10))];
    // The script reads (0.9, 0.2) … (10.9, 10.7) as (0, 0) … (10, 10): the ground truth exactly.
    const m = matchTextImage(1, truth, [det([[0.9, 0.2], [10.9, 0.2], [10.9, 10.7], [0.9, 10.7]])]);
    expect(m.matched).toBe(1);
    // Truncation, not rounding: 5.99 stays 5, so the box [5, 0, 15, 10] has IoU 1/3 and misses.
    expect(matchTextImage(1, truth, [det(rect(5.99, 0, 15.99, 10))]).matched).toBe(0);
  });

  it('scores an image with no cared text as the script does', () => {
    const onlyDontCare = [gt(rect(0, 0, 10, 10), '###')];
    expect(textImageScores(matchTextImage(1, onlyDontCare, []))).toEqual({ precision: 1, recall: 1, hmean: 1 });
    expect(textImageScores(matchTextImage(1, onlyDontCare, [det(rect(50, 50, 60, 60))]))).toEqual({ precision: 0, recall: 1, hmean: 0 });
  });

  it('keeps a detection whose corners truncate onto one another', () => {
    // (10.2, 0) and (10.7, 0) both become (10, 0): a repeated corner, not a crossing.
    const m = matchTextImage(1, [gt(rect(0, 0, 10, 10))], [det([[0, 0], [10.2, 0], [10.7, 0.4], [10, 10], [0, 10]])]);
    expect(m.matched).toBe(1);
  });

  it('refuses a detection that crosses itself', () => {
    expect(() => matchTextImage(3, [gt(rect(0, 0, 10, 10))], [det([[0, 0], [10, 10], [10, 0], [0, 10]])], 'img_3.jpg')).toThrow('Detection 0 of img_3.jpg is a polygon that crosses itself');
  });
});

describe('ICDAR 2015 set figures', () => {
  it('sums matches over images before dividing, and keeps TP/FP/FN per image', () => {
    const a = matchTextImage(1, [gt(rect(0, 0, 10, 10)), gt(rect(20, 0, 30, 10))], [det(rect(1, 0, 11, 10))]);
    const b = matchTextImage(2, [gt(rect(0, 0, 10, 10))], [det(rect(0, 0, 10, 10)), det(rect(40, 40, 50, 50)), det(rect(60, 60, 70, 70))]);
    const c = matchTextImage(3, [], []);
    // Image 1: TP 1, FN 1; image 2: TP 1, FP 2; image 3 has nothing.
    expect([a, b, c].map(textImageOutcome)).toEqual([{ tp: 1, fp: 0, fn: 1 }, { tp: 1, fp: 2, fn: 0 }, { tp: 0, fp: 0, fn: 0 }]);
    const s = textScores([a, b, c]);
    expect(s).toMatchObject({ matched: 2, truthCared: 3, detectionsCared: 4, images: 3 });
    expect(s.recall).toBeCloseTo(2 / 3, 15);
    expect(s.precision).toBeCloseTo(0.5, 15);
    expect(s.hmean).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3), 15);
    expect(textScores([c])).toMatchObject({ precision: 0, recall: 0, hmean: 0 });
  });
});
