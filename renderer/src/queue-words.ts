import type { LabEvent } from '../../core/api/lab-api.js';

export type QueuedEvent = Extract<LabEvent, { type: 'queued' }>;

/** "Queued behind run 2026…-3f9a1c of edgelab bench, pid 4242, measuring on this machine: 1st in line." */
export function describeQueued(event: QueuedEvent): string {
  const { behind } = event;
  const who = behind.command === 'this lab'
    ? `run ${behind.runId ?? '?'}${behind.since ? '' : ' (starting)'}`
    : `${behind.runId ? `run ${behind.runId} of ` : ''}${behind.command}${behind.pid !== null ? `, pid ${behind.pid}` : ''}, measuring on this machine`;
  return `Queued behind ${who}: ${ordinal(event.position)} in line.`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
