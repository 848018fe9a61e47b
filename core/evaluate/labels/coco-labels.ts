/**
 * COCO instances JSON with its image folder: the JSON is read by the COCOeval port's own reader
 * (one parser for both paths), then each image is found in the folder by `file_name` and each box
 * checked against the image's real size.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import { SegmentationSchema, type LabelledImage, type LabelledSet } from '../../api/labelled-set.js';
import { readRegularFile } from '../../files/regular-file.js';
import { isRecord, readGroundTruth } from '../coco/dataset.js';
import { checkBoxInImage, imageSizes, labelError, requireDir, sha256Hex } from './label-files.js';

const cocoHint = 'Check the file against the COCO format (cocodataset.org/#format-data).';

export async function loadCocoLabels(annotations: string, imagesDir: string): Promise<Omit<LabelledSet, 'counts'>> {
  const file = path.resolve(annotations);
  const bytes = await readRegularFile(file, { what: 'COCO annotations file' });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new LabError('input', `${file} is not JSON: ${(e as Error).message}`, 'Give a COCO instances file (instances_*.json).', { cause: e });
  }
  const gt = readGroundTruth(json, file);
  const rawImages = (json as { images: unknown[] }).images;
  const dir = await requireDir(imagesDir, 'Images folder', 'Give the folder the JSON\'s file_name entries are relative to (--images DIR).');

  const files = gt.images.map((image, i) => {
    const raw = rawImages[i];
    const name = isRecord(raw) ? raw.file_name : undefined;
    if (typeof name !== 'string' || name === '') throw labelError(file, null, `images[${i}].file_name is ${JSON.stringify(name) ?? 'missing'}; each image needs the name of its file`, cocoHint);
    return path.resolve(dir, name);
  });
  const missing = await firstMissing(files);
  if (missing !== null) {
    const i = files.indexOf(missing);
    throw labelError(file, null, `images[${i}] (id ${gt.images[i]?.id}) names ${missing}, which does not exist`, `Put the image in ${dir}, or give the folder the file_name entries are relative to with --images.`);
  }
  const sizes = await imageSizes(files);

  const byId = new Map<number, LabelledImage>();
  const images = gt.images.map((image, i): LabelledImage => {
    const size = sizes[i]!;
    const imageFile = files[i]!;
    if ((image.width !== null && image.width !== size.width) || (image.height !== null && image.height !== size.height)) {
      const turned = size.stored && image.width === size.stored.width && image.height === size.stored.height;
      const why = turned ? ' (its EXIF orientation turns it a quarter; the JSON states the size before turning)' : '';
      const hint = turned
        ? 'edgelab turns images by their EXIF orientation, as viewers and most training loaders do: label the turned image, or save the image without the orientation tag and its pixels as labelled.'
        : 'The boxes are in the stated size: fix width and height in the JSON, or give the images the labels were drawn on.';
      throw labelError(file, null, `images[${i}] states ${image.width}×${image.height} but ${imageFile} is ${size.width}×${size.height}${why}`, hint);
    }
    const out: LabelledImage = { id: image.id, file: imageFile, width: size.width, height: size.height, labelFile: file, boxes: [], masks: [], texts: [] };
    byId.set(image.id, out);
    return out;
  });
  for (const a of gt.annotations) {
    const image = byId.get(a.imageId)!;
    checkBoxInImage(file, null, `${a.where}.bbox`, a.bbox, image, image.file);
    let segmentation;
    if (a.segmentation !== undefined) {
      const parsed = SegmentationSchema.safeParse(a.segmentation);
      if (!parsed.success) throw labelError(file, null, `${a.where}.segmentation is neither polygons [[x0, y0, …]] nor RLE {size, counts}`, cocoHint);
      segmentation = parsed.data;
      if (!Array.isArray(segmentation) && (segmentation.size[0] !== image.height || segmentation.size[1] !== image.width)) {
        throw labelError(file, null, `${a.where}.segmentation is an RLE of size [${segmentation.size.join(', ')}] but its image is [${image.height}, ${image.width}] (height, width)`, 'An RLE mask covers its whole image: encode it at the image\'s size.');
      }
    }
    const [x = 0, y = 0, w = 0, h = 0] = a.bbox;
    image.boxes.push({ categoryId: a.categoryId, bbox: [x, y, w, h], iscrowd: a.iscrowd, area: a.area, ...(segmentation ? { segmentation } : {}) });
  }
  return {
    format: 'coco',
    name: path.basename(file),
    source: { annotations: file, images: dir, classes: null },
    sha256: sha256Hex(bytes),
    labelFiles: 1,
    categories: gt.categories.map((c) => ({ id: c.id, name: c.name })),
    ignoreValue: null,
    images,
  };
}

async function firstMissing(files: readonly string[]): Promise<string | null> {
  for (const f of files) {
    try {
      await access(f);
    } catch {
      return f;
    }
  }
  return null;
}
