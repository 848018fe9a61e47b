import { constants, type BigIntStats, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Opening a path that a repository, a pull request or another user may have prepared is where
 * evidence gets lost: a FIFO blocks a plain open until some writer comes, and a symlink leads the
 * read or the write somewhere else. These open without blocking (O_NONBLOCK) and without following
 * a symlink in the last component (O_NOFOLLOW), and accept only what turns out to be a regular file.
 */

/** A path that exists but is not a regular file, with what it is in words for a message. */
export class NotRegularFileError extends Error {
  override readonly name = 'NotRegularFileError';
  constructor(readonly path: string, readonly what: string) {
    super(`${path} is ${what}, not a regular file`);
  }
}

/** What a file that is not a regular file is, in words a message can use ("a named pipe (FIFO)"). */
export function describeFileType(st: Stats | BigIntStats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a folder';
  return st.isFile() ? 'a regular file' : 'not a regular file';
}

// Windows has neither flag; there a FIFO cannot be made by a repository and links are checked by lstat.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens an existing file read-only; null when nothing is there. Throws NotRegularFileError for a
 * symlink, a FIFO, a device, a socket or a folder, without ever waiting on it.
 */
export async function openRegularFileNoFollow(path: string): Promise<{ handle: FileHandle; stat: BigIntStats } | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    // O_NOFOLLOW reports a symlink as ELOOP (EMLINK on FreeBSD).
    if (code === 'ELOOP' || code === 'EMLINK') throw new NotRegularFileError(path, 'a symbolic link');
    if (code === 'EISDIR') throw new NotRegularFileError(path, 'a folder');
    throw e;
  }
  const stat = await handle.stat({ bigint: true });
  if (!stat.isFile()) {
    await handle.close();
    throw new NotRegularFileError(path, describeFileType(stat));
  }
  return { handle, stat };
}

/** Reads a regular file whole (refusing one over maxBytes); null when nothing is there. */
export async function readRegularFileNoFollow(path: string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<{ bytes: Buffer; stat: BigIntStats } | null> {
  const opened = await openRegularFileNoFollow(path);
  if (!opened) return null;
  try {
    if (opened.stat.size > BigInt(maxBytes)) throw new RangeError(`${path} is ${opened.stat.size} bytes, more than the ${maxBytes} expected`);
    return { bytes: await opened.handle.readFile(), stat: opened.stat };
  } finally {
    await opened.handle.close();
  }
}

/** A file's identity across names: hard links and bind mounts share it, paths do not. */
export function fileIdentity(st: { dev: bigint | number; ino: bigint | number }): string {
  return `${st.dev}:${st.ino}`;
}
