import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import { readRegularFile } from '../../files/regular-file.js';

/** Extensions sharp decodes in its prebuilt binaries; anything else in a folder is skipped. */
export const imageExtensions = ['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.gif', '.avif'] as const;

export function isImageFile(file: string): boolean {
  return (imageExtensions as readonly string[]).includes(path.extname(file).toLowerCase());
}

/**
 * Every image named by `paths`: an image file as is, a folder searched recursively (sorted, so runs
 * repeat), any other file read as a list of paths, one a line, relative to the list's folder.
 */
export async function listImageFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const kind = await pathKind(given);
    if (kind === 'dir') files.push(...(await imagesInFolder(given)));
    else if (isImageFile(given)) files.push(given);
    else files.push(...(await imagesInList(given)));
  }
  return files;
}

async function pathKind(file: string, listedIn?: string): Promise<'dir' | 'file'> {
  try {
    return (await stat(file)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    const where = listedIn ? ` (listed in ${listedIn})` : '';
    throw new LabError('input', `Image path ${file}${where} does not exist or cannot be read.`, 'Give an image file, a folder of images, or a text file listing one image path a line.', { cause: e });
  }
}

export async function imagesInFolder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found = entries
    .filter((e) => e.isFile() && isImageFile(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  if (found.length === 0) {
    throw new LabError('input', `Folder ${dir} has no images.`, `edgelab reads ${imageExtensions.join(', ')} files, in the folder and its subfolders.`);
  }
  return found;
}

async function imagesInList(listFile: string): Promise<string[]> {
  const text = (await readRegularFile(listFile, { what: 'Image path', hint: 'Give an image file, a folder of images, or a text file listing one image path a line, saved on disk.' })).toString('utf8');
  const base = path.dirname(listFile);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) {
    throw new LabError('input', `${listFile} is neither an image (${imageExtensions.join(', ')}) nor a list of image paths: it has no lines.`, 'Give an image file, a folder, or a text file with one image path a line.');
  }
  const files: string[] = [];
  for (const line of lines) {
    const file = path.resolve(base, line);
    if ((await pathKind(file, listFile)) === 'dir') files.push(...(await imagesInFolder(file)));
    else files.push(file);
  }
  return files;
}
