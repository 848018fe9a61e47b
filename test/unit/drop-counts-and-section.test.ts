/**
 * The bootstrap's mask and text figures re-sum each image's counts: a weighting must give what the
 * set's own metric gives on the images repeated that many times. And the drop reads as people write
 * it: "mAP −0.8 points (95 % CI −1.3 to −0.3)".
 */
import { describe, expect, it } from 'vitest';
import { weightedHmean, weightedMiou } from '../../core/evaluate/drop/count-metrics.js';
import type { MaskImageCounts } from '../../core/evaluate/masks/mask-counts.js';
import { maskScores } from '../../core/evaluate/masks/mask-metrics.js';
import { textScores, type TextImageMatch } from '../../core/evaluate/text/icdar-eval.js';
import { pairedBootstrap } from '../../core/evaluate/drop/paired-bootstrap.js';
import { accuracyPassSection, dropSentence } from '../../core/present/sections/accuracy-pass-section.js';
import { textSection } from '../../core/present/section-text.js';

const categories = [{ id: 0, name: 'background' }, { id: 1, name: 'foreground' }];
const masks: MaskImageCounts[] = [
  { imageId: 1, truth: [900, 100], predicted: [880, 120], correct: [870, 90] },
  { imageId: 2, truth: [500, 500], predicted: [600, 400], correct: [480, 380] },
  { imageId: 3, truth: [1000, 0], predicted: [990, 10], correct: [990, 0] },
];
const text: TextImageMatch[] = [
  { imageId: 1, truthCared: 4, detectionsCared: 5, matched: 3, pairs: [], truthDontCare: [], detectionsDontCare: [] },
  { imageId: 2, truthCared: 2, detectionsCared: 1, matched: 1, pairs: [], truthDontCare: [], detectionsDontCare: [] },
  { imageId: 3, truthCared: 0, detectionsCared: 2, matched: 0, pairs: [], truthDontCare: [], detectionsDontCare: [] },
];
const repeat = <T,>(items: readonly T[], weights: readonly number[]) => items.flatMap((x, i) => Array.from({ length: weights[i] as number }, () => x));

describe('re-summed mask and text counts', () => {
  it.each([[[1, 1, 1]], [[2, 0, 1]], [[0, 3, 1]]])('with weights %j give the metric of the images repeated', (weights) => {
    expect(weightedMiou(masks, categories, weights)).toBeCloseTo(maskScores(repeat(masks, weights), categories).miou, 14);
    expect(weightedHmean(text, weights)).toBeCloseTo(textScores(repeat(text, weights)).hmean, 14);
  });

  it('a mask drop against itself is 0 with a zero-width interval', () => {
    const d = pairedBootstrap(3, (w) => weightedMiou(masks, categories, w), (w) => weightedMiou(masks, categories, w), { resamples: 100 });
    expect([d.difference, d.low, d.high]).toEqual([0, 0, 0]);
  });
});

describe('the drop as text', () => {
  const drop = { metric: 'map', referenceRun: 'R1', difference: -0.008, low: -0.013, high: -0.003, resamples: 1000, seed: 1, confidence: 0.95, images: 500, undefinedResamples: 0 };

  it('reads in points with its interval, resamples and seed', () => {
    expect(dropSentence(drop)).toBe('mAP −0.8 points (95 % CI −1.3 to −0.3) against run R1: paired bootstrap over 500 images, 1000 resamples, seed 1');
  });

  it('is the last block of the pass section, after the figures', () => {
    const section = accuracyPassSection({
      pass: 'accuracy', engine: 'onnxruntime 1.22.0 (cpu)', predictions: 40,
      labels: { name: 'val', format: 'binary-masks', sha256: 'a'.repeat(64), counts: { images: 3, boxes: 0, masks: 3, texts: 0, categories: 2 } },
      decoder: { name: 'saliency', scoreThreshold: 0.001, iouThreshold: 0.7, maxDetections: 300 },
      metrics: { kind: 'masks', miou: 0.8123, dice: 0.88, pixelAccuracy: 0.97, classes: [{ name: 'background', iou: 0.95, dice: 0.97, accuracy: 0.98 }, { name: 'foreground', iou: 0.67, dice: 0.8, accuracy: null }] },
      perImage: { name: 'per-image.json', sha256: 'b'.repeat(64) },
      drop: { ...drop, metric: 'miou' },
    });
    expect(section?.title).toBe('Mask accuracy');
    const text = textSection(section!);
    expect(text).toContain('mIoU 0.812');
    expect(text).toMatch(/foreground\s+0\.670\s+0\.800\s+—/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('  Drop: mIoU −0.8 points (95 % CI −1.3 to −0.3) against run R1: paired bootstrap over 500 images, 1000 resamples, seed 1.');
    expect(accuracyPassSection({ pass: 'other' })).toBeNull();
  });
});
