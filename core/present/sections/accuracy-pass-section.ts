import { COCO_STAT_NAMES, type CocoStats } from '../../api/coco-score.js';
import type { LabelCounts, LabelFormat } from '../../api/labelled-set.js';
import { cocoClassTable, cocoStatLines } from '../coco-score-text.js';
import { labelledSetSummary } from '../labelled-set-text.js';
import { column, type Table } from '../table.js';
import { tableBlock, type ReportSection, type SectionBlock } from './report-section.js';

/** `extras.accuracyPass` as core/evaluate/pass/pass-summary.ts records it, read loosely: a section shows what it knows. */
interface PassView {
  pass: 'accuracy';
  engine: string;
  labels: { name: string; format: LabelFormat; sha256: string; counts: LabelCounts; ignoreValue?: number | null };
  decoder: { name: string; scoreThreshold: number; iouThreshold: number; maxDetections: number; maskThreshold?: number; text?: { threshold: number; boxThreshold: number; unclipRatio: number }; output?: string };
  predictions: number;
  metrics:
    | { kind: 'coco'; iouType: string; stats: CocoStats; classes: Array<{ categoryId: number; name: string; objects: number; detections: number; ap: number; ap50: number; ar100: number }> }
    | { kind: 'masks'; miou: number; dice: number; pixelAccuracy: number; classes: Array<{ name: string; iou: number | null; dice: number | null; accuracy: number | null }> }
    | { kind: 'text'; precision: number; recall: number; hmean: number; matched: number; truthCared: number; detectionsCared: number };
  perImage: { name: string; sha256: string };
  drop: { metric: string; referenceRun: string; difference: number; low: number; high: number; resamples: number; seed: number; confidence: number; images: number; undefinedResamples: number } | null;
}

function isPass(v: unknown): v is PassView {
  const o = v as Partial<PassView> | null;
  return typeof o === 'object' && o !== null && o.pass === 'accuracy' && typeof o.metrics === 'object' && typeof o.labels === 'object' && typeof o.decoder === 'object';
}

const f3 = (v: number | null) => (v === null ? '—' : v.toFixed(3));
const signed = (points: number) => `${points < 0 ? '−' : points > 0 ? '+' : '±'}${Math.abs(points).toFixed(1)}`;
const NAMES: Record<string, string> = { map: 'mAP', miou: 'mIoU', hmean: 'hmean' };

/** "mAP −0.8 points (95 % CI −1.3 to −0.3)": variant − reference, in points of the metric. */
export function dropSentence(d: NonNullable<PassView['drop']>): string {
  const pt = (v: number) => signed(v * 100);
  return `${NAMES[d.metric] ?? d.metric} ${pt(d.difference)} points (${Math.round(d.confidence * 100)} % CI ${pt(d.low)} to ${pt(d.high)}) against run ${d.referenceRun}: paired bootstrap over ${d.images} images, ${d.resamples} resamples, seed ${d.seed}` +
    (d.undefinedResamples > 0 ? `, ${d.undefinedResamples} resamples without counted objects left out` : '');
}

/** "mAP 0.794 (run R1) → 0.380 (run R2)": both figures before the drop between them, as compare prints it. */
export function dropFiguresLine(d: { metric: string; reference: number; variant: number; referenceRun: string }, variantRun: string): string {
  return `${NAMES[d.metric] ?? d.metric} ${d.reference.toFixed(3)} (reference, run ${d.referenceRun}) → ${d.variant.toFixed(3)} (run ${variantRun})`;
}

function metricBlocks(m: PassView['metrics']): SectionBlock[] {
  if (m.kind === 'coco') {
    const counted = m.classes.filter((c) => c.ap > -1).length;
    const stats = Object.fromEntries(COCO_STAT_NAMES.map((n) => [n, m.stats[n] ?? -1])) as CocoStats;
    return [{ kind: 'lines', items: cocoStatLines(stats) }, tableBlock(cocoClassTable(m.classes), `Worst ${Math.min(10, counted)} of ${counted} classes with objects, by AP`)];
  }
  if (m.kind === 'masks') {
    const table: Table = {
      columns: [column('class'), column('IoU', 'right'), column('Dice', 'right'), column('accuracy', 'right')],
      rows: m.classes.map((c) => [c.name, f3(c.iou), f3(c.dice), f3(c.accuracy)]),
    };
    return [{ kind: 'lines', items: [`mIoU ${f3(m.miou)}`, `Dice ${f3(m.dice)}`, `pixel accuracy ${f3(m.pixelAccuracy)}`] }, tableBlock(table, 'Per class')];
  }
  return [{ kind: 'lines', items: [`precision ${f3(m.precision)} (${m.matched} of ${m.detectionsCared} detections matched)`, `recall ${f3(m.recall)} (${m.matched} of ${m.truthCared} words found)`, `hmean ${f3(m.hmean)} (ICDAR 2015: IoU 0.5, ### as don't-care)`] }];
}

/** The decoder's settings that shaped these figures, defaults included (the record keeps them all). */
function decoderPhrase(d: PassView['decoder'], kind: PassView['metrics']['kind']): string {
  if (kind === 'coco') return `${d.name}, score > ${d.scoreThreshold}, NMS IoU ${d.iouThreshold}, at most ${d.maxDetections} detections per image`;
  if (d.name === 'saliency' && d.maskThreshold !== undefined) return `${d.name}, foreground above ${d.maskThreshold}`;
  if (d.name === 'dbnet' && d.text) return `${d.name}, pixels above ${d.text.threshold}, box score ≥ ${d.text.boxThreshold}, unclip ratio ${d.text.unclipRatio}`;
  return d.name;
}

/**
 * An accuracy pass in every report, the CLI and the app: what ran on which labels through which
 * decoder, the figures (pycocotools' 12 lines, or mIoU/Dice/pixel accuracy, or P/R/hmean), the
 * per-class table, and the drop against the reference with its interval.
 */
export function accuracyPassSection(value: unknown): ReportSection | null {
  if (!isPass(value)) return null;
  const { labels, decoder, metrics, drop } = value;
  const title = metrics.kind === 'coco' ? `COCO ${metrics.iouType} accuracy` : metrics.kind === 'masks' ? 'Mask accuracy' : 'Text detection accuracy';
  return {
    key: 'accuracyPass',
    title,
    blocks: [
      {
        kind: 'lines',
        items: [
          `Labels: ${labelledSetSummary({ ...labels, ignoreValue: labels.ignoreValue ?? null })}`,
          `Decoder: ${decoderPhrase(decoder, metrics.kind)}${decoder.output !== undefined ? `, reading output ${decoder.output}` : ''}; ${value.predictions} ${metrics.kind === 'coco' ? 'detections' : metrics.kind === 'masks' ? 'class masks' : 'text regions'}`,
          `Engine: ${value.engine}, image by image, untimed (latency comes from a separate timed run of the same spec)`,
          `Per-image results: ${value.perImage.name} (SHA-256 ${value.perImage.sha256.slice(0, 12)}…)`,
        ],
      },
      ...metricBlocks(metrics),
      ...(drop ? [{ kind: 'text' as const, text: `Drop: ${dropSentence(drop)}.` }] : []),
    ],
  };
}
