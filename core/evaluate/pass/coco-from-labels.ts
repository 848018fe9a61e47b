/**
 * A labelled set and decoded detections as the COCOeval port's dataset and results, in memory: the
 * same fields pycocotools' COCO and loadRes give (results numbered from 1 in order, area w×h for
 * boxes, not crowd), so the numbers are the ones the same files would give there.
 */
import type { LabelledSet } from '../../api/labelled-set.js';
import type { ImagePredictions } from '../../api/predictions.js';
import type { CocoGroundTruth, CocoObject } from '../coco/dataset.js';
import { cocoGroundTruthOf } from '../labels/coco-ground-truth.js';
import type { CocoResults } from '../coco/results.js';
import type { Rle } from '../coco/rle.js';
import { segmentationToRle } from '../coco/segmentation.js';

/** The set's boxes as the port's ground truth (core/evaluate/labels), named by the set as the pass records it. */
export function groundTruthOf(set: LabelledSet): CocoGroundTruth {
  return { ...cocoGroundTruthOf(set), source: set.name };
}

/**
 * The decoded detections as COCO results. `categoryOf` maps a model class index to the labels'
 * category id (null: a placeholder class such as torchvision's N/A, whose detections are dropped and counted).
 */
export function resultsOf(predictions: readonly ImagePredictions[], categoryOf: (classIndex: number) => number | null, gt: CocoGroundTruth, withMasks: boolean): { results: CocoResults; dropped: number } {
  const detections: CocoObject[] = [];
  const masks = new Map<CocoObject, Rle>();
  const images = new Map(gt.images.map((im) => [im.id, im]));
  let dropped = 0;
  for (const p of predictions) {
    if (p.prediction.kind !== 'detections') continue;
    for (const d of p.prediction.detections) {
      const categoryId = categoryOf(d.classIndex);
      if (categoryId === null) {
        dropped++;
        continue;
      }
      const [x = 0, y = 0, w = 0, h = 0] = d.bbox;
      const object: CocoObject = {
        id: detections.length + 1, imageId: p.imageId, categoryId, area: w * h, iscrowd: false, bbox: [x, y, w, h],
        segmentation: d.mask ?? [[x, y, x, y + h, x + w, y + h, x + w, y]], score: d.score, where: `image ${p.imageId} detection ${detections.length + 1}`,
      };
      if (withMasks && d.mask) {
        const rle = segmentationToRle('predictions', object, images.get(p.imageId) as CocoGroundTruth['images'][number]);
        masks.set(object, rle);
      }
      detections.push(object);
    }
  }
  return { results: { source: 'predictions', detections, masks }, dropped };
}
