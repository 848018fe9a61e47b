import { z } from 'zod';
import { countOf, formatCount, formatMs, formatPercent } from '../format-values.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

const Stats = z.object({ mean: z.number(), p50: z.number(), p90: z.number(), p99: z.number(), max: z.number() });

/** `extras.pipeline` as core/bench's PipelineStats writes it; the per-frame samples stay in the JSON. */
const PipelineView = z.object({
  frames: z.number(),
  imagesPerFrame: z.number(),
  imageCount: z.number(),
  postprocess: z.string(),
  preprocessMs: Stats,
  inferenceMs: Stats,
  postprocessMs: Stats,
  totalMs: Stats,
});

/** Each stage of an end-to-end image run timed alone, beside their per-frame total. */
export function pipelineSection(value: unknown): ReportSection | null {
  const parsed = PipelineView.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  const stages = [
    ['Preprocess (decode, resize, normalise)', p.preprocessMs],
    ['Inference (session.run)', p.inferenceMs],
    [`Postprocess (${p.postprocess})`, p.postprocessMs],
    ['Total per frame', p.totalMs],
  ] as const;
  const share = (mean: number) => (p.totalMs.mean > 0 ? formatPercent(mean / p.totalMs.mean) : '–');
  return {
    key: 'pipeline',
    title: 'Pipeline stages',
    blocks: [
      {
        kind: 'lines',
        items: [
          `${formatCount(p.frames)} frames of ${p.imagesPerFrame} image${p.imagesPerFrame === 1 ? '' : 's'}, rotating over ${countOf(p.imageCount, 'image')} read into memory beforehand (disk reads are not timed).`,
        ],
      },
      tableBlock(
        {
          columns: [column('Stage'), column('mean (ms)', 'right'), column('p50 (ms)', 'right'), column('p90 (ms)', 'right'), column('p99 (ms)', 'right'),
            column('max (ms)', 'right'), column('Share of mean', 'right')],
          rows: stages.map(([name, s]) => [name, formatMs(s.mean), formatMs(s.p50), formatMs(s.p90), formatMs(s.p99), formatMs(s.max), share(s.mean)]),
        },
        undefined,
        'Each stage sits alone between its own clock reads. Percentiles do not add up across stages; the total row is the percentile of the per-frame sums, which is what the run\'s latency and targets use.',
      ),
    ],
  };
}
