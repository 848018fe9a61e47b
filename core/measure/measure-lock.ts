import { LabError } from '../api/errors.js';
import { describeMeasureHolder } from '../api/measure-holder.js';
import type { BenchWarning } from '../api/warnings.js';
import type { RunRecord } from '../api/run-record.js';
import { withFileLock } from '../evidence/file-lock.js';
import type { LockOwner } from '../evidence/lock-owner.js';
import { MeasureRegistry, type MeasureEntry } from './measure-registry.js';

/** Who holds the machine's measure lock, as a waiter tells the user. */
export interface MeasureHolder {
  runId: string | null;
  command: string;
  pid: number;
  since: string;
}

export interface MeasureLockRequest {
  env: NodeJS.ProcessEnv;
  runId: string;
  command: string;
  workspace: string | null;
  /** false (`--no-wait`): take the lock if it is free, else measure at once without it. */
  wait: boolean;
  signal?: AbortSignal;
  /** Told at the start of a wait whom it waits for, and again whenever another process gets the machine first. */
  onWait?: (holder: MeasureHolder | null) => void;
}

/** What a record says about its time on the machine (`extras.measureLock`). */
export interface MeasureLockEvidence {
  lock: 'held' | 'not held';
  /** Why the lock was not held. */
  reason?: string;
  waitedS: number;
  waitedFor: MeasureHolder | null;
  /** Every other edgelab measurement on this machine whose time met this one's. */
  overlapped: Array<Pick<MeasureEntry, 'runId' | 'command' | 'pid' | 'workspace' | 'startedAt' | 'finishedAt' | 'lockHeld'>>;
}

export interface MeasureTurn {
  /** The evidence as of now: call it when the measurement has ended, before the record is saved. */
  evidence(): Promise<MeasureLockEvidence>;
}

/**
 * Runs `measure` as this machine's only edgelab measurement: every edgelab process (CLI, serve,
 * app) takes `<state>/measure/measure.lock` first, whatever its workspace, so none times its runs
 * while another loads the CPU or GPU. The lock's owner is the process; one that dies releases it
 * (its pid is gone) however long it measured, so a measurement's length is never taken for a hang.
 * A run that did not wait (`--no-wait` on a busy machine) measures without it, and both records
 * name each other through the registry.
 */
export async function withMeasureLock<T>(request: MeasureLockRequest, measure: (turn: MeasureTurn) => Promise<T>): Promise<T> {
  const registry = MeasureRegistry.forMachine(request.env);
  await registry.ensure().catch((e: unknown) => {
    throw new LabError('input', `Cannot use edgelab's state folder ${registry.dir}: ${(e as Error).message}`,
      'Make it writable, or point EDGELAB_STATE_DIR at a folder this user can write.', { cause: e });
  });
  const waitStarted = Date.now();
  let waitedFor: MeasureHolder | null = null;
  let entered = false;
  const turn = async (held: boolean, reason?: string): Promise<T> => {
    entered = true;
    const startedAt = new Date().toISOString();
    const waitedS = Math.round((Date.now() - waitStarted) / 100) / 10;
    await registry.register({ runId: request.runId, command: request.command, workspace: request.workspace, startedAt, lockHeld: held });
    try {
      return await measure({
        evidence: async () => ({
          lock: held ? 'held' : 'not held',
          ...(reason ? { reason } : {}),
          waitedS,
          waitedFor,
          overlapped: (await registry.overlapping(request.runId, startedAt)).map(({ runId, command, pid, workspace, startedAt: s, finishedAt, lockHeld }) => ({ runId, command, pid, workspace, startedAt: s, finishedAt, lockHeld })),
        }),
      });
    } finally {
      await registry.finish(request.runId).catch(() => undefined);
    }
  };
  const lockOptions = {
    // A measurement may take hours; only a dead owner frees the lock early.
    staleMs: Number.POSITIVE_INFINITY,
    timeoutMs: request.wait ? Number.POSITIVE_INFINITY : 0,
    waitNoticeMs: 0,
    noticeEachHolder: true,
    about: { runId: request.runId, command: request.command },
    onWait: (_: string, owner: LockOwner | null) => {
      waitedFor = holderOf(owner);
      request.onWait?.(waitedFor);
    },
    ...(request.signal ? { signal: request.signal } : {}),
  };
  try {
    return await withFileLock(registry.lockPath, () => turn(true), lockOptions);
  } catch (e) {
    if (!entered && request.signal?.aborted) throw new MeasureWaitCancelled(waitedFor);
    if (entered || request.wait || !(e instanceof LabError) || e.kind !== 'unavailable') throw e;
    return turn(false, `--no-wait: the machine was busy (${describeMeasureHolder(waitedFor)})`);
  }
}

/** A cancel while the run still waited for the machine: nothing was measured. */
export class MeasureWaitCancelled extends LabError {
  constructor(readonly holder: MeasureHolder | null) {
    super('runtime', `Cancelled while waiting for the machine (${describeMeasureHolder(holder)} was measuring); nothing was measured or recorded.`,
      'Start the run again when the machine is free, or with --no-wait to measure beside the other run (the record then names it).');
  }
}

function holderOf(owner: LockOwner | null): MeasureHolder | null {
  if (!owner) return null;
  const about = owner.about ?? {};
  return { runId: typeof about['runId'] === 'string' ? about['runId'] : null, command: typeof about['command'] === 'string' ? about['command'] : 'edgelab', pid: owner.pid, since: owner.acquiredAt };
}

export { describeMeasureHolder };

/** One measurement that yields a record, in the machine's turn, its record carrying the evidence. */
export function measureInTurn(request: Omit<MeasureLockRequest, 'runId'>): (runId: string, measure: () => Promise<RunRecord>) => Promise<RunRecord> {
  return (runId, measure) => withMeasureLock({ ...request, runId }, async (turn) => {
    const record = await measure();
    recordMeasureLock(record, await turn.evidence());
    return record;
  });
}

/** Puts the evidence in the record, with a warning when another measurement shared the machine. */
export function recordMeasureLock(record: RunRecord, evidence: MeasureLockEvidence): void {
  record.extras.measureLock = evidence;
  const warning = overlapWarning(evidence);
  if (warning && record.state === 'completed') record.warnings.push(warning);
}

function overlapWarning(evidence: MeasureLockEvidence): BenchWarning | null {
  if (evidence.overlapped.length === 0) return null;
  const others = evidence.overlapped.map((o) => `${o.command} run ${o.runId} (pid ${o.pid})`).join(', ');
  return {
    code: 'measured-alongside',
    message: `Another edgelab measurement ran on this machine while this one was timed: ${others}. Both competed for the same cores and memory bandwidth.`,
    advice: 'Measure again without --no-wait, so that the run waits for the machine; the lock in edgelab\'s state folder keeps measurements apart.',
  };
}
