/** The one line that says what a labelled set holds, for each kind of label. */
import { describe, expect, it } from 'vitest';
import type { LabelCounts } from '../../core/api/labelled-set.js';
import { labelledSetSummary } from '../../core/present/labelled-set-text.js';

const zero: LabelCounts = { images: 0, imagesWithoutLabels: 0, boxes: 0, crowd: 0, segmentations: 0, masks: 0, texts: 0, dontCare: 0, categories: 0 };
const sha256 = 'ab'.repeat(32);

describe('labelled set summary', () => {
  it('boxes, with crowd regions, segmentations and images without objects', () => {
    const counts = { ...zero, images: 5000, imagesWithoutLabels: 48, boxes: 36781, crowd: 446, segmentations: 36781, categories: 80 };
    expect(labelledSetSummary({ format: 'coco', name: 'instances_val2017.json', counts, sha256, ignoreValue: null })).toBe(
      'instances_val2017.json (COCO instances): 5,000 images (48 with no objects), 36,781 boxes (446 crowd, 36,781 with a segmentation), 80 categories; labels sha256 abababababab',
    );
    expect(labelledSetSummary({ format: 'yolo', name: 'labels', counts: { ...zero, images: 1, boxes: 1, categories: 1 }, sha256, ignoreValue: null })).toBe('labels (YOLO txt): 1 image, 1 box, 1 category; labels sha256 abababababab');
  });

  it('masks with their ignore value, and text with its don\'t-care regions', () => {
    expect(labelledSetSummary({ format: 'class-masks', name: 'masks', counts: { ...zero, images: 3, masks: 3, categories: 21 }, sha256, ignoreValue: 255 })).toBe('masks (per-class masks): 3 images, 3 masks (value 255 ignored), 21 categories; labels sha256 abababababab');
    expect(labelledSetSummary({ format: 'icdar2015', name: 'gt', counts: { ...zero, images: 500, imagesWithoutLabels: 2, texts: 5230, dontCare: 2953, categories: 1 }, sha256, ignoreValue: null })).toBe(
      "gt (ICDAR 2015 text): 500 images (2 with no objects), 5,230 text regions (2,953 don't care), 1 category; labels sha256 abababababab",
    );
  });
});
