/**
 * Bad ground truth and results are refused with the file and field named, one case per class of
 * mistake, rather than scored into wrong numbers (pycocotools would crash or drop them silently).
 */
import { describe, expect, it } from 'vitest';
import { evaluateCoco } from '../../core/evaluate/coco/coco-eval.js';
import { readGroundTruth } from '../../core/evaluate/coco/dataset.js';
import { readResults } from '../../core/evaluate/coco/results.js';
import { rle } from '../../core/evaluate/coco/rle.js';
import { rleToString } from '../../core/evaluate/coco/rle-string.js';

const base = () => ({
  images: [{ id: 1, width: 20, height: 10 }],
  categories: [{ id: 3, name: 'car' }],
  annotations: [{ id: 1, image_id: 1, category_id: 3, bbox: [1, 1, 4, 4], area: 16, iscrowd: 0, segmentation: [[1, 1, 5, 1, 5, 5, 1, 5]] }],
});

describe('COCO inputs that are refused', () => {
  it('names the ground-truth field that is wrong', () => {
    expect(() => readGroundTruth([], 'gt.json')).toThrow('gt.json: the ground truth must be a JSON object');
    expect(() => readGroundTruth({ ...base(), images: undefined }, 'gt.json')).toThrow('gt.json: "images" must be an array');
    expect(() => readGroundTruth({ ...base(), images: [] }, 'gt.json')).toThrow(/annotations\[0\]\.image_id 1 is not among the file's images/);
    const unknownCategory = base();
    unknownCategory.annotations[0]!.category_id = 4;
    expect(() => readGroundTruth(unknownCategory, 'gt.json')).toThrow('gt.json: annotations[0].category_id 4 is not among the file\'s categories');
    const badBox = base() as { annotations: { bbox: unknown }[] };
    badBox.annotations[0]!.bbox = [1, 1, 4];
    expect(() => readGroundTruth(badBox, 'gt.json')).toThrow('gt.json: annotations[0].bbox must be [x, y, width, height], not [1,1,4]');
    const twice = base();
    twice.annotations.push({ ...twice.annotations[0]! });
    expect(() => readGroundTruth(twice, 'gt.json')).toThrow('gt.json: annotations[1].id 1 appears twice');
    expect(() => readGroundTruth({ ...base(), annotations: [], categories: [] }, 'gt.json')).toThrow('gt.json: the file has no categories');
  });

  it('names the result that does not fit its ground truth', () => {
    const gt = readGroundTruth(base(), 'gt.json');
    expect(() => readResults({}, gt, 'dt.json')).toThrow('dt.json: a COCO results file must be a JSON array');
    expect(() => readResults([{ image_id: 2, category_id: 3, bbox: [0, 0, 1, 1], score: 1 }], gt, 'dt.json')).toThrow('dt.json: results[0].image_id 2 is not an image of the ground truth gt.json');
    expect(() => readResults([{ image_id: 1, category_id: 7, bbox: [0, 0, 1, 1], score: 1 }], gt, 'dt.json')).toThrow('dt.json: results[0].category_id 7 is not a category of the ground truth gt.json');
    expect(() => readResults([{ image_id: 1, category_id: 3, bbox: [0, 0, 1, 1] }], gt, 'dt.json')).toThrow('dt.json: results[0].score is missing, not a finite number');
    expect(() => readResults([{ image_id: 1, category_id: 3, segmentation: { size: [10, 20], counts: 'a b' }, score: 1 }], gt, 'dt.json')).toThrow(
      'dt.json: results[0].segmentation.counts: character " " at 1 is not part of a compressed RLE string',
    );
    expect(() => readResults([{ image_id: 1, category_id: 3, score: 1 }], gt, 'dt.json')).toThrow('dt.json: results[0] has neither bbox nor segmentation');
  });

  it('asks for the image size only when a polygon has to be rasterised', () => {
    const noSize = { ...base(), images: [{ id: 1 }] };
    const gt = readGroundTruth(noSize, 'gt.json');
    const results = readResults([{ image_id: 1, category_id: 3, bbox: [1, 1, 4, 4], score: 1 }], gt, 'dt.json');
    expect(evaluateCoco(gt, results, 'bbox').stats.AP50).toBeCloseTo(1, 14);
    expect(() => evaluateCoco(gt, results, 'segm')).toThrow('needs its height and width');
  });

  it('scores masks from polygons, uncompressed RLE and compressed RLE alike', () => {
    const gt = readGroundTruth(base(), 'gt.json');
    // The same 4x4 square, columns 1..4 and rows 1..4 of a 10x20 image, written three ways.
    const counts = [11, 4, 6, 4, 6, 4, 6, 4, 155];
    const asPolygon = readResults([{ image_id: 1, category_id: 3, segmentation: [[1, 1, 5, 1, 5, 5, 1, 5]], score: 1 }], gt, 'dt.json');
    const asCounts = readResults([{ image_id: 1, category_id: 3, segmentation: { size: [10, 20], counts }, score: 1 }], gt, 'dt.json');
    expect(asCounts.detections[0]?.area).toBe(16);
    expect(asCounts.detections[0]?.bbox).toEqual([1, 1, 4, 4]);
    const asString = readResults([{ image_id: 1, category_id: 3, segmentation: { size: [10, 20], counts: rleToString(rle(10, 20, counts)) }, score: 1 }], gt, 'dt.json');
    expect(asString.detections[0]?.area).toBe(16);
    for (const r of [asPolygon, asCounts, asString]) expect(evaluateCoco(gt, r, 'segm').stats.AP).toBeCloseTo(1, 14);
  });
});
