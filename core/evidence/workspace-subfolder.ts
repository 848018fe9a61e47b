import { lstat, mkdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../api/errors.js';
import { describeFileType } from './no-follow-file.js';

/**
 * A folder inside the workspace that edgelab writes (runs/, attestations/, adr/, ladder/, .cache/),
 * made when missing. It must be a real folder: a symbolic link there (committed in a repository, or
 * left by another user) would send evidence into the link's target, among other files, or out of
 * the workspace, and mkdir passes through a link without a word. The workspace folder itself may
 * be a link: that is where the user chose to keep it.
 */
export async function ensureWorkspaceSubfolder(workspaceDir: string, name: string): Promise<string> {
  const path = join(workspaceDir, name);
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (st?.isSymbolicLink()) {
    const target = await readlink(path).catch(() => '?');
    throw new LabError('input', `${path} is a symbolic link (to ${target}); edgelab writes evidence only into real folders, never through a link.`,
      `Replace the link with a real folder: remove ${path} and move what it should hold there, or give the folder the link points to its own workspace with --workspace DIR.`);
  }
  if (st !== null && !st.isDirectory()) {
    throw new LabError('input', `${path} is ${describeFileType(st)}, where edgelab keeps its ${name}/ folder.`, `Move it out of the workspace, or choose another folder with --workspace DIR.`);
  }
  if (st === null) {
    await mkdir(path).catch((e: NodeJS.ErrnoException) => {
      // Another writer made it first: checked again below like any folder that was there.
      if (e.code !== 'EEXIST') throw e;
    });
    if (!(await lstat(path)).isDirectory()) return ensureWorkspaceSubfolder(workspaceDir, name);
  }
  return path;
}
