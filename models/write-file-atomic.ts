import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `bytes` to `path` unless the file already holds exactly those bytes. The data goes to a
 * uniquely named temp file in the same directory and is renamed into place, so concurrent writers
 * (several test workers generating the same model) never expose a half-written file: a reader sees
 * either no file or a complete one. Returns whether this call wrote the file.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<boolean> {
  const existing = await readFile(path).catch(() => null);
  if (existing && Buffer.compare(existing, bytes) === 0) return false;
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return true;
}
