/**
 * Mask and text figures over a weighting of the images (a bootstrap resample), from each image's
 * cached counts: the set's figures are sums over images divided once, so a weighting only scales
 * and re-sums the rows, never looking at a mask or polygon again.
 */
import type { LabelCategory } from '../../api/labelled-set.js';
import type { MaskImageCounts } from '../masks/mask-counts.js';
import { maskScores } from '../masks/mask-metrics.js';
import { textScores, type TextImageMatch } from '../text/icdar-eval.js';

/** One image's ICDAR outcome, as much of TextImageMatch as the set's figures read. */
export type TextImageCounts = Pick<TextImageMatch, 'imageId' | 'truthCared' | 'detectionsCared' | 'matched'>;

export function weightedMiou(images: readonly MaskImageCounts[], categories: readonly LabelCategory[], weights: ArrayLike<number>): number {
  const scaled: MaskImageCounts[] = [];
  images.forEach((m, i) => {
    const w = weights[i] as number;
    if (w === 0) return;
    scaled.push({ imageId: m.imageId, truth: m.truth.map((v) => v * w), predicted: m.predicted.map((v) => v * w), correct: m.correct.map((v) => v * w) });
  });
  const miou = maskScores(scaled, categories).miou;
  return Number.isNaN(miou) ? -1 : miou;
}

export function weightedHmean(images: readonly TextImageCounts[], weights: ArrayLike<number>): number {
  const scaled: TextImageMatch[] = [];
  images.forEach((m, i) => {
    const w = weights[i] as number;
    if (w === 0) return;
    scaled.push({ imageId: m.imageId, truthCared: m.truthCared * w, detectionsCared: m.detectionsCared * w, matched: m.matched * w, pairs: [], truthDontCare: [], detectionsDontCare: [] });
  });
  return textScores(scaled).hmean;
}
