import { randomBytes } from 'node:crypto';
import { link, open, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../api/errors.js';
import { readWorkspaceFile } from './no-follow-file.js';

/**
 * The lock file itself: who holds it (pid, host, since when, and what for), written whole before
 * the file takes the lock's name, and read back by whoever waits or judges it stale.
 */
export interface LockOwner {
  pid: number;
  hostname: string;
  acquiredAt: string;
  about?: Record<string, unknown>;
}

/** The file this process created as the lock, so it removes only that one. */
export interface HeldLock {
  dev: number;
  ino: number;
}

/**
 * Creates the lock complete: the owner goes into a private temp file that is then hard-linked to
 * the lock's name, which fails with EEXIST if the lock exists. A reader therefore never sees a
 * lock without its owner, and a kill at any point leaves either no lock or a whole one (the temp
 * file is named *.tmp, which the workspace ignores). Where hard links are not supported, the older
 * create-then-write is used.
 */
export async function tryCreate(lockPath: string, about: Record<string, unknown> | undefined): Promise<HeldLock | null> {
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

/** A private name beside the lock, *.tmp, which the workspace ignores. */
export function asideName(lockPath: string): string {
  return join(dirname(lockPath), `.${basename(lockPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export function describeHolder(owner: LockOwner | null): string {
  return owner ? `process ${owner.pid} on ${owner.hostname} since ${owner.acquiredAt}` : 'another process';
}

export async function readOwner(lockPath: string): Promise<LockOwner | null> {
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

export function lockError(lockPath: string, cause: unknown): LabError {
  return new LabError(
    'input',
    `Cannot use the workspace lock file ${lockPath}: ${(cause as Error).message}`,
    'Check that the workspace folder is writable, or choose another with --workspace DIR.',
    { cause },
  );
}
