/**
 * COCOeval's matching, accumulation and summary on a case small enough to work out by hand: two
 * images, one category, and detections whose IoUs sit well away from the thresholds.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCoco, prCurve } from '../../core/evaluate/coco/coco-eval.js';
import { readGroundTruth } from '../../core/evaluate/coco/dataset.js';
import { readResults } from '../../core/evaluate/coco/results.js';

const box = (x: number, y: number, w: number, h: number) => [x, y, w, h];

function groundTruth(crowdRegion: boolean) {
  return readGroundTruth(
    {
      images: [
        { id: 1, width: 400, height: 400 },
        { id: 2, width: 400, height: 400 },
      ],
      categories: [
        { id: 5, name: 'cup' },
        { id: 9, name: 'kite' },
      ],
      annotations: [
        // A: small (area 100); B: medium (2500); C: a large region, crowd or not.
        { id: 11, image_id: 1, category_id: 5, bbox: box(0, 0, 10, 10), area: 100, iscrowd: 0 },
        { id: 12, image_id: 2, category_id: 5, bbox: box(20, 20, 50, 50), area: 2500, iscrowd: 0 },
        { id: 13, image_id: 2, category_id: 5, bbox: box(200, 200, 100, 100), area: 10000, iscrowd: crowdRegion ? 1 : 0 },
      ],
    },
    'gt.json',
  );
}

const detections = [
  { image_id: 1, category_id: 5, bbox: box(0, 0, 10, 10), score: 0.9 }, // d1: A exactly
  { image_id: 1, category_id: 5, bbox: box(100, 100, 10, 10), score: 0.8 }, // d2: nothing
  { image_id: 2, category_id: 5, bbox: box(20, 20, 50, 36), score: 0.7 }, // d3: B at IoU 1800/2500 = .72
  { image_id: 2, category_id: 5, bbox: box(210, 210, 20, 20), score: 0.95 }, // d4: inside C, IoU 400/10000
];

describe('COCOeval by hand', () => {
  it('ranks, matches and reads precision at the 101 recall points', () => {
    const gt = groundTruth(false);
    const e = evaluateCoco(gt, readResults(detections, gt, 'dt.json'), 'bbox');
    // Ranked d4 (FP), d1 (TP), d2 (FP), d3 (TP up to IoU .70, FP from .75), over 3 counted objects.
    // Up to .70: recall 0, 1/3, 1/3, 2/3 and precision 0, 1/2, 1/3, 1/2, enveloped to 1/2 everywhere;
    // recall points 0..0.66 (67 of them) read 1/2, the other 34 are beyond the last recall: 0.
    const low = (67 * 0.5) / 101;
    // From .75: recall stops at 1/3 with envelope 1/2: 34 points (0..0.33) read 1/2.
    const high = (34 * 0.5) / 101;
    expect(e.stats.AP50).toBeCloseTo(low, 14);
    expect(e.stats.AP75).toBeCloseTo(high, 14);
    expect(e.stats.AP).toBeCloseTo((5 * low + 5 * high) / 10, 14);
    expect(e.stats.AR100).toBeCloseTo((5 * (2 / 3) + 5 * (1 / 3)) / 10, 14);
    expect(e.categories.map((c) => [c.name, c.objects, c.ap])).toEqual([
      ['cup', 3, e.stats.AP],
      ['kite', 0, -1],
    ]);
  });

  it('ignores a detection inside a crowd region instead of counting it false', () => {
    const gt = groundTruth(true);
    const e = evaluateCoco(gt, readResults(detections, gt, 'dt.json'), 'bbox');
    // d4 matches the crowd region C and drops out. d1 TP, d2 FP, d3 TP up to .70, over 2 objects:
    // recall 1/2, 1/2, 1 with precision 1, 1/2, 2/3 -> envelope 1, 2/3, 2/3. Recall points 0..0.50
    // (51) read 1, 0.51..1 (50) read 2/3. From .75 d3 is false: 51 points read 1, the rest 0.
    const ap50 = (51 + 50 * (2 / 3)) / 101;
    const ap75 = 51 / 101;
    expect(e.stats.AP50).toBeCloseTo(ap50, 14);
    expect(e.stats.AP75).toBeCloseTo(ap75, 14);
    expect(e.stats.AP).toBeCloseTo((ap50 + ap75) / 2, 14);
    // With one detection per image, image 2's slot goes to d4 (best score), so B is never found.
    expect(e.stats.AR1).toBeCloseTo(0.5, 14);
    expect(e.stats.AR10).toBeCloseTo(0.75, 14);
    expect(e.stats.AR100).toBeCloseTo(0.75, 14);
    // Small: only A counts; d1 TP, d2 FP, d3 matched B (ignored there) or too big: 1 everywhere.
    // (Not exactly 1: pycocotools divides by tp + fp + np.spacing(1), and so does the port.)
    expect(e.stats.APs).toBeCloseTo(1, 14);
    expect(e.stats.APs).toBeLessThan(1);
    // Medium: only B counts, and only d3 (d1 hits ignored A, d2 and d4 are too small): 1 up to .70, 0 after.
    expect(e.stats.APm).toBeCloseTo(0.5, 14);
    // Large: the crowd region is the only large object, and it does not count.
    expect(e.stats.APl).toBe(-1);
    expect(e.stats.ARl).toBe(-1);
    const curve = Array.from(prCurve(e, 0, 0));
    expect(curve.slice(0, 51).every((p) => Math.abs(p - 1) < 1e-15)).toBe(true);
    expect(curve.slice(51).every((p) => Math.abs(p - 2 / 3) < 1e-15)).toBe(true);
  });

  it('keeps tied scores in image order, as numpy\'s stable mergesort does', () => {
    const gt = groundTruth(true);
    // A false detection in image 1 tied with d1: ranked after it, because it comes later in the file.
    const tied = [...detections, { image_id: 1, category_id: 5, bbox: box(300, 300, 10, 10), score: 0.9 }];
    const e = evaluateCoco(gt, readResults(tied, gt, 'dt.json'), 'bbox');
    // d1 TP, tie FP, d2 FP, d3 TP: precision 1, 1/2, 1/3, 1/2 -> envelope 1, 1/2, 1/2, 1/2.
    expect(e.stats.AP50).toBeCloseTo((51 + 50 * 0.5) / 101, 14);
    // In the other order the tie would come first and precision at recall 1/2 would be 1/2.
    const swapped = [tied[4], ...detections] as typeof tied;
    const f = evaluateCoco(gt, readResults(swapped, gt, 'dt.json'), 'bbox');
    expect(f.stats.AP50).toBeCloseTo((51 * 0.5 + 50 * 0.5) / 101, 14);
  });

  it('counts a match to an object with id 0 as pycocotools does, and says so', () => {
    const json = (firstId: number) => ({
      images: [{ id: 1, width: 100, height: 100 }],
      categories: [{ id: 1, name: 'cup' }],
      annotations: [
        { id: firstId, image_id: 1, category_id: 1, bbox: box(0, 0, 10, 10), area: 100, iscrowd: 0 },
        { id: 7, image_id: 1, category_id: 1, bbox: box(50, 50, 10, 10), area: 100, iscrowd: 0 },
      ],
    });
    const dts = [
      { image_id: 1, category_id: 1, bbox: box(0, 0, 10, 10), score: 0.9 },
      { image_id: 1, category_id: 1, bbox: box(50, 50, 10, 10), score: 0.8 },
    ];
    const fromOne = readGroundTruth(json(1), 'gt.json');
    const ok = evaluateCoco(fromOne, readResults(dts, fromOne, 'dt.json'), 'bbox');
    expect(ok.stats.AP).toBeCloseTo(1, 14);
    expect(ok.warnings).toEqual([]);
    // pycocotools stores the matched object's id and reads 0 as "no match": the first detection
    // becomes a false positive, its object stays unfound. Precision 0 then 1/2 -> envelope 1/2;
    // recall 0 then 1/2: recall points 0..0.5 read 1/2, the rest 0.
    const fromZero = readGroundTruth(json(0), 'gt.json');
    const quirk = evaluateCoco(fromZero, readResults(dts, fromZero, 'dt.json'), 'bbox');
    expect(quirk.stats.AP).toBeCloseTo((51 * 0.5) / 101, 14);
    expect(quirk.warnings).toHaveLength(1);
    expect(quirk.warnings[0]).toContain('gt.json: annotations[0] has id 0');
  });
});
