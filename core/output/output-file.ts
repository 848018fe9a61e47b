import { constants, type Stats } from 'node:fs';
import { access, lstat, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../api/errors.js';
import { locateWorkspaceDir } from '../evidence/workspace-dir.js';

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
  const dir = path.dirname(path.resolve(file));
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new LabError('usage', `${flag} ${file}: the folder ${dir} does not exist.`, 'Create it first, or give a path in an existing folder.');
  }
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new LabError('usage', `${flag} ${file}: that is a folder; give a file name.`);
  if (existing && !existing.isFile()) throw notRegular(flag, file, existing);
  await refuseProtected(flag, file, existing, protect);
  try {
    await access(existing ? file : dir, constants.W_OK);
  } catch {
    throw new LabError('usage', `${flag} ${file}: cannot write there (permission denied).`, 'Choose a writable location.');
  }
}

/**
 * The one writer of requested output files. It checks again (the path may have changed since the
 * check before measuring), opens without blocking so a FIFO cannot hang it, and writes only into a
 * regular file.
 */
export async function writeOutput(flag: string, file: string, text: string | Uint8Array, afterWhat = '', protect: ProtectedPaths = {}): Promise<void> {
  const failed = (e: unknown) =>
    new LabError('input', `${flag} ${file}: could not write it: ${(e as Error).message}.${afterWhat ? ` ${afterWhat}` : ''}`, 'Check the path and free disk space.', { cause: e });
  const existing = await stat(file).catch(() => null);
  if (existing && !existing.isFile()) throw notRegular(flag, file, existing, afterWhat);
  await refuseProtected(flag, file, existing, protect, afterWhat);
  let handle;
  try {
    handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NONBLOCK, 0o666);
  } catch (e) {
    throw failed(e);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw notRegular(flag, file, opened, afterWhat);
    await handle.truncate(0);
    await handle.writeFile(text);
  } catch (e) {
    throw e instanceof LabError ? e : failed(e);
  } finally {
    await handle.close();
  }
}

function notRegular(flag: string, file: string, st: Stats, afterWhat = ''): LabError {
  const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return new LabError(
    'usage',
    `${flag} ${file}: that is ${what}; edgelab writes reports and records only to regular files.${afterWhat ? ` ${afterWhat}` : ''}`,
    'Give a file name; to print instead, leave out the flag (--json prints to stdout).',
  );
}

async function refuseProtected(flag: string, file: string, existing: Stats | null, protect: ProtectedPaths, afterWhat = ''): Promise<void> {
  const target = await resolvedPath(file);
  const refuse = (what: string, hint: string) =>
    new LabError('usage', `${flag} ${file}: that is ${what}; edgelab never writes over it.${afterWhat ? ` ${afterWhat}` : ''}`, hint);

  if (protect.env !== undefined || protect.workspace !== undefined) {
    const { dir } = locateWorkspaceDir({ flag: protect.workspace, env: protect.env ?? {} });
    const workspace = await resolvedPath(dir);
    const inside = (sub: string) => target === path.join(workspace, sub) || target.startsWith(path.join(workspace, sub) + path.sep);
    if (['runs', 'attestations', 'ledger.jsonl', 'ledger.head', 'ledger.lock', '.cache'].some(inside)) {
      throw refuse(`part of the evidence workspace ${dir} (its records, attestations or ledger)`, 'Write reports outside runs/ and attestations/, e.g. --out report.md.');
    }
  }
  for (const input of protect.inputs ?? []) {
    if (input === undefined) continue;
    const inputStat = await stat(input).catch(() => null);
    const same = target === (await resolvedPath(input)) || (existing !== null && inputStat !== null && existing.dev === inputStat.dev && existing.ino === inputStat.ino);
    if (same) throw refuse(`an input of this command (${input})`, 'Give the output another name.');
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
