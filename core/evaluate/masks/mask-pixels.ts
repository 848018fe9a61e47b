/**
 * A ground-truth mask PNG read into one class index per pixel. Binary masks hold 0 and 255, or 0
 * and 1; any other value (a grey antialiased edge, a mix of 1 and 255) is refused rather than
 * thresholded, because where to cut is the user's call. Per-class masks hold the class index itself,
 * as an 8-bit grey value or as a palette index (Pascal VOC); colour masks are refused unless grey.
 */
import { readFile } from 'node:fs/promises';
import type { Metadata } from 'sharp';
import { loadSharp } from '../../inputs/images/decode-image.js';
import { LabError } from '../../api/errors.js';
import type { LabelledImage, LabelledMask, LabelledSet } from '../../api/labelled-set.js';
import { readPaletteIndices } from './png-palette-indices.js';

export interface MaskPixels {
  width: number;
  height: number;
  /** Row-major class index per pixel: binary masks as 0/1, per-class masks as stored (the ignore value kept). */
  values: Uint8Array;
}

const greyHint = 'Save the mask as an 8-bit greyscale PNG whose pixel values are the class indices (numpy: Image.fromarray(arr.astype(np.uint8), "L").save(path)).';

function refuse(file: string, what: string, hint = greyHint): never {
  throw new LabError('input', `Mask ${file}: ${what}`, hint);
}

async function greyPixels(file: string): Promise<MaskPixels> {
  // Loaded outside the try: a sharp that cannot load on this platform says so, not that the file is bad.
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(file).metadata();
  } catch (e) {
    refuse(file, `cannot be read: ${(e as Error).message}`);
  }
  if (meta.format !== 'png') refuse(file, `is ${meta.format ?? 'not an image'}, not a PNG; a lossy format changes class values at edges`);
  if (meta.isPalette) {
    // Pascal VOC's masks: the palette index is the class; sharp would decode the colours instead.
    const read = readPaletteIndices(await readFile(file));
    if (typeof read === 'string') refuse(file, `is a palette PNG whose indices cannot be read: ${read}`);
    return { width: read.width, height: read.height, values: read.indices };
  }
  if (meta.depth !== 'uchar') refuse(file, `has ${meta.depth} samples, not 8-bit`);
  const { data, info } = await (await loadSharp())(file).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const n = width * height;
  const values = new Uint8Array(n);
  if (channels <= 2) {
    for (let i = 0; i < n; i++) values[i] = data[i * channels] as number;
  } else {
    // RGB(A) is accepted only when it is grey: r = g = b at every pixel.
    for (let i = 0; i < n; i++) {
      const r = data[i * channels] as number;
      if (data[i * channels + 1] !== r || data[i * channels + 2] !== r) {
        refuse(file, `pixel (${i % width}, ${Math.floor(i / width)}) is a colour (${r}, ${data[i * channels + 1]}, ${data[i * channels + 2]}), not a grey class value`);
      }
      values[i] = r;
    }
  }
  return { width, height, values };
}

function at(width: number, i: number): string {
  return `(${i % width}, ${Math.floor(i / width)})`;
}

/** Reads a mask and checks every value: binary 0/255 or 0/1; per-class below `classCount` or `ignoreValue`. */
export async function readMaskPixels(mask: LabelledMask, classCount: number, ignoreValue: number | null): Promise<MaskPixels> {
  const px = await greyPixels(mask.file);
  const { values, width } = px;
  if (mask.kind === 'binary') {
    let seen1 = -1;
    let seen255 = -1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === 0) continue;
      if (v === 1) seen1 = seen1 < 0 ? i : seen1;
      else if (v === 255) seen255 = seen255 < 0 ? i : seen255;
      else refuse(mask.file, `pixel ${at(width, i)} is ${v}; a binary mask holds 0 and 255 (or 0 and 1)`, 'Threshold the mask first (for example value ≥ 128 → 255, else 0), or load it as a per-class mask with a classes file.');
      if (seen1 >= 0 && seen255 >= 0) {
        refuse(mask.file, `holds both 1 (at ${at(width, seen1)}) and 255 (at ${at(width, seen255)}); a binary mask uses one foreground value`, 'Write foreground as 255 throughout (or as 1 throughout).');
      }
    }
    for (let i = 0; i < values.length; i++) values[i] = values[i] === 0 ? 0 : 1;
    return px;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v >= classCount && v !== ignoreValue) {
      refuse(
        mask.file,
        `pixel ${at(width, i)} is ${v}, above the ${classCount} classes of the classes file (0 to ${classCount - 1})${ignoreValue === null ? '' : ` and not the ignore value ${ignoreValue}`}`,
        'Add the class to the classes file, or mark pixels that count for nothing with the ignore value (255 unless another is stated).',
      );
    }
  }
  return px;
}

/** An image's ground-truth mask as class indices, checked against its set's classes and ignore value. */
export async function truthMask(set: Pick<LabelledSet, 'categories' | 'ignoreValue'>, image: LabelledImage): Promise<MaskPixels> {
  const mask = image.masks[0];
  if (!mask) throw new LabError('input', `Image ${image.file} has no mask in its labels.`, 'Load the set as binary-masks or class-masks to score masks.');
  const px = await readMaskPixels(mask, set.categories.length, set.ignoreValue);
  if (px.width !== image.width || px.height !== image.height) {
    throw new LabError('input', `Mask ${mask.file} is ${px.width}×${px.height} but its image ${image.file} is ${image.width}×${image.height}.`, 'Save the mask at the image\'s size.');
  }
  return px;
}
