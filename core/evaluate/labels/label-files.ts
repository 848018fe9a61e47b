/**
 * What every label loader shares: refusing with the file and line named, pairing label files with
 * images by name, reading an image's size from its header, and the digest of the label files.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'sharp';
import { loadSharp } from '../../inputs/images/decode-image.js';
import { LabError } from '../../api/errors.js';
import { readRegularFile } from '../../files/regular-file.js';
import { isImageFile } from '../../inputs/images/image-files.js';

/**
 * How far (in pixels) a box or a point may lie outside its image before the label is refused.
 * Annotation tools round and pad by up to a pixel; anything further is a label in the wrong image
 * or the wrong units, which would silently change the score.
 */
export const OUTSIDE_TOLERANCE_PX = 1;

const outsideHint = `Clip the box to the image (x, y ≥ 0, x + w ≤ width, y + h ≤ height), or fix the label if it belongs to another image; edgelab allows ${OUTSIDE_TOLERANCE_PX} px of slack.`;

/** A bad label: the file (and line, from 1) in the message, what to do in the hint. */
export function labelError(file: string, line: number | null, what: string, hint: string): LabError {
  return new LabError('input', `${file}${line === null ? '' : `:${line}`}: ${what}`, hint);
}

export interface ImageSize {
  width: number;
  height: number;
  /** Set when the file's EXIF orientation turns it a quarter: the size as stored, before turning. */
  stored?: { width: number; height: number };
}

/** The size the preprocessing sees (EXIF orientation applied), from the file's header alone. */
export async function imageSize(file: string): Promise<ImageSize> {
  // Loaded outside the try: a sharp that cannot load on this platform says so, not that the file is bad.
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch (e) {
    throw new LabError('input', `Image ${file} cannot be read: ${(e as Error).message}`, 'Give an image sharp decodes (JPEG, PNG, WebP, TIFF, GIF, AVIF), or remove it from the images folder.', { cause: e });
  }
  const { width, height } = meta.autoOrient ?? meta;
  if (!width || !height) throw new LabError('input', `Image ${file} states no size in its header.`, 'Re-save the image with a standard encoder.');
  return width === meta.width ? { width, height } : { width, height, stored: { width: meta.width, height: meta.height } };
}

/** Sizes of many images, a few header reads at a time. */
export async function imageSizes(files: readonly string[]): Promise<ImageSize[]> {
  const out: ImageSize[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      out[i] = await imageSize(files[i] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, files.length) }, worker));
  return out;
}

/** The path relative to `dir` without its extension: how a label file and its image find each other. */
export function stemOf(dir: string, file: string): string {
  const rel = path.relative(dir, file);
  return rel.slice(0, rel.length - path.extname(rel).length).split(path.sep).join('/');
}

export async function requireDir(dir: string, what: string, hint: string): Promise<string> {
  const abs = path.resolve(dir);
  let ok = false;
  try {
    ok = (await stat(abs)).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new LabError('input', `${what} ${abs} does not exist or is not a folder.`, hint);
  return abs;
}

/** Files under `dir` (recursively, sorted) that `keep` accepts. */
export async function filesUnder(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/**
 * The images of a folder keyed by stem; two images with one stem cannot be told apart by a label
 * file. A labels folder inside the images folder (`set/masks` beside `set/*.jpg`) is not searched:
 * its masks are labels, not images.
 */
export async function imagesByStem(dir: string, labelsDir: string): Promise<Map<string, string>> {
  const abs = await requireDir(dir, 'Images folder', 'Give the folder that holds the labelled images (--images DIR).');
  const labels = path.resolve(labelsDir) + path.sep;
  const byStem = new Map<string, string>();
  for (const file of await filesUnder(abs, isImageFile)) {
    if (file.startsWith(labels)) continue;
    const stem = stemOf(abs, file);
    const other = byStem.get(stem);
    if (other) throw new LabError('input', `Images ${other} and ${file} share the name ${stem}; a label file could belong to either.`, 'Keep one image per name in the images folder.');
    byStem.set(stem, file);
  }
  return byStem;
}

export async function readLabelText(file: string, what: string, missingHint = 'Check the path: edgelab reads label files where the labels folder or --classes says they are.'): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, { what });
  } catch (e) {
    if (e instanceof LabError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError('input', `${what} ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`}.`, missingHint, { cause: e });
  }
  // Windows tools write a UTF-8 byte order mark; it is not part of the first field.
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Lines with their numbers (from 1), blank ones dropped: a blank line holds no object. */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}

export function parseNumber(file: string, line: number, field: string, raw: string, hint: string): number {
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v)) throw labelError(file, line, `${field} is ${JSON.stringify(raw)}, not a number`, hint);
  return v;
}

/** Refuses a box [x, y, w, h] that is negative in size or lies outside its image by more than the tolerance. */
export function checkBoxInImage(file: string, line: number | null, where: string, bbox: readonly number[], size: ImageSize, imageFile: string): void {
  const [x = 0, y = 0, w = 0, h = 0] = bbox;
  const t = OUTSIDE_TOLERANCE_PX;
  if (w < 0 || h < 0) throw labelError(file, line, `${where} has a negative size (width ${w}, height ${h})`, 'Boxes are [x, y, width, height] with width and height ≥ 0.');
  if (x < -t || y < -t || x + w > size.width + t || y + h > size.height + t) {
    const fmt = (v: number) => String(Math.round(v * 100) / 100);
    throw labelError(file, line, `${where} [${[x, y, w, h].map(fmt).join(', ')}] lies outside image ${imageFile} (${size.width}×${size.height})`, outsideHint);
  }
}

/**
 * Text polygons may reach past the image: annotators draw a word cut by the border whole, and the
 * ICDAR protocol scores the polygon as drawn, so clipping would change the figures. One that lies
 * entirely outside (beyond the slack) belongs to another image, or to other units, and is refused.
 */
export function checkPolygonMeetsImage(file: string, line: number, points: readonly (readonly [number, number])[], size: ImageSize, imageFile: string): void {
  const t = OUTSIDE_TOLERANCE_PX;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  if (Math.max(...xs) < -t || Math.max(...ys) < -t || Math.min(...xs) > size.width + t || Math.min(...ys) > size.height + t) {
    throw labelError(file, line, `the polygon (${points.map((p) => `${p[0]},${p[1]}`).join(' ')}) lies wholly outside image ${imageFile} (${size.width}×${size.height})`, 'Fix the label: it belongs to another image, or its coordinates are not in this image\'s pixels.');
  }
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The digest of a set's label files: `sha256sum` lines (`<hash>  <path relative to base>`) sorted by
 * path, so `(cd BASE && sha256sum FILES | sort -k2 | sha256sum)` gives the same value.
 */
export async function labelFilesDigest(base: string, files: readonly string[]): Promise<string> {
  const lines: string[] = [];
  for (const file of files) {
    const rel = path.relative(base, file).split(path.sep).join('/');
    lines.push(`${sha256Hex(await readRegularFile(file, { what: 'Label file' }))}  ${rel}`);
  }
  lines.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : a.slice(66) > b.slice(66) ? 1 : 0));
  return sha256Hex(lines.map((l) => `${l}\n`).join(''));
}
