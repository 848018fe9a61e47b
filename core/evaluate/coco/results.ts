/**
 * A COCO results file (a JSON array of detections) read against its ground truth, with the fields
 * pycocotools' COCO.loadRes adds: ids counted from 1 in file order, iscrowd 0, and the area from the
 * box (w*h) when the first result has a box, otherwise from the mask, whose box then comes from
 * toBbox.
 */
import { finite, isRecord, readBox, refuse, type CocoGroundTruth, type CocoObject } from './dataset.js';
import { rleArea, rleToBbox, type Rle } from './rle.js';
import { segmentationToRle } from './segmentation.js';

export interface CocoResults {
  source: string;
  detections: CocoObject[];
  /** Masks read from results that have no box, kept so they are not decoded twice. */
  masks: Map<CocoObject, Rle>;
}

export function readResults(json: unknown, gt: CocoGroundTruth, source: string): CocoResults {
  if (!Array.isArray(json)) refuse(source, 'a COCO results file must be a JSON array of detections', 'Write one object per detection: {image_id, category_id, score, bbox or segmentation}.');
  const images = new Map(gt.images.map((im) => [im.id, im]));
  const categories = new Set(gt.categories.map((c) => c.id));
  const first = json[0];
  const byBox = isRecord(first) && Array.isArray(first.bbox) && first.bbox.length > 0;
  const masks = new Map<CocoObject, Rle>();
  const detections = json.map((v, i): CocoObject => {
    const where = `results[${i}]`;
    if (!isRecord(v)) refuse(source, `${where} is not an object`);
    const imageId = finite(source, `${where}.image_id`, v.image_id);
    const image = images.get(imageId);
    if (!image) refuse(source, `${where}.image_id ${imageId} is not an image of the ground truth ${gt.source}`, 'Results must be for images of the annotations file they are scored against.');
    const categoryId = finite(source, `${where}.category_id`, v.category_id);
    if (!categories.has(categoryId)) refuse(source, `${where}.category_id ${categoryId} is not a category of the ground truth ${gt.source}`, 'Map the model\'s classes to the annotation file\'s category ids.');
    const object: CocoObject = { id: i + 1, imageId, categoryId, area: 0, iscrowd: false, bbox: [], segmentation: v.segmentation, score: finite(source, `${where}.score`, v.score), where };
    if (byBox) {
      const bbox = readBox(source, `${where}.bbox`, v.bbox);
      const [x1 = 0, y1 = 0, w = 0, h = 0] = bbox;
      if (v.segmentation === undefined) object.segmentation = [[x1, y1, x1, y1 + h, x1 + w, y1 + h, x1 + w, y1]];
      return { ...object, bbox, area: w * h };
    }
    if (v.segmentation === undefined) refuse(source, `${where} has neither bbox nor segmentation`);
    const mask = segmentationToRle(source, object, image);
    const bbox = v.bbox === undefined ? rleToBbox(mask) : readBox(source, `${where}.bbox`, v.bbox);
    const detection = { ...object, bbox, area: rleArea(mask) };
    masks.set(detection, mask);
    return detection;
  });
  return { source, detections, masks };
}
