import { z } from 'zod';
import { formatDecimal } from '../format-values.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/** `extras.observedDuring` as core/lab/import-tegrastats.ts writes it: the run a telemetry log belongs to. */
const ObservedDuringView = z.object({
  runId: z.string(), framesPerSecond: z.number(), framesFrom: z.string(), frames: z.number(),
  joulesPerFrame: z.number().nullable(), intervalMs: z.number(), intervalBasis: z.enum(['timestamps', 'given']),
});

export function observedDuringSection(value: unknown): ReportSection | null {
  const parsed = ObservedDuringView.safeParse(value);
  if (!parsed.success) return null;
  const o = parsed.data;
  const rows = [
    ['Recorded during', o.runId],
    ['Frames per second', `${formatDecimal(o.framesPerSecond)} (${o.framesFrom})`],
    ['Frames in the log\'s span', `${formatDecimal(o.frames)} (FPS × duration; not counted)`],
    ['Energy per frame', o.joulesPerFrame === null ? 'not measured: the log prints no power rail' : `${formatDecimal(o.joulesPerFrame * 1000)} mJ`],
    ['Time between lines', `${formatDecimal(o.intervalMs)} ms (${o.intervalBasis === 'timestamps' ? 'from the lines\' timestamps' : 'as given'})`],
  ];
  return { key: 'observedDuring', title: 'Linked run', blocks: [tableBlock({ columns: [column('Field'), column('Value')], rows })] };
}
