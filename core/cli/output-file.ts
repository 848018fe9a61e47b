import { access, constants, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../api/errors.js';

/**
 * Checks that an output file (`--out`, `--junit`, `--report`) can be written before anything is
 * measured, so a typo in a path does not cost a run, and writes it with a message instead of a trace.
 */
export async function checkOutputPath(flag: string, file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new LabError('usage', `${flag} ${file}: the folder ${dir} does not exist.`, 'Create it first, or give a path in an existing folder.');
  }
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new LabError('usage', `${flag} ${file}: that is a folder; give a file name.`);
  try {
    await access(existing ? file : dir, constants.W_OK);
  } catch {
    throw new LabError('usage', `${flag} ${file}: cannot write there (permission denied).`, 'Choose a writable location.');
  }
}

export async function writeOutput(flag: string, file: string, text: string, afterWhat = ''): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (e) {
    throw new LabError('input', `${flag} ${file}: could not write it: ${(e as Error).message}.${afterWhat ? ` ${afterWhat}` : ''}`, 'Check the path and free disk space.', { cause: e });
  }
}
