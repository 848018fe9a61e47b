import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../api/errors.js';
import { imagesInFolder } from '../inputs/images/image-files.js';

export interface LabelledImage {
  file: string;
  classIndex: number;
}

/**
 * An ImageNet-style folder, `class_name/image.jpg`: each subfolder is named after a label in the
 * labels file, whose line number is the class index the model must predict.
 */
export async function labelledImages(dir: string, labels: readonly string[], labelsFile: string): Promise<LabelledImage[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new LabError('input', `Image folder ${dir} does not exist or cannot be read.`, 'Give a folder with one subfolder per class: DIR/class_name/image.jpg.', { cause: e });
  }
  const classDirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (classDirs.length === 0) {
    throw new LabError('input', `Image folder ${dir} has no class subfolders.`, 'Accuracy needs DIR/class_name/image.jpg, each class_name a line of the labels file.');
  }
  const index = new Map(labels.map((l, i) => [l, i]));
  const unknown = classDirs.filter((c) => !index.has(c));
  if (unknown.length > 0) {
    throw new LabError('input', `Class folder${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `'${c}'`).join(', ')} in ${dir} ${unknown.length > 1 ? 'are' : 'is'} not in labels file ${labelsFile}.`, 'Name each subfolder exactly as its class appears in the labels file (one label a line).');
  }
  const out: LabelledImage[] = [];
  for (const c of classDirs) {
    for (const file of await imagesInFolder(path.join(dir, c))) out.push({ file, classIndex: index.get(c) as number });
  }
  return out;
}
