import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, readlink, rename, stat, unlink, writeFile } from 'node:fs/promises';
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
/**
 * Locks are now created complete (owner written first, then linked into place), so an ownerless
 * lock is debris of a kill. edgelab versions before that created the file and then wrote its owner:
 * for a short while such a lock is empty yet held. Where no process can be seen holding it open
 * (Linux's /proc) it is taken over at once; elsewhere, once it is this old.
 */
export const OWNERLESS_GRACE_MS = 2_000;

export interface LockOwner {
  pid: number;
  hostname: string;
  acquiredAt: string;
  about?: Record<string, unknown>;
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

/**
 * Creates the lock complete: the owner goes into a private temp file that is then hard-linked to
 * the lock's name, which fails with EEXIST if the lock exists. A reader therefore never sees a
 * lock without its owner, and a kill at any point leaves either no lock or a whole one (the temp
 * file is named *.tmp, which the workspace ignores). Where hard links are not supported, the older
 * create-then-write is used.
 */
async function tryCreate(lockPath: string, about: Record<string, unknown> | undefined): Promise<HeldLock | null> {
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), acquiredAt: new Date().toISOString(), ...(about ? { about } : {}) };
  const temp = asideName(lockPath);
  try {
    await writeFile(temp, JSON.stringify(owner), { flag: 'wx' });
    try {
      await link(temp, lockPath);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return null;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return await createThenWrite(lockPath, owner);
      throw e;
    }
    const st = await stat(temp);
    return { dev: st.dev, ino: st.ino };
  } catch (e) {
    throw lockError(lockPath, e);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createThenWrite(lockPath: string, owner: LockOwner): Promise<HeldLock | null> {
  let handle;
  try {
    handle = await open(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
    const st = await handle.stat();
    return { dev: st.dev, ino: st.ino };
  } finally {
    await handle.close();
  }
}

function asideName(lockPath: string): string {
  return join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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
async function breakIfStale(lockPath: string, staleMs: number, onTakeOver: FileLockOptions['onTakeOver']): Promise<boolean> {
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
  const reason = await staleReason(lockPath, owner, Date.now() - before.mtimeMs, staleMs);
  if (reason === null) return false;

  const aside = asideName(lockPath);
  try {
    await rename(lockPath, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw lockError(lockPath, e);
  }
  const moved = await stat(aside);
  if (moved.dev === before.dev && moved.ino === before.ino) {
    await unlink(aside);
    onTakeOver?.(`took over ${lockPath}: ${reason}`);
    return true;
  }
  await link(aside, lockPath).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
  return false;
}

/** Why a lock may be taken over, or null while its holder may still be at work. */
async function staleReason(lockPath: string, owner: LockOwner | null, ageMs: number, staleMs: number): Promise<string | null> {
  if (owner === null) {
    const opened = await openedByAnyProcess(lockPath);
    // An older edgelab holds the file open from creating it until its owner is written; read again
    // after the scan, so one that wrote and closed in between is seen as the owner it now is.
    if (opened === false) {
      return (await readOwner(lockPath)) === null ? 'it had no owner written and no process holds it open (left by a process ended while creating it)' : null;
    }
    if (ageMs > OWNERLESS_GRACE_MS) return `it had no owner written for ${Math.round(ageMs / 1000)} s (left by a process ended while creating it)`;
    return null;
  }
  if (owner.hostname === hostname() && !isProcessAlive(owner.pid)) return `its owner, process ${owner.pid}, is no longer running`;
  if (ageMs > staleMs) return `it was held for more than ${Math.round(staleMs / 1000)} s by ${describeHolder(owner)}`;
  return null;
}

/**
 * Whether any process this user can see has the file open, from Linux's /proc/<pid>/fd; null where
 * that cannot be told (no /proc). An edgelab that creates locks the older way holds the file open
 * from its creation until its owner is written.
 */
async function openedByAnyProcess(file: string): Promise<boolean | null> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const target = await stat(file).catch(() => null);
  if (target === null) return false;
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const linked = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => null);
      if (linked !== null && linked.endsWith(basename(file))) {
        const st = await stat(`/proc/${pid}/fd/${fd}`).catch(() => null);
        if (st && st.ino === target.ino && st.dev === target.dev) return true;
      }
    }
  }
  return false;
}

export function describeHolder(owner: LockOwner | null): string {
  return owner ? `process ${owner.pid} on ${owner.hostname} since ${owner.acquiredAt}` : 'another process';
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse((await readWorkspaceFile(lockPath)).toString('utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.hostname === 'string' && typeof owner.acquiredAt === 'string') {
      return owner as LockOwner;
    }
  } catch {
    // Empty or cut short (an older edgelab killed between creating and writing it), or gone.
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
