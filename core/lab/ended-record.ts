import { LabError } from '../api/errors.js';
import type { LabEvent } from '../api/lab-api.js';
import type { RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';

/**
 * The record a run ended with, from its terminal event; one refused before it measured (no record)
 * rethrows its error, as the CLI's sweep always stopped on it.
 */
export async function endedRecord(lab: { onEvent(listener: (event: LabEvent) => void): () => void; settled(runId: string): Promise<void>; workspace: Workspace }, runId: string): Promise<RunRecord> {
  let last: Extract<LabEvent, { type: 'done' | 'failed' }> | undefined;
  const off = lab.onEvent((event) => {
    if ((event.type === 'done' || event.type === 'failed') && event.runId === runId) last = event;
  });
  try {
    await lab.settled(runId);
  } finally {
    off();
  }
  if (last?.record) return last.record;
  if (last?.type === 'failed') throw new LabError(last.kind ?? 'runtime', last.message, last.hint, last.field ? { field: last.field } : {});
  return lab.workspace.getRun(runId);
}
