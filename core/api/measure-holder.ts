/**
 * Whom a run waits for on this machine, as every face says it: the measure lock's holder
 * (core/lab/measure-lock.ts) or a queued event's `behind`, which carry the same fields.
 */
export interface MachineHolder {
  runId: string | null;
  command: string;
  pid: number | null;
  since: string | null;
}

export function describeMeasureHolder(holder: MachineHolder | null): string {
  if (!holder || holder.pid === null) return holder?.command ?? 'another edgelab process';
  return `${holder.command}${holder.runId ? ` run ${holder.runId}` : ''} (pid ${holder.pid}, measuring since ${holder.since ?? 'a moment ago'})`;
}
