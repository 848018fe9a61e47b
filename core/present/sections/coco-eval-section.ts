import { z } from 'zod';
import { COCO_STAT_NAMES } from '../../api/coco-score.js';
import { cocoClassTable, cocoStatLines } from '../coco-score-text.js';
import { tableBlock, type ReportSection } from './report-section.js';

/** `extras.cocoEval` as core/lab/score-coco-results.ts records it. */
const CocoEvalView = z.object({
  iouType: z.enum(['bbox', 'segm']),
  stats: z.object(Object.fromEntries(COCO_STAT_NAMES.map((name) => [name, z.number()])) as Record<(typeof COCO_STAT_NAMES)[number], z.ZodNumber>),
  classes: z.array(z.object({ categoryId: z.number(), name: z.string(), objects: z.number(), detections: z.number(), ap: z.number(), ap50: z.number(), ar100: z.number() })),
  counts: z.object({ images: z.number(), annotations: z.number(), detections: z.number() }),
});

/**
 * A scored COCO results file in every report and in the app: pycocotools' 12 lines as it prints
 * them, so they compare by eye with a Python log, then the classes that score worst.
 */
export function cocoEvalSection(value: unknown): ReportSection | null {
  const parsed = CocoEvalView.safeParse(value);
  if (!parsed.success) return null;
  const { iouType, stats, classes, counts } = parsed.data;
  const counted = classes.filter((c) => c.ap > -1).length;
  return {
    key: 'cocoEval',
    title: `COCO ${iouType} accuracy`,
    blocks: [
      { kind: 'lines', items: [`${counts.detections} detections on ${counts.images} images with ${counts.annotations} annotations, scored as pycocotools' COCOeval scores them.`] },
      { kind: 'lines', items: cocoStatLines(stats) },
      tableBlock(cocoClassTable(classes), `Worst ${Math.min(10, counted)} of ${counted} classes with objects, by AP`),
    ],
  };
}
