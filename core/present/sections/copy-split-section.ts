import { z } from 'zod';
import { formatMiB, formatMs, formatPercent } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/** `extras.copySplit` as core/bench/copy-split.ts writes it: the split, or why there is none. */
const CopySplitView = z.union([
  z.object({
    available: z.literal(true),
    value: z.object({
      provider: z.string(), iterations: z.number(), withDownloadP50Ms: z.number(), onDeviceP50Ms: z.number(),
      downloadMs: z.number(), downloadShare: z.number(), outputBytes: z.number().nullable(), method: z.string(),
    }),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

export function copySplitSection(value: unknown): ReportSection | null {
  const parsed = CopySplitView.safeParse(value);
  if (!parsed.success) return null;
  const split = parsed.data;
  if (!split.available) return { key: 'copySplit', title: 'Copy split', blocks: [textBlock(`Not measured: ${split.reason}`)] };
  const c = split.value;
  const bytes = c.outputBytes === null ? '' : ` (${formatMiB(c.outputBytes)} of outputs per inference)`;
  return {
    key: 'copySplit',
    title: 'Copy split',
    blocks: [
      textBlock(`Downloading the outputs to the host takes ${formatMs(c.downloadMs)} ms of a ${formatMs(c.withDownloadP50Ms)} ms inference on ${c.provider}: ${formatPercent(c.downloadShare)}${bytes}. Keeping outputs on the device (IO binding, or feeding them to the next model there) saves it.`),
      tableBlock(
        { columns: [column('Outputs'), column('p50 ms', 'right')], rows: [['downloaded to the host', formatMs(c.withDownloadP50Ms)], ['kept on the device', formatMs(c.onDeviceP50Ms)]] },
        undefined,
        c.method,
      ),
    ],
  };
}
