import type { RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';
import { readHardware } from '../hardware/read-hardware.js';

/**
 * Stamps a finished record with the machine that produced it and saves it. Every kind of run
 * (benchmark, pipeline, evaluation, parity) goes through here, so none is kept without its hardware.
 */
export async function keepRecord(record: RunRecord, workspace?: Workspace): Promise<{ record: RunRecord; savedPath?: string }> {
  record.hardware ??= (await readHardware()) as unknown as Record<string, unknown>;
  if (!workspace) return { record };
  const saved = await workspace.saveRun(record);
  return { record, savedPath: saved.path };
}
