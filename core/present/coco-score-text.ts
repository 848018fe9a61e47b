import { COCO_STAT_NAMES, type CocoClassScore, type CocoScoreAnswer, type CocoStatName, type CocoStats } from '../api/coco-score.js';
import { column, textTable, type Table } from './table.js';

/**
 * A COCO score as text: the 12 lines exactly as pycocotools' COCOeval.summarize prints them (so a
 * reader compares them with a Python log by eye), then the classes that score worst.
 */
interface StatLine {
  ap: boolean;
  iou: string;
  area: 'all' | 'small' | 'medium' | 'large';
  maxDets: number;
}

// pycocotools' _summarizeDets, in its order, with the same settings.
const LINES: Record<CocoStatName, StatLine> = {
  AP: { ap: true, iou: '0.50:0.95', area: 'all', maxDets: 100 },
  AP50: { ap: true, iou: '0.50', area: 'all', maxDets: 100 },
  AP75: { ap: true, iou: '0.75', area: 'all', maxDets: 100 },
  APs: { ap: true, iou: '0.50:0.95', area: 'small', maxDets: 100 },
  APm: { ap: true, iou: '0.50:0.95', area: 'medium', maxDets: 100 },
  APl: { ap: true, iou: '0.50:0.95', area: 'large', maxDets: 100 },
  AR1: { ap: false, iou: '0.50:0.95', area: 'all', maxDets: 1 },
  AR10: { ap: false, iou: '0.50:0.95', area: 'all', maxDets: 10 },
  AR100: { ap: false, iou: '0.50:0.95', area: 'all', maxDets: 100 },
  ARs: { ap: false, iou: '0.50:0.95', area: 'small', maxDets: 100 },
  ARm: { ap: false, iou: '0.50:0.95', area: 'medium', maxDets: 100 },
  ARl: { ap: false, iou: '0.50:0.95', area: 'large', maxDets: 100 },
};

/** Python's '{:0.3f}', which prints -1 (no objects in that setting) as -1.000. */
const fixed3 = (v: number): string => v.toFixed(3);

/** ` {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}`, one line per stat. */
export function cocoStatLines(stats: CocoStats): string[] {
  return COCO_STAT_NAMES.map((name) => {
    const l = LINES[name];
    const title = (l.ap ? 'Average Precision' : 'Average Recall').padEnd(18);
    return ` ${title} ${l.ap ? '(AP)' : '(AR)'} @[ IoU=${l.iou.padEnd(9)} | area=${l.area.padStart(6)} | maxDets=${String(l.maxDets).padStart(3)} ] = ${fixed3(stats[name])}`;
  });
}

/** The classes with counted objects, lowest AP first (ties by id), at most `top`. */
export function worstClasses(classes: readonly CocoClassScore[], top = 10): CocoClassScore[] {
  return classes.filter((c) => c.ap > -1).sort((a, b) => a.ap - b.ap || a.categoryId - b.categoryId).slice(0, top);
}

export function cocoClassTable(classes: readonly CocoClassScore[], top = 10): Table {
  return {
    columns: [column('class'), column('id', 'right'), column('AP', 'right'), column('AP50', 'right'), column('AR100', 'right'), column('objects', 'right'), column('detections', 'right')],
    rows: worstClasses(classes, top).map((c) => [c.name, String(c.categoryId), fixed3(c.ap), fixed3(c.ap50), fixed3(c.ar100), String(c.objects), String(c.detections)]),
  };
}

export function cocoScoreText(answer: CocoScoreAnswer, top = 10): string {
  const counted = answer.classes.filter((c) => c.ap > -1).length;
  const shown = Math.min(top, counted);
  const { images, annotations, detections } = answer.counts;
  const from = answer.iouTypeFrom === 'results' ? 'taken from the results file' : 'as asked';
  const lines = [
    `COCO ${answer.iouType} evaluation (${from}): ${detections} detection${detections === 1 ? '' : 's'} on ${images} image${images === 1 ? '' : 's'} with ${annotations} annotation${annotations === 1 ? '' : 's'}`,
    ...cocoStatLines(answer.stats),
    '',
    counted === 0 ? 'No class has counted objects, so no class has an AP.' : `Worst ${shown} of ${counted} classes with objects, by AP:`,
    ...(counted === 0 ? [] : [textTable(cocoClassTable(answer.classes, top), '  ')]),
    ...answer.warnings.map((w) => `Warning: ${w}`),
  ];
  return lines.join('\n') + '\n';
}
