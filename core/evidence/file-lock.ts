import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabError } from '../api/errors.js';
import { describeFileType, readWorkspaceFile } from './no-follow-file.js';

export interface FileLockOptions {
  /** Give up after this long; a healthy holder keeps the lock for milliseconds. */
  timeoutMs?: number;
  /** A lock older than this is abandoned even if its process looks alive (hung, or on another host). */
  staleMs?: number;
  /** Told once who holds the lock, when a wait lasts longer than waitNoticeMs: a user sees why nothing happens. */
  onWait?: (holder: string) => void;
  /** Default 1 s. */
  waitNoticeMs?: number;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
export const DEFAULT_LOCK_STALE_MS = 30_000;

interface LockOwner {
  pid: number;
  hostname: string;
  acquiredAt: string;
}

interface HeldLock {
  dev: number;
  ino: number;
}

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
  let noticed = false;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        const owner: LockOwner = { pid: process.pid, hostname: hostname(), acquiredAt: new Date().toISOString() };
        await handle.writeFile(JSON.stringify(owner));
        const st = await handle.stat();
        return { dev: st.dev, ino: st.ino };
      } finally {
        await handle.close();
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(lockPath, e);
    }
    if (await breakIfStale(lockPath, staleMs)) continue;
    if (!noticed && options.onWait && Date.now() - started >= (options.waitNoticeMs ?? 1000)) {
      noticed = true;
      options.onWait(describeHolder(await readOwner(lockPath)));
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
    await sleep(backoffMs + Math.random() * backoffMs);
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

/**
 * Takes a stale lock out of the way. Renaming it aside (instead of deleting by name) and then
 * checking the inode means two processes that both judged the same lock stale cannot delete a fresh
 * lock that a third process took in between; if that happens the fresh lock is linked back.
 */
async function breakIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let before;
  try {
    before = await lstat(lockPath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw lockError(lockPath, e);
  }
  // edgelab's lock is always a regular file it made with O_EXCL: anything else holds nothing, and
  // waiting on it would end only at the timeout (reading a FIFO's owner never would).
  if (!before.isFile()) {
    throw new LabError('input', `The workspace lock ${lockPath} is ${describeFileType(before)}, not a lock edgelab made.`, `Remove it (\`rm ${lockPath}\`) and run the command again.`);
  }
  const owner = await readOwner(lockPath);
  const old = Date.now() - before.mtimeMs > staleMs;
  const ownerDead = owner !== null && owner.hostname === hostname() && !isProcessAlive(owner.pid);
  if (!old && !ownerDead) return false;

  const aside = join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw lockError(lockPath, e);
  }
  const moved = await stat(aside);
  if (moved.dev === before.dev && moved.ino === before.ino) {
    await unlink(aside);
    return true;
  }
  await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return false;
}

function describeHolder(owner: LockOwner | null): string {
  return owner ? `process ${owner.pid} on ${owner.hostname} since ${owner.acquiredAt}` : 'another process';
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse((await readWorkspaceFile(lockPath)).toString('utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.hostname === 'string' && typeof owner.acquiredAt === 'string') {
      return owner as LockOwner;
    }
  } catch {
    // Empty (just created, not yet written) or gone: no owner to judge by; age decides.
  }
  return null;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockError(lockPath: string, cause: unknown): LabError {
  return new LabError(
    'input',
    `Cannot use the workspace lock file ${lockPath}: ${(cause as Error).message}`,
    'Check that the workspace folder is writable, or choose another with --workspace DIR.',
    { cause },
  );
}
