/**
 * YOLO txt labels as ultralytics reads them: one `stem.txt` per image, each line `class cx cy w h`
 * normalised to the image's size, or, as YOLO-seg writes it, `class x1 y1 x2 y2 … xn yn` (a polygon,
 * normalised; its box is the polygon's bounds). An image without a label file has no objects.
 */
import path from 'node:path';
import type { LabelledBox, LabelledImage, LabelledSet } from '../../api/labelled-set.js';
import { readClassNames } from './class-names.js';
import { checkBoxInImage, filesUnder, imagesByStem, imageSizes, labelError, labelFilesDigest, numberedLines, parseNumber, readLabelText, requireDir, stemOf, type ImageSize } from './label-files.js';

const lineHint = 'A YOLO label line is `class cx cy w h` (normalised to 0–1), or `class x1 y1 … xn yn` for a YOLO-seg polygon of at least 3 points.';

export async function loadYoloLabels(annotations: string, imagesDir: string, classes: string | undefined): Promise<Omit<LabelledSet, 'counts'>> {
  const dir = await requireDir(annotations, 'YOLO labels folder', 'Give the folder of .txt label files, one per image (--annotations DIR).');
  const classesFile = path.resolve(classes ?? path.join(dir, 'classes.txt'));
  const names = await readClassNames(classesFile);
  const images = await imagesByStem(imagesDir, dir);
  const imagesRoot = path.resolve(imagesDir);
  const labelFiles = await filesUnder(dir, (n) => n.toLowerCase().endsWith('.txt'));
  const labelByStem = new Map<string, string>();
  for (const f of labelFiles) {
    // classes.txt at the labels' root names the classes (LabelImg and CVAT put it there), even when data.yaml is used.
    if (f === classesFile || f === path.join(dir, 'classes.txt')) continue;
    const stem = stemOf(dir, f);
    if (!images.has(stem)) throw labelError(f, null, `has no image: no ${stem}.* in ${imagesRoot}`, 'Put the image beside the others, or remove the label file: every label file must belong to an image.');
    labelByStem.set(stem, f);
  }
  const stems = [...images.keys()].sort();
  const files = stems.map((s) => images.get(s)!);
  const sizes = await imageSizes(files);
  const out: LabelledImage[] = [];
  for (const [i, stem] of stems.entries()) {
    const labelFile = labelByStem.get(stem) ?? null;
    const size = sizes[i]!;
    const file = files[i]!;
    const boxes = labelFile ? parseYoloFile(labelFile, await readLabelText(labelFile, 'YOLO label file'), names, size, file) : [];
    out.push({ id: i + 1, file, width: size.width, height: size.height, labelFile, boxes, masks: [], texts: [] });
  }
  const digestFiles = [...labelByStem.values(), classesFile];
  return {
    format: 'yolo',
    name: path.basename(dir),
    source: { annotations: dir, images: imagesRoot, classes: classesFile },
    sha256: await labelFilesDigest(dir, digestFiles),
    labelFiles: digestFiles.length,
    categories: names.map((name, id) => ({ id, name })),
    ignoreValue: null,
    images: out,
  };
}

export function parseYoloFile(file: string, text: string, names: readonly string[], size: ImageSize, imageFile: string): LabelledBox[] {
  return numberedLines(text).map(({ line, text: l }) => {
    const fields = l.split(/\s+/);
    const num = (k: number, field: string) => parseNumber(file, line, field, fields[k] ?? '', lineHint);
    const cls = num(0, 'the class index');
    if (!Number.isInteger(cls) || cls < 0 || cls >= names.length) {
      throw labelError(file, line, `class index ${fields[0]} is not a class of the classes file (0 to ${names.length - 1})`, 'Add the class to the classes file, or fix the index: line n of classes.txt (from 0) is class n.');
    }
    if (fields.length === 5) {
      const [cx, cy, w, h] = [num(1, 'cx'), num(2, 'cy'), num(3, 'w'), num(4, 'h')];
      const bbox: [number, number, number, number] = [(cx - w / 2) * size.width, (cy - h / 2) * size.height, w * size.width, h * size.height];
      checkBoxInImage(file, line, 'the box (x, y, w, h in pixels, from the normalised cx cy w h)', bbox, size, imageFile);
      return { categoryId: cls, bbox, iscrowd: false, area: bbox[2] * bbox[3] };
    }
    if (fields.length >= 7 && fields.length % 2 === 1) {
      const flat: number[] = [];
      for (let k = 1; k < fields.length; k += 2) flat.push(num(k, `x${(k + 1) / 2}`) * size.width, num(k + 1, `y${(k + 1) / 2}`) * size.height);
      const xs = flat.filter((_, k) => k % 2 === 0);
      const ys = flat.filter((_, k) => k % 2 === 1);
      const x0 = Math.min(...xs);
      const y0 = Math.min(...ys);
      const bbox: [number, number, number, number] = [x0, y0, Math.max(...xs) - x0, Math.max(...ys) - y0];
      checkBoxInImage(file, line, 'the polygon', bbox, size, imageFile);
      // The polygon's own area (shoelace): COCO would rasterise it, which differs by its boundary pixels.
      return { categoryId: cls, bbox, iscrowd: false, area: polygonArea(flat), segmentation: [flat] };
    }
    throw labelError(file, line, `has ${fields.length} fields`, lineHint);
  });
}

function polygonArea(flat: readonly number[]): number {
  let twice = 0;
  const n = flat.length / 2;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    twice += (flat[2 * i] as number) * (flat[2 * j + 1] as number) - (flat[2 * j] as number) * (flat[2 * i + 1] as number);
  }
  return Math.abs(twice) / 2;
}
