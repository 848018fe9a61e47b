import type { ErrorInfo } from '../api/errors.js';
import type { ModelInfo } from '../api/model-info.js';
import { RUN_RECORD_SCHEMA_VERSION, type FailedRun } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import { modelFingerprint } from '../evidence/record-base.js';
import { softwareVersions } from '../evidence/software.js';
import type { Workspace } from '../evidence/index.js';
import { readHardware } from '../hardware/read-hardware.js';

export interface UnstartedRun {
  runId: string;
  spec: RunSpec;
  modelInfo: ModelInfo;
  extras: Record<string, unknown>;
  error: ErrorInfo;
  cancelled: boolean;
}

/**
 * The record of a run that was accepted but never measured (cancelled while it waited for its turn,
 * or its turn could not be had): a run the user started does not vanish, and its record says that
 * nothing was measured.
 */
export async function saveUnstartedRun(workspace: Workspace, run: UnstartedRun): Promise<FailedRun> {
  const now = new Date().toISOString();
  const record: FailedRun = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: run.runId,
    startedAt: now,
    finishedAt: now,
    spec: run.spec,
    model: modelFingerprint(run.modelInfo),
    software: softwareVersions('not loaded (nothing was measured)'),
    hardware: (await readHardware().catch(() => null)) as Record<string, unknown> | null,
    extras: { ...run.extras, measureLock: { lock: 'not held', reason: 'never started', overlapped: [] } },
    state: run.cancelled ? 'cancelled' : 'failed',
    error: run.error,
    samplesMs: [],
  };
  await workspace.saveRun(record);
  return record;
}
