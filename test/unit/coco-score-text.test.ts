import { describe, expect, it } from 'vitest';
import { COCO_STAT_NAMES, type CocoClassScore, type CocoScoreAnswer, type CocoStats } from '../../core/api/coco-score.js';
import { cocoScoreText, cocoStatLines, worstClasses } from '../../core/present/coco-score-text.js';

const cls = (categoryId: number, ap: number, objects = 3): CocoClassScore => ({ categoryId, name: `class ${categoryId}`, objects, detections: 2, ap, ap50: ap, ar100: ap });

describe('a COCO score as text', () => {
  it('prints a setting without objects as pycocotools does (-1.000), and rounds to 3 places', () => {
    const stats = Object.fromEntries(COCO_STAT_NAMES.map((n) => [n, 0.25])) as CocoStats;
    stats.APs = -1;
    stats.AR1 = 0.12345;
    const lines = cocoStatLines(stats);
    expect(lines).toHaveLength(12);
    expect(lines[3]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000');
    expect(lines[6]).toBe(' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.123');
  });

  it('lists the classes with objects, lowest AP first, ties by id, at most top', () => {
    const classes = [cls(1, 0.5), cls(2, -1, 0), cls(3, 0.1), cls(4, 0.1), cls(5, 0.9)];
    expect(worstClasses(classes, 3).map((c) => c.categoryId)).toEqual([3, 4, 1]);
    expect(worstClasses(classes).map((c) => c.categoryId)).toEqual([3, 4, 1, 5]);
  });

  it('says so when no class has objects, instead of an empty table', () => {
    const answer: CocoScoreAnswer = {
      runId: 'r', iouType: 'bbox', iouTypeFrom: 'results', stats: Object.fromEntries(COCO_STAT_NAMES.map((n) => [n, -1])) as CocoStats,
      classes: [cls(1, -1, 0)], counts: { images: 1, annotations: 0, detections: 1 }, files: [], warnings: [], workspace: null,
    };
    const text = cocoScoreText(answer);
    expect(text).toContain('1 detection on 1 image with 0 annotations');
    expect(text).toContain('No class has counted objects');
  });
});
