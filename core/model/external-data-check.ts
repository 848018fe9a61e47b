import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExternalDataRef } from '../api/model-info.js';
import { fileKindOf } from '../files/regular-file.js';

/**
 * What is wrong with a model's external-data references, one line per file: a location that leaves
 * the model's folder (absolute, or through `..`: a crafted model could make ONNX Runtime read any
 * file), a file that is not there, or one too short for the bytes a tensor claims. Empty when all is
 * well. The file is stat'ed, never read.
 */
export async function externalDataProblems(modelPath: string, refs: readonly ExternalDataRef[]): Promise<string[]> {
  const folder = path.dirname(path.resolve(modelPath));
  const byLocation = new Map<string, ExternalDataRef[]>();
  for (const ref of refs) byLocation.set(ref.location, [...(byLocation.get(ref.location) ?? []), ref]);
  const problems: string[] = [];
  for (const [location, tensors] of byLocation) {
    const names = `${tensors.length} tensor${tensors.length === 1 ? '' : 's'} (${tensors.slice(0, 3).map((t) => `'${t.tensor}'`).join(', ')}${tensors.length > 3 ? ', …' : ''})`;
    const file = path.resolve(folder, location);
    if (location === '' || path.isAbsolute(location) || path.relative(folder, file).startsWith('..')) {
      problems.push(`'${location}' for ${names} escapes the model's folder ${folder}; external data must sit beside the .onnx file`);
      continue;
    }
    const st = await stat(file).catch(() => null);
    if (!st) {
      problems.push(`'${location}' for ${names} is missing: expected ${file}`);
      continue;
    }
    const kind = fileKindOf(st);
    if (kind !== null) {
      // ONNX Runtime would block on a FIFO or read a device without end.
      problems.push(`'${location}' for ${names} is ${kind}, not a regular file: ${file}`);
      continue;
    }
    const needed = Math.max(...tensors.map((t) => t.offset + (t.length ?? 0)));
    if (st.size < needed) problems.push(`'${location}' for ${names} is ${st.size} bytes, but its tensors need ${needed}: the file is truncated`);
  }
  return problems;
}
