import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Temp files of writes in progress: dotfiles ending in ".tmp", which no reader takes for a record. */
export function tempPathFor(dir: string, name: string): string {
  return join(dir, `.${name}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Writes and fsyncs a temp file beside where the record will go, so the later rename is atomic. */
export async function writeSyncedTempFile(dir: string, name: string, bytes: Buffer): Promise<string> {
  const tempPath = tempPathFor(dir, name);
  const handle = await open(tempPath, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await rm(tempPath, { force: true });
    throw e;
  }
  await handle.close();
  return tempPath;
}

/** Makes a rename durable. Windows cannot open a directory, and its renames need no such step. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export const TEMP_FILE_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Removes temp files left by writers that died. Only old ones: a young temp file may belong to a
 * write in progress in another process.
 */
export async function removeOldTempFiles(dir: string, maxAgeMs = TEMP_FILE_MAX_AGE_MS, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names.filter(isTempFileName)) {
    const path = join(dir, name);
    try {
      const st = await stat(path);
      if (st.isFile() && now - st.mtimeMs > maxAgeMs) {
        await rm(path, { force: true });
        removed.push(path);
      }
    } catch {
      // Gone already (its writer finished, or another process cleaned it).
    }
  }
  return removed;
}
