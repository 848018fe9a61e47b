import { lstat, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLabError, LabError } from '../api/errors.js';
import { removeOldTempFiles, writeSyncedTempFile } from './atomic-file.js';
import type { WorkspaceLayout } from './layout.js';
import { diskFullHint, withinSeconds } from './save-checks.js';
import { ensureWorkspaceSubfolder } from './workspace-subfolder.js';

// The workspace may be committed beside a model repo; this keeps the machinery out of commits.
const WORKSPACE_GITIGNORE = '# Written by edgelab: caches and writes in progress, never evidence.\n.cache/\n*.tmp\nledger.lock\n';
// Records are hashed byte for byte: a checkout that converted line endings would make every one "edited".
const WORKSPACE_GITATTRIBUTES = '# Written by edgelab: records are verified byte for byte, so git must not convert line endings.\n* -text\n';

/** A workspace opened read-only must exist; nothing is created. */
export async function assertWorkspaceFolder(dir: string): Promise<void> {
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new LabError('input', `The evidence workspace ${dir} does not exist.`, 'Give the folder that holds runs/ and ledger.jsonl with --workspace DIR or EDGELAB_WORKSPACE.');
  }
}

/** Creates the folders when needed, proves the workspace can be written, and clears old temp files. */
export async function prepareWorkspaceFolder(layout: WorkspaceLayout): Promise<void> {
  const dir = layout.dir;
  try {
    // Node's recursive mkdir never returns under some pseudo file systems (e.g. /proc/x): bound it.
    await withinSeconds(10, `creating ${dir} did not finish`, async () => {
      await mkdir(dir, { recursive: true });
      await ensureWorkspaceSubfolder(dir, 'runs');
      await ensureWorkspaceSubfolder(dir, 'attestations');
    });
    // mkdir succeeds on an existing read-only folder; only a write proves we can record evidence.
    const probe = await writeSyncedTempFile(layout.dir, 'write-probe', Buffer.from('edgelab'));
    await rm(probe, { force: true });
  } catch (e) {
    if (isLabError(e)) throw e;
    throw new LabError('input', `Cannot write to the evidence workspace ${dir}: ${(e as Error).message}`, diskFullHint(dir, e) ?? 'Fix its permissions, or choose a writable folder with --workspace DIR or the EDGELAB_WORKSPACE environment variable.', { cause: e });
  }
  await writeFile(join(layout.dir, '.gitignore'), WORKSPACE_GITIGNORE, { flag: 'wx' }).catch(() => undefined);
  await writeFile(join(layout.dir, '.gitattributes'), WORKSPACE_GITATTRIBUTES, { flag: 'wx' }).catch(() => undefined);
  // Temp files are cleared only in real folders: through a linked .cache they would be another folder's.
  const cache = await lstat(layout.cacheDir).catch(() => null);
  for (const folder of [layout.dir, layout.runsDir, layout.attestationsDir, ...(cache?.isDirectory() ? [layout.cacheDir] : [])]) {
    await removeOldTempFiles(folder);
  }
}
