import { z } from 'zod';
import { describeMeasureHolder } from '../../api/measure-holder.js';
import { tableBlock, type ReportSection } from './report-section.js';
import { column } from '../table.js';

/** `extras.measureLock` as core/measure/measure-lock.ts records it. */
const Holder = z.object({ runId: z.string().nullable(), command: z.string(), pid: z.number().nullable(), since: z.string().nullable() });
const MeasureLockView = z.object({
  lock: z.enum(['held', 'not held']),
  reason: z.string().optional(),
  waitedS: z.number(),
  waitedFor: Holder.nullable(),
  overlapped: z.array(z.object({ runId: z.string(), command: z.string(), pid: z.number(), startedAt: z.string(), finishedAt: z.string().nullable(), lockHeld: z.boolean() })),
});

/**
 * The run's time on the machine: whether it measured alone (the machine's measure lock held), how
 * long it waited for its turn, and any other edgelab measurement whose time met its own, which is
 * what a reviewer needs before trusting the figures.
 */
export function measureLockSection(value: unknown): ReportSection | null {
  const parsed = MeasureLockView.safeParse(value);
  if (!parsed.success) return null;
  const { lock, reason, waitedS, waitedFor, overlapped } = parsed.data;
  const alone = lock === 'held' && overlapped.length === 0;
  const lines = [
    alone ? 'Measured alone: this machine\'s measure lock was held and no other edgelab measurement ran meanwhile.' : lock === 'held' ? 'The measure lock was held, yet other measurements met this one (below).' : `Measured without the machine's measure lock${reason ? `: ${reason}` : ''}.`,
    waitedS > 0 ? `Waited ${waitedS.toFixed(1)} s for its turn${waitedFor ? `, behind ${describeMeasureHolder(waitedFor)}` : ''}.` : 'Did not wait for its turn.',
  ];
  const blocks: ReportSection['blocks'] = [{ kind: 'lines', items: lines }];
  if (overlapped.length > 0) {
    blocks.push(tableBlock({
      columns: [column('Other measurement'), column('Run'), column('pid', 'right'), column('Started'), column('Lock')],
      rows: overlapped.map((o) => [o.command, o.runId, String(o.pid), o.startedAt, o.lockHeld ? 'held' : 'not held']),
    }));
  }
  return { key: 'measureLock', title: 'Time on the machine', blocks };
}
