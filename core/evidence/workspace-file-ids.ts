import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileIdentity } from './no-follow-file.js';

/**
 * Every file and folder of a workspace by identity (device and inode), with its path relative to the
 * workspace ("" for the workspace itself). A path comparison misses a hard link to the ledger or a
 * bind mount of runs/; an identity does not, so writers outside the workspace check against these.
 * Links inside the workspace are not followed (what they point at is not the workspace's).
 */
export async function workspaceFileIds(dir: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const visit = async (path: string): Promise<void> => {
    const st = await lstat(path, { bigint: true }).catch(() => null);
    if (!st || st.isSymbolicLink()) return;
    ids.set(fileIdentity(st), relative(dir, path).split(sep).join('/'));
    if (!st.isDirectory()) return;
    const names = await readdir(path).catch(() => [] as string[]);
    for (const name of names) await visit(join(path, name));
  };
  await visit(dir);
  return ids;
}
