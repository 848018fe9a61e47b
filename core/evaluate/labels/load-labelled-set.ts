/**
 * One entry for every label format: the request names the format and paths, the answer is a
 * LabelledSet with its counts. Nothing is skipped: a bad label stops the load with its file and line.
 */
import { LabError } from '../../api/errors.js';
import type { LabelCounts, LabelledSet, LabelledSetRequest } from '../../api/labelled-set.js';
import { loadCocoLabels } from './coco-labels.js';
import { loadIcdarLabels } from './icdar-labels.js';
import { loadMaskLabels } from './mask-labels.js';
import { loadYoloLabels } from './yolo-labels.js';

export async function loadLabelledSet(request: LabelledSetRequest): Promise<LabelledSet> {
  const { format, annotations, images, classes, ignoreValue } = request;
  if (ignoreValue !== undefined && format !== 'class-masks') {
    throw new LabError('usage', `An ignore value applies to per-class masks only, not to ${format} labels.`, 'Leave the ignore value out, or load the masks as class-masks.');
  }
  const set =
    format === 'coco'
      ? await loadCocoLabels(annotations, images)
      : format === 'yolo'
        ? await loadYoloLabels(annotations, images, classes)
        : format === 'icdar2015'
          ? await loadIcdarLabels(annotations, images)
          : await loadMaskLabels(format === 'binary-masks' ? 'binary' : 'per-class', annotations, images, classes, ignoreValue);
  const counts = countLabels(set);
  if (counts.images === 0) {
    throw new LabError('input', `The labelled set ${set.source.annotations} has no images.`, 'Give a set with at least one image and its labels.');
  }
  if (counts.boxes + counts.masks + counts.texts === 0) {
    throw new LabError('input', `The labelled set ${set.source.annotations} has ${counts.images} image${counts.images === 1 ? '' : 's'} but no labelled objects in any of them; no accuracy can be scored on it.`, 'Check that --annotations names the label files of these images, and that the label files are not all empty.');
  }
  return { ...set, counts };
}

export function countLabels(set: Omit<LabelledSet, 'counts'>): LabelCounts {
  const c: LabelCounts = { images: set.images.length, imagesWithoutLabels: 0, boxes: 0, crowd: 0, segmentations: 0, masks: 0, texts: 0, dontCare: 0, categories: set.categories.length };
  for (const image of set.images) {
    if (image.boxes.length + image.masks.length + image.texts.length === 0) c.imagesWithoutLabels++;
    c.boxes += image.boxes.length;
    c.masks += image.masks.length;
    c.texts += image.texts.length;
    for (const b of image.boxes) {
      if (b.iscrowd) c.crowd++;
      if (b.segmentation) c.segmentations++;
    }
    for (const t of image.texts) if (t.dontCare) c.dontCare++;
  }
  return c;
}
