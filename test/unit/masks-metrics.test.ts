/**
 * Mask scores from per-image pixel counts, checked on a hand-computed case and against a direct
 * computation from the full confusion matrix, with mmseg's rules: ignored pixels count for nothing,
 * a class in neither truth nor prediction stays out of the means.
 */
import { describe, expect, it } from 'vitest';
import { countMaskImage, emptyConfusion } from '../../core/evaluate/masks/mask-counts.js';
import { maskScores, sumMaskCounts } from '../../core/evaluate/masks/mask-metrics.js';

const classes = [
  { id: 0, name: 'background' },
  { id: 1, name: 'road' },
  { id: 2, name: 'car' },
  { id: 3, name: 'boat' },
];

describe('mask scores', () => {
  it('a hand-computed 4 × 2 image with an ignored pixel', () => {
    // truth:     0 0 1 1 / 1 1 255 2      prediction: 0 1 1 1 / 1 2 2 2
    const truth = [0, 0, 1, 1, 1, 1, 255, 2];
    const predicted = [0, 1, 1, 1, 1, 2, 2, 2];
    const counts = countMaskImage({ imageId: 1, file: 'a.png', width: 4, truth, predicted }, 4, 255);
    // The ignored pixel (predicted 2) counts nowhere.
    expect(counts).toEqual({ imageId: 1, truth: [2, 4, 1, 0], predicted: [1, 4, 2, 0], correct: [1, 3, 1, 0] });
    const s = maskScores([counts], classes);
    // IoU: bg 1/(2+1−1) = 0.5, road 3/(4+4−3) = 0.6, car 1/(1+2−1) = 0.5; boat is absent from both.
    expect(s.classes.map((c) => c.iou)).toEqual([0.5, 0.6, 0.5, null]);
    expect(s.miou).toBeCloseTo((0.5 + 0.6 + 0.5) / 3, 15);
    // Dice: 2/3, 6/8, 2/3.
    expect(s.classes.map((c) => c.dice)).toEqual([2 / 3, 0.75, 2 / 3, null]);
    expect(s.mdice).toBeCloseTo((2 / 3 + 0.75 + 2 / 3) / 3, 15);
    // Pixel accuracy over the 7 counted pixels: 5 right.
    expect(s.pixelAccuracy).toBeCloseTo(5 / 7, 15);
    expect(s.classes.map((c) => c.accuracy)).toEqual([0.5, 0.75, 1, null]);
    expect(s).toMatchObject({ classesScored: 3, pixels: 7, images: 1 });
  });

  it('a class only predicted enters mIoU with IoU 0', () => {
    const counts = countMaskImage({ imageId: 1, file: 'a.png', width: 2, truth: [0, 0], predicted: [0, 3] }, 4, 255);
    const s = maskScores([counts], classes);
    expect(s.classes.map((c) => c.iou)).toEqual([0.5, null, null, 0]);
    expect(s.miou).toBe(0.25);
  });

  it('summed per-image counts give the figures the full confusion matrix gives', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const confusion = emptyConfusion(4);
    const perImage = [1, 2, 3, 4, 5].map((imageId) => {
      const truth = Array.from({ length: 600 }, () => (next() < 0.05 ? 255 : Math.floor(next() * 3)));
      const predicted = truth.map((t) => (next() < 0.7 && t !== 255 ? t : Math.floor(next() * 4)));
      return countMaskImage({ imageId, file: `${imageId}.png`, width: 30, truth, predicted }, 4, 255, confusion);
    });
    const m = (t: number, p: number) => confusion.counts[t * 4 + p]!;
    const row = (c: number) => [0, 1, 2, 3].reduce((a, p) => a + m(c, p), 0);
    const col = (c: number) => [0, 1, 2, 3].reduce((a, t) => a + m(t, c), 0);
    const s = maskScores(perImage, classes);
    for (const c of [0, 1, 2, 3]) {
      const union = row(c) + col(c) - m(c, c);
      expect(s.classes[c]!.iou).toBe(union === 0 ? null : m(c, c) / union);
    }
    const total = [0, 1, 2, 3].reduce((a, c) => a + row(c), 0);
    expect(s.pixelAccuracy).toBeCloseTo([0, 1, 2, 3].reduce((a, c) => a + m(c, c), 0) / total, 15);
    expect(sumMaskCounts(perImage, 4).truth).toEqual([0, 1, 2, 3].map(row));
  });

  it('refuses a predicted class the labels do not have, naming the pixel', () => {
    expect(() => countMaskImage({ imageId: 1, file: 'a.png', width: 2, truth: [0, 1, 1, 0], predicted: [0, 1, 1, 4] }, 4, 255)).toThrow('The predicted mask of a.png has class 4 at pixel (1, 1); the labels have 4 classes (0 to 3).');
    expect(() => countMaskImage({ imageId: 1, file: 'a.png', width: 2, truth: [0, 1], predicted: [0] }, 4, 255)).toThrow('has 1 pixels, its truth 2');
  });
});
