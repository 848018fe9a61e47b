import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../api/errors.js';

/**
 * ONNX Runtime names the profile `<profileFilePrefix>_<date>.json` and the Node binding's
 * endProfiling() does not return that name, so the file is found by prefix: the newest match.
 */
export async function findTraceFile(prefixPath: string): Promise<string> {
  const dir = dirname(prefixPath);
  const prefix = `${basename(prefixPath)}_`;
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith('.json'));
  const dated = await Promise.all(names.map(async (n) => ({ path: join(dir, n), mtimeMs: (await stat(join(dir, n))).mtimeMs })));
  const newest = dated.sort((a, b) => b.mtimeMs - a.mtimeMs || b.path.localeCompare(a.path))[0];
  if (!newest) {
    throw new LabError(
      'runtime',
      `ONNX Runtime wrote no profile matching ${prefixPath}_*.json in ${dir}.`,
      'Check that the directory is writable and has free space.',
    );
  }
  return newest.path;
}
