import { constants, type BigIntStats } from 'node:fs';
import { access, chmod, lstat, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../api/errors.js';
import { syncDirectory, writeSyncedTempFile } from '../evidence/atomic-file.js';
import { describeFileType, fileIdentity } from '../evidence/no-follow-file.js';
import { locateWorkspaceDir } from '../evidence/workspace-dir.js';
import { workspaceFileIds } from '../evidence/workspace-file-ids.js';

/**
 * What a requested output file must never be: the evidence workspace's own files (records, ledger,
 * attestations), and the inputs of the command (the model being run, a suite, a labels file). An
 * `--out` that names one of them, through a symlink or a hard link included, is refused before
 * anything is measured.
 */
export interface ProtectedPaths {
  /** `--workspace` as given; with env, resolved as every command resolves it. */
  workspace?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Files the command reads: the model, a second model, a suite, a labels file. */
  inputs?: ReadonlyArray<string | undefined>;
}

/**
 * Checks that an output file (`--out`, `--junit`, `--report`) can be written before anything is
 * measured, so a typo in a path does not cost a run, and that writing it destroys nothing: not the
 * evidence, not an input, and never something that is not a regular file (a FIFO would hang the
 * write; a device is not a report).
 */
export async function checkOutputPath(flag: string, file: string, protect: ProtectedPaths = {}): Promise<void> {
  const target = await resolvedPath(file);
  const dir = path.dirname(target);
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new LabError('usage', `${flag} ${file}: the folder ${path.dirname(path.resolve(file))} does not exist.`, 'Create it first, or give a path in an existing folder.');
  }
  const existing = await lstat(target, { bigint: true }).catch(() => null);
  if (existing?.isDirectory()) throw new LabError('usage', `${flag} ${file}: that is a folder; give a file name.`);
  await refuseUnsafeTarget(flag, file, target, existing, protect);
  try {
    // The new bytes go to a temp file beside the target, then replace it: both need the folder.
    await access(dir, constants.W_OK);
    if (existing) await access(target, constants.W_OK);
  } catch {
    throw new LabError('usage', `${flag} ${file}: cannot write there (permission denied).`, 'Choose a writable location.');
  }
}

/**
 * The one writer of requested output files. It checks again (the path may have changed since the
 * check before measuring), writes the whole text to a temp file in the same folder and renames it
 * over the target. So a full disk or a crash leaves the old file whole (and no empty new one), and
 * the bytes never go into an inode that has another name: a hard link to the ledger stays the ledger.
 */
export async function writeOutput(flag: string, file: string, text: string | Uint8Array, afterWhat = '', protect: ProtectedPaths = {}): Promise<void> {
  const failed = (e: unknown) =>
    new LabError('input', `${flag} ${file}: could not write it: ${(e as Error).message}.${afterWhat ? ` ${afterWhat}` : ''}`,
      `Check the path and free disk space.${afterWhat ? '' : ' Nothing was changed there.'}`, { cause: e });
  // A symlink the user made keeps pointing at the report: the file it names is the one replaced.
  const target = await resolvedPath(file);
  const checked = await lstat(target, { bigint: true }).catch(() => null);
  await refuseUnsafeTarget(flag, file, target, checked, protect, afterWhat);
  let temp: string;
  try {
    temp = await writeSyncedTempFile(path.dirname(target), path.basename(target), Buffer.from(text));
  } catch (e) {
    throw failed(e);
  }
  try {
    // Between the check and the rename someone may have swapped the target: check it again.
    const now = await lstat(target, { bigint: true }).catch(() => null);
    if ((now === null) !== (checked === null) || (now && checked && fileIdentity(now) !== fileIdentity(checked))) {
      throw new LabError('input', `${flag} ${file}: the file changed while edgelab was writing it; nothing was written.${afterWhat ? ` ${afterWhat}` : ''}`, 'Run the command again.');
    }
    if (checked) await chmod(temp, Number(checked.mode) & 0o7777);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e instanceof LabError ? e : failed(e);
  }
  await syncDirectory(path.dirname(target)).catch(() => undefined);
}

/**
 * Refuses what must not be replaced; `existing` is the resolved target as lstat sees it (null: none
 * yet; a symlink here is one that leads nowhere, and is refused rather than replaced or followed).
 */
async function refuseUnsafeTarget(flag: string, file: string, target: string, existing: BigIntStats | null, protect: ProtectedPaths, afterWhat = ''): Promise<void> {
  const after = afterWhat ? ` ${afterWhat}` : '';
  const refuse = (what: string, hint: string) => new LabError('usage', `${flag} ${file}: that is ${what}; edgelab never writes over it.${after}`, hint);

  if (existing && !existing.isFile()) {
    throw new LabError('usage', `${flag} ${file}: that is ${describeFileType(existing)}; edgelab writes reports and records only to regular files.${after}`,
      'Give a file name; to print instead, leave out the flag (--json prints to stdout).');
  }
  if (protect.env !== undefined || protect.workspace !== undefined) {
    const { dir } = locateWorkspaceDir({ flag: protect.workspace, env: protect.env ?? {} });
    const workspace = await resolvedPath(dir);
    const inside = (sub: string) => target === path.join(workspace, sub) || target.startsWith(path.join(workspace, sub) + path.sep);
    const evidence = `part of the evidence workspace ${dir} (its records, attestations or ledger)`;
    const hint = 'Write reports outside runs/ and attestations/, e.g. --out report.md.';
    if (['runs', 'attestations', 'ledger.jsonl', 'ledger.head', 'ledger.lock', '.cache'].some(inside)) throw refuse(evidence, hint);
    // A hard link or a bind mount has a path of its own: only device and inode tell it apart.
    if (existing) {
      const twin = (await workspaceFileIds(workspace)).get(fileIdentity(existing));
      if (twin !== undefined) throw refuse(`${evidence}: the same file as ${twin || 'the workspace'} (a hard link)`, hint);
    }
  }
  for (const input of protect.inputs ?? []) {
    if (input === undefined) continue;
    const inputStat = await stat(input, { bigint: true }).catch(() => null);
    const same = target === (await resolvedPath(input)) || (existing !== null && inputStat !== null && fileIdentity(existing) === fileIdentity(inputStat));
    if (same) throw refuse(`an input of this command (${input})`, 'Give the output another name.');
  }
  if (existing && existing.nlink > 1n) {
    throw new LabError('usage',
      `${flag} ${file}: that file has ${existing.nlink} names (hard links), and one of them may be evidence or an input; edgelab never writes over a file that has another name.${after}`,
      'Give the output a new name, or remove this name first (`rm` removes only this link).');
  }
}

/** The absolute path with every symlink resolved, also for a file that does not exist yet. */
async function resolvedPath(file: string): Promise<string> {
  const absolute = path.resolve(file);
  const linked = await lstat(absolute).catch(() => null);
  if (linked) return realpath(absolute).catch(() => absolute);
  const parent = await realpath(path.dirname(absolute)).catch(() => path.dirname(absolute));
  return path.join(parent, path.basename(absolute));
}
