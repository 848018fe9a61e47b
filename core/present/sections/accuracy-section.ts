import { z } from 'zod';
import { countOf, formatCount, formatDecimal, formatPercent } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column } from '../table.js';

/** `extras.accuracy` as core/evaluate's AccuracyResult writes it. */
const AccuracyView = z.object({
  imagesDir: z.string(),
  labelsFile: z.string(),
  imageCount: z.number(),
  classCount: z.number(),
  top1: z.number(),
  top5: z.number(),
  perClass: z.array(z.object({ label: z.string(), images: z.number(), top1: z.number() })),
  misclassified: z.array(z.object({ file: z.string(), expected: z.string(), predicted: z.string(), score: z.number() })),
});

/** Classes listed: the worst first, since those are where a variant loses accuracy. */
const WORST_CLASSES = 10;
const MISCLASSIFIED_SHOWN = 10;

export function accuracySection(value: unknown): ReportSection | null {
  const parsed = AccuracyView.safeParse(value);
  if (!parsed.success) return null;
  const a = parsed.data;
  const blocks: SectionBlock[] = [
    textBlock(
      `Top-1 ${formatPercent(a.top1)}, top-5 ${formatPercent(a.top5)} on ${countOf(a.imageCount, 'image')} of ${countOf(a.classCount, 'class', 'classes')} (${a.imagesDir}, labels ${a.labelsFile}).`,
    ),
  ];
  if (a.perClass.length > 1) {
    const worst = [...a.perClass].sort((x, y) => x.top1 - y.top1 || x.label.localeCompare(y.label)).slice(0, WORST_CLASSES);
    blocks.push(
      tableBlock(
        { columns: [column('Class'), column('Images', 'right'), column('Top-1', 'right')], rows: worst.map((c) => [c.label, formatCount(c.images), formatPercent(c.top1)]) },
        'Lowest top-1 by class',
        a.perClass.length > worst.length ? `${a.perClass.length - worst.length} more classes in the JSON record.` : undefined,
      ),
    );
  }
  if (a.misclassified.length > 0) {
    blocks.push(
      tableBlock(
        {
          columns: [column('Image'), column('Expected'), column('Predicted'), column('Score', 'right')],
          rows: a.misclassified.slice(0, MISCLASSIFIED_SHOWN).map((m) => [m.file, m.expected, m.predicted, formatDecimal(m.score)]),
        },
        'Misclassified images',
        a.misclassified.length > MISCLASSIFIED_SHOWN ? `${a.misclassified.length - MISCLASSIFIED_SHOWN} more in the JSON record.` : undefined,
      ),
    );
  }
  return { key: 'accuracy', title: 'Accuracy', blocks };
}
