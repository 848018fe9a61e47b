/**
 * Text detection scored by the ICDAR 2015 protocol (Robust Reading Competition, Challenge 4 Task 1,
 * the official `script.py` over `rrc_evaluation_funcs.py`), rule for rule:
 *  - every point is truncated to an integer first (`polygon_from_points` casts with `int()`);
 *  - a detection is don't-care when, for some `###` ground truth, intersection / detection area
 *    > AREA_PRECISION_CONSTRAINT (0.5), the first such region deciding;
 *  - matching is greedy in file order: for each ground truth in turn, the first detection, in
 *    turn, that is unmatched, neither is don't-care, and whose IoU > IOU_CONSTRAINT (0.5) is its
 *    match; a pair whose IoU is 0 by a zero union counts as 0;
 *  - per image: with no cared ground truth, recall 1 and precision 1, or 0 if cared detections
 *    remain; over the set: recall = matched / cared truth, precision = matched / cared detections,
 *    hmean their harmonic mean, each 0 where its denominator is.
 * The polygon areas are exact (text/polygon-geometry.ts) where the script calls Polygon3/shapely.
 * Where the script refuses points that are not clockwise, these accept either order; a
 * self-intersecting detection is refused (its area means nothing).
 * scripts/text/compare-icdar-shapely.py holds these against the same rules over shapely's areas.
 */
import { LabError } from '../../api/errors.js';
import type { LabelledText } from '../../api/labelled-set.js';
import { intersectionArea, isSelfIntersecting, polygonArea, type Point } from './polygon-geometry.js';

export const ICDAR_IOU_CONSTRAINT = 0.5;
export const ICDAR_AREA_PRECISION_CONSTRAINT = 0.5;

export interface TextDetection {
  points: readonly (readonly [number, number])[];
  score?: number;
}

/** One image's outcome, enough to re-sum the set's figures in a bootstrap without matching again. */
export interface TextImageMatch {
  imageId: number;
  /** Ground truth that counts (not `###`), detections that count (not inside a `###` region), and pairs matched. */
  truthCared: number;
  detectionsCared: number;
  matched: number;
  /** [ground-truth index, detection index] per match, in the order found. */
  pairs: [number, number][];
  /** Indices of `###` ground truth, and of detections dropped as don't-care. */
  truthDontCare: number[];
  detectionsDontCare: number[];
}

export interface TextScores {
  precision: number;
  recall: number;
  hmean: number;
  matched: number;
  truthCared: number;
  detectionsCared: number;
  images: number;
}

function truncated(points: readonly (readonly [number, number])[]): Point[] {
  return points.map(([x, y]) => [Math.trunc(x), Math.trunc(y)] as const);
}

export function matchTextImage(imageId: number, truth: readonly LabelledText[], detections: readonly TextDetection[], where = `image ${imageId}`): TextImageMatch {
  const gts = truth.map((t) => truncated(t.points));
  const dets = detections.map((d, i) => {
    if (d.points.length < 3) throw new LabError('input', `Detection ${i} of ${where} has ${d.points.length} points; a text region needs at least 3.`, 'Check the text decoder\'s output.');
    const p = truncated(d.points);
    if (isSelfIntersecting(p)) throw new LabError('input', `Detection ${i} of ${where} is a polygon that crosses itself.`, 'A text decoder must give its corners in order around the region.');
    return p;
  });
  const truthDontCare = truth.flatMap((t, i) => (t.dontCare ? [i] : []));
  const detectionsDontCare: number[] = [];
  dets.forEach((d, j) => {
    const area = polygonArea(d);
    for (const g of truthDontCare) {
      const precision = area === 0 ? 0 : intersectionArea(gts[g]!, d) / area;
      if (precision > ICDAR_AREA_PRECISION_CONSTRAINT) {
        detectionsDontCare.push(j);
        break;
      }
    }
  });
  const gtDc = new Set(truthDontCare);
  const detDc = new Set(detectionsDontCare);
  const gtMatched = new Uint8Array(gts.length);
  const detMatched = new Uint8Array(dets.length);
  const detAreas = dets.map(polygonArea);
  const pairs: [number, number][] = [];
  gts.forEach((g, gi) => {
    if (gtDc.has(gi)) return;
    const gArea = polygonArea(g);
    for (let di = 0; di < dets.length && gtMatched[gi] === 0; di++) {
      if (detMatched[di] === 1 || detDc.has(di)) continue;
      const inter = intersectionArea(dets[di]!, g);
      const union = detAreas[di]! + gArea - inter;
      const iou = union === 0 ? 0 : inter / union;
      if (iou > ICDAR_IOU_CONSTRAINT) {
        gtMatched[gi] = 1;
        detMatched[di] = 1;
        pairs.push([gi, di]);
      }
    }
  });
  return {
    imageId,
    truthCared: gts.length - truthDontCare.length,
    detectionsCared: dets.length - detectionsDontCare.length,
    matched: pairs.length,
    pairs,
    truthDontCare,
    detectionsDontCare,
  };
}

/** True positives, false positives and misses of one image, don't-care ones left out. */
export function textImageOutcome(m: TextImageMatch): { tp: number; fp: number; fn: number } {
  return { tp: m.matched, fp: m.detectionsCared - m.matched, fn: m.truthCared - m.matched };
}

function hmeanOf(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** The script's per-sample figures for one image. */
export function textImageScores(m: TextImageMatch): { precision: number; recall: number; hmean: number } {
  if (m.truthCared === 0) {
    const precision = m.detectionsCared > 0 ? 0 : 1;
    return { precision, recall: 1, hmean: hmeanOf(precision, 1) };
  }
  const recall = m.matched / m.truthCared;
  const precision = m.detectionsCared === 0 ? 0 : m.matched / m.detectionsCared;
  return { precision, recall, hmean: hmeanOf(precision, recall) };
}

/** The set's figures: matches summed over images, then divided (not a mean of per-image figures). */
export function textScores(images: readonly TextImageMatch[]): TextScores {
  let matched = 0;
  let truthCared = 0;
  let detectionsCared = 0;
  for (const m of images) {
    matched += m.matched;
    truthCared += m.truthCared;
    detectionsCared += m.detectionsCared;
  }
  const recall = truthCared === 0 ? 0 : matched / truthCared;
  const precision = detectionsCared === 0 ? 0 : matched / detectionsCared;
  return { precision, recall, hmean: hmeanOf(precision, recall), matched, truthCared, detectionsCared, images: images.length };
}
