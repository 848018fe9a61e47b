import { z } from 'zod';
import { formatMiB } from '../format-values.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/**
 * `extras.memory` as core/bench writes it. Evaluations record only the peak, so every figure is
 * optional; a memory object with none of them is not this shape.
 */
const MemoryView = z.object({
  rssBeforeLoadBytes: z.number().optional(),
  rssAfterSessionBytes: z.number().optional(),
  peakRssBytes: z.number().optional(),
  /** Since the process started: with the sampled peak, how much came before this run. */
  maxRssLifetimeBytes: z.number().optional(),
  peakRssMethod: z.string().optional(),
});

export function memorySection(value: unknown): ReportSection | null {
  const parsed = MemoryView.safeParse(value);
  if (!parsed.success) return null;
  const { rssBeforeLoadBytes: before, rssAfterSessionBytes: after, peakRssBytes: peak, maxRssLifetimeBytes: lifetime, peakRssMethod } = parsed.data;
  const rows: string[][] = [];
  if (before !== undefined) rows.push(['Before model load', formatMiB(before)]);
  if (after !== undefined) rows.push(['After session creation', formatMiB(after)]);
  if (before !== undefined && after !== undefined) rows.push(['Added by the session', formatMiB(after - before)]);
  if (peak !== undefined) rows.push(['Peak during the run', formatMiB(peak)]);
  if (lifetime !== undefined) rows.push(['Process high-water mark', formatMiB(lifetime)]);
  if (rows.length === 0) return null;
  // Older records (and pipeline runs) took the peak from the OS's lifetime high-water mark.
  const peakNote = peakRssMethod
    ? `Peak ${peakRssMethod}. The high-water mark covers the process's whole life, including Node itself and any earlier work in it.`
    : 'The peak is the process\'s high-water mark since it started, including Node itself and any earlier work in the same process.';
  return {
    key: 'memory',
    title: 'Memory',
    blocks: [
      tableBlock(
        { columns: [column('Resident set size'), column('Size', 'right')], rows },
        undefined,
        `Whole-process resident set size. ${peakNote}`,
      ),
    ],
  };
}
