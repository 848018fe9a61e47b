import { link, lstat, readdir, readlink, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { LabError } from '../api/errors.js';
import { asideName, describeHolder, lockError, readOwner, type LockOwner } from './lock-owner.js';
import { describeFileType } from './no-follow-file.js';

// When a lock may be taken over: its holder is gone, it was never finished, or it is too old.

/**
 * Locks are now created complete (owner written first, then linked into place), so an ownerless
 * lock is debris of a kill. edgelab versions before that created the file and then wrote its owner:
 * for a short while such a lock is empty yet held. Where no process can be seen holding it open
 * (Linux's /proc) it is taken over at once; elsewhere, once it is this old.
 */
export const OWNERLESS_GRACE_MS = 2_000;

/**
 * Takes a stale lock out of the way. Renaming it aside (instead of deleting by name) and then
 * checking the inode means two processes that both judged the same lock stale cannot delete a fresh
 * lock that a third process took in between; if that happens the fresh lock is linked back.
 */
export async function breakIfStale(lockPath: string, staleMs: number, onTakeOver: ((reason: string) => void) | undefined): Promise<boolean> {
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

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
