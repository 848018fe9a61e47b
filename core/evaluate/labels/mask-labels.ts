/**
 * Mask PNG folders: one `<image stem>.png` per image, the same size as the image. Binary masks
 * (0/255 or 0/1) label background and foreground; per-class masks hold a class index per pixel,
 * named by a classes file, with one value (255 unless stated) meaning "ignore this pixel". Unlike
 * boxes, a mask is dense: an image without one is refused instead of read as all background.
 */
import path from 'node:path';
import { loadSharp } from '../../inputs/images/decode-image.js';
import { LabError } from '../../api/errors.js';
import type { LabelledImage, LabelledSet } from '../../api/labelled-set.js';
import { isImageFile } from '../../inputs/images/image-files.js';
import { readMaskPixels } from '../masks/mask-pixels.js';
import { readClassNames } from './class-names.js';
import { filesUnder, imagesByStem, imageSizes, labelError, labelFilesDigest, requireDir, stemOf } from './label-files.js';

export const DEFAULT_IGNORE_VALUE = 255;

export async function loadMaskLabels(
  kind: 'binary' | 'per-class',
  annotations: string,
  imagesDir: string,
  classes: string | undefined,
  ignore: number | undefined,
): Promise<Omit<LabelledSet, 'counts'>> {
  const dir = await requireDir(annotations, 'Mask folder', 'Give the folder of mask PNGs, one <image name>.png per image (--annotations DIR).');
  const classesFile = kind === 'per-class' ? path.resolve(classes ?? path.join(dir, 'classes.txt')) : null;
  const names = classesFile ? await readClassNames(classesFile) : ['background', 'foreground'];
  const ignoreValue = kind === 'per-class' ? (ignore ?? DEFAULT_IGNORE_VALUE) : null;
  if (ignoreValue !== null && ignoreValue < names.length) {
    throw new LabError('usage', `The ignore value ${ignoreValue} is class ${ignoreValue} ("${names[ignoreValue]}") of ${classesFile}.`, 'State an ignore value above the last class index (255 is the usual one).');
  }
  const images = await imagesByStem(imagesDir, dir);
  const masks = new Map<string, string>();
  for (const f of await filesUnder(dir, isImageFile)) {
    if (path.extname(f).toLowerCase() !== '.png') {
      throw labelError(f, null, 'is not a PNG; masks are read from PNG files only', 'Save the mask as a PNG: a lossy format such as JPEG changes class values at edges.');
    }
    const stem = stemOf(dir, f);
    if (!images.has(stem)) throw labelError(f, null, `has no image: no ${stem}.* in ${path.resolve(imagesDir)}`, 'Put the image in the images folder, or remove the mask: every mask belongs to the image of its name.');
    masks.set(stem, f);
  }
  const stems = [...images.keys()].sort();
  const files = stems.map((s) => images.get(s)!);
  const sizes = await imageSizes(files);
  const out: LabelledImage[] = [];
  for (const [i, stem] of stems.entries()) {
    const maskFile = masks.get(stem);
    const file = files[i]!;
    const size = sizes[i]!;
    if (!maskFile) throw new LabError('input', `Image ${file} has no mask: ${path.join(dir, `${stem}.png`)} does not exist.`, 'Give every image its mask; an image with nothing in it needs an all-zero mask, since a missing mask could equally be a lost one.');
    const meta = await (await loadSharp())(maskFile).metadata().catch(() => null);
    if (meta && (meta.width !== size.width || meta.height !== size.height)) {
      throw labelError(maskFile, null, `is ${meta.width}×${meta.height} but its image ${file} is ${size.width}×${size.height}`, 'Save the mask at the image\'s size; masks are compared pixel by pixel and are never resized.');
    }
    const mask = { file: maskFile, kind };
    await readMaskPixels(mask, names.length, ignoreValue);
    out.push({ id: i + 1, file, width: size.width, height: size.height, labelFile: maskFile, boxes: [], masks: [mask], texts: [] });
  }
  const labelFiles = [...masks.values(), ...(classesFile ? [classesFile] : [])];
  return {
    format: kind === 'binary' ? 'binary-masks' : 'class-masks',
    name: path.basename(dir),
    source: { annotations: dir, images: path.resolve(imagesDir), classes: classesFile },
    sha256: await labelFilesDigest(dir, labelFiles),
    labelFiles: labelFiles.length,
    categories: names.map((name, id) => ({ id, name })),
    ignoreValue,
    images: out,
  };
}
