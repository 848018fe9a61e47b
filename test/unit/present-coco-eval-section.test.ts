import { describe, expect, it } from 'vitest';
import { COCO_STAT_NAMES } from '../../core/api/coco-score.js';
import { cocoEvalSection } from '../../core/present/sections/coco-eval-section.js';

// The shape core/lab/score-coco-results.ts writes into extras.cocoEval, with made-up scores.
const stats = Object.fromEntries(COCO_STAT_NAMES.map((name, i) => [name, i === 3 ? -1 : 0.5 + i / 100]));
const extras = {
  iouType: 'bbox',
  stats,
  classes: [
    { categoryId: 1, name: 'person', objects: 10, detections: 12, ap: 0.7, ap50: 0.9, ar100: 0.8 },
    { categoryId: 3, name: 'car', objects: 4, detections: 6, ap: 0.2, ap50: 0.4, ar100: 0.3 },
    { categoryId: 5, name: 'airplane', objects: 0, detections: 1, ap: -1, ap50: -1, ar100: -1 },
  ],
  counts: { images: 2, annotations: 14, detections: 19 },
};

describe('the COCO accuracy section of a scored results file', () => {
  it('prints the 12 stats as pycocotools does, -1 for a setting with no objects', () => {
    const section = cocoEvalSection(extras)!;
    expect(section.title).toBe('COCO bbox accuracy');
    const lines = section.blocks[1] as { kind: 'lines'; items: string[] };
    expect(lines.items).toHaveLength(12);
    expect(lines.items[0]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.500');
    expect(lines.items[3]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000');
    expect(lines.items[6]).toBe(' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.560');
  });

  it('lists the classes with objects, worst first, and leaves out a class with none', () => {
    const table = cocoEvalSection(extras)!.blocks[2] as { kind: 'table'; caption: string; table: { rows: string[][] } };
    expect(table.caption).toBe('Worst 2 of 2 classes with objects, by AP');
    expect(table.table.rows.map((r) => r[0])).toEqual(['car', 'person']);
  });

  it('leaves a shape it does not know to the generic tables', () => {
    expect(cocoEvalSection({ iouType: 'keypoints', stats })).toBeNull();
  });
});
