/**
 * A labelled set's boxes as the COCOeval port's ground truth, whatever format they were labelled
 * in: a YOLO set is scored by the same COCO mAP as a COCO one. Images keep their ids and sizes,
 * categories their ids, objects their order within each image (which the matching's tie-breaks follow).
 */
import type { LabelledSet } from '../../api/labelled-set.js';
import type { CocoGroundTruth, CocoObject } from '../coco/dataset.js';

export function cocoGroundTruthOf(set: Pick<LabelledSet, 'source' | 'images' | 'categories'>): CocoGroundTruth {
  const annotations: CocoObject[] = [];
  for (const image of set.images) {
    image.boxes.forEach((box, k) => {
      annotations.push({
        // Ids from 1: the matching records a matched ground truth by its id, and 0 would read as unmatched.
        id: annotations.length + 1,
        imageId: image.id,
        categoryId: box.categoryId,
        area: box.area,
        iscrowd: box.iscrowd,
        bbox: box.bbox,
        segmentation: box.segmentation,
        score: 1,
        where: `${image.labelFile ?? image.file}: object ${k + 1} of image ${image.id}`,
      });
    });
  }
  return {
    source: set.source.annotations,
    images: set.images.map((i) => ({ id: i.id, width: i.width, height: i.height })),
    categories: set.categories.map((c) => ({ id: c.id, name: c.name })),
    annotations,
  };
}
