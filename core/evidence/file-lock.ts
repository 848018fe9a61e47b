import { stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from '../api/errors.js';
import { describeHolder, lockError, readOwner, tryCreate, type HeldLock, type LockOwner } from './lock-owner.js';
import { breakIfStale } from './stale-lock.js';

export interface FileLockOptions {
  /** Give up after this long; a healthy holder keeps the lock for milliseconds. */
  timeoutMs?: number;
  /** A lock older than this is abandoned even if its process looks alive (hung, or on another host). */
  staleMs?: number;
  /** Told once who holds the lock, when a wait lasts longer than waitNoticeMs: a user sees why nothing happens. */
  onWait?: (holder: string, owner: LockOwner | null) => void;
  /** Default 1 s. */
  waitNoticeMs?: number;
  /** Tell onWait again whenever another process takes the lock first, so the holder named stays true. */
  noticeEachHolder?: boolean;
  /** Told when a lock left behind is taken over, and why: a user sees that evidence of a crash was cleared. */
  onTakeOver?: (reason: string) => void;
  /** Stops waiting (a cancelled queued run); the wait rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Written beside the pid into the lock file, so a waiter can say whom it waits for. */
  about?: Record<string, unknown>;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
export const DEFAULT_LOCK_STALE_MS = 30_000;

// Callers in one process queue here first, so they do not spin against each other on the file.
const inProcessQueues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` while holding an exclusive lock file, created with O_EXCL ('wx') so that exactly one
 * process in any number of edgelab processes on this workspace holds it. A lock left by a process
 * that died (SIGKILL, power loss) is recognised by its dead pid or its age and taken over.
 */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const previous = inProcessQueues.get(lockPath) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    const held = await acquire(lockPath, options);
    try {
      return await fn();
    } finally {
      await release(lockPath, held);
    }
  });
  inProcessQueues.set(lockPath, run);
  try {
    return await run;
  } finally {
    if (inProcessQueues.get(lockPath) === run) inProcessQueues.delete(lockPath);
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<HeldLock> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const started = Date.now();
  let backoffMs = 2;
  let noticed: string | null = null;
  for (;;) {
    const held = await tryCreate(lockPath, options.about);
    if (held) return held;
    options.signal?.throwIfAborted();
    if (await breakIfStale(lockPath, staleMs, options.onTakeOver)) continue;
    if ((noticed === null || options.noticeEachHolder) && options.onWait && Date.now() - started >= (options.waitNoticeMs ?? 1000)) {
      const owner = await readOwner(lockPath);
      const holder = describeHolder(owner);
      // A lock released between the try and this read reads as no owner: not a new holder to announce.
      if (holder !== noticed && (owner !== null || noticed === null)) {
        options.onWait(holder, owner);
        noticed = holder;
      }
    }
    if (Date.now() - started > timeoutMs) {
      const who = describeHolder(await readOwner(lockPath));
      throw new LabError(
        'unavailable',
        `The workspace ledger is locked by ${who} (${lockPath}); waited ${Math.round(timeoutMs / 1000)} s.`,
        `If no edgelab is running on this workspace, delete ${lockPath} and try again.`,
      );
    }
    // Jitter keeps two waiting processes from retrying in lock step.
    await sleep(backoffMs + Math.random() * backoffMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => options.signal?.throwIfAborted());
    backoffMs = Math.min(backoffMs * 2, 200);
  }
}

async function release(lockPath: string, held: HeldLock): Promise<void> {
  // If our lock was judged stale and taken over, the file now belongs to someone else: leave it.
  try {
    const st = await stat(lockPath);
    if (st.dev === held.dev && st.ino === held.ino) await unlink(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw lockError(lockPath, e);
  }
}
