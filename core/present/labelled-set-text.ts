import type { LabelFormat, LabelledSet } from '../api/labelled-set.js';
import { formatCount, shortHash } from './format-values.js';

/**
 * What a labelled set holds, in one line the CLI prints before scoring and the app shows beside
 * the set: the images (and how many have no objects), what was counted for its format, the
 * categories and the labels' digest.
 */
export const LABEL_FORMAT_NAMES: Record<LabelFormat, string> = {
  coco: 'COCO instances',
  yolo: 'YOLO txt',
  'binary-masks': 'binary masks',
  'class-masks': 'per-class masks',
  icdar2015: 'ICDAR 2015 text',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function labelledSetSummary(set: Pick<LabelledSet, 'format' | 'name' | 'counts' | 'sha256' | 'ignoreValue'>): string {
  const c = set.counts;
  const images = plural(c.images, 'image') + (c.imagesWithoutLabels > 0 ? ` (${formatCount(c.imagesWithoutLabels)} with no objects)` : '');
  const parts = [images];
  if (set.format === 'coco' || set.format === 'yolo') {
    const inner = [c.crowd > 0 ? `${formatCount(c.crowd)} crowd` : '', c.segmentations > 0 ? `${formatCount(c.segmentations)} with a segmentation` : ''].filter(Boolean);
    parts.push(plural(c.boxes, 'box', 'boxes') + (inner.length > 0 ? ` (${inner.join(', ')})` : ''));
  } else if (set.format === 'icdar2015') {
    parts.push(plural(c.texts, 'text region') + (c.dontCare > 0 ? ` (${formatCount(c.dontCare)} don't care)` : ''));
  } else {
    parts.push(plural(c.masks, 'mask') + (set.ignoreValue === null ? '' : ` (value ${set.ignoreValue} ignored)`));
  }
  parts.push(plural(c.categories, 'category', 'categories'));
  return `${set.name} (${LABEL_FORMAT_NAMES[set.format]}): ${parts.join(', ')}; labels sha256 ${shortHash(set.sha256)}`;
}
