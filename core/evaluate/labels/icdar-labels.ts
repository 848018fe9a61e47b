/**
 * ICDAR 2015 text localisation ground truth: one `gt_<image stem>.txt` per image, each line
 * `x1,y1,x2,y2,x3,y3,x4,y4,transcription`; the transcription `###` marks text nobody could read,
 * which the protocol treats as don't-care. As rrc_evaluation_funcs reads it, the transcription is
 * everything after the eighth comma (commas included), and one wrapped in double quotes is unquoted.
 * An image without a gt file has no text.
 */
import path from 'node:path';
import type { LabelledImage, LabelledSet, LabelledText } from '../../api/labelled-set.js';
import { isSelfIntersecting, type Point } from '../text/polygon-geometry.js';
import { checkPolygonMeetsImage, filesUnder, imagesByStem, imageSizes, labelError, labelFilesDigest, numberedLines, parseNumber, readLabelText, requireDir, stemOf, type ImageSize } from './label-files.js';

const lineHint = 'An ICDAR 2015 line is x1,y1,x2,y2,x3,y3,x4,y4,transcription (### for unreadable text).';
export const DONT_CARE = '###';

/** `gt_img_12` → `img_12`: the image a gt file belongs to. */
function imageStemOf(labelStem: string): string {
  const base = path.posix.basename(labelStem);
  const dir = path.posix.dirname(labelStem);
  const stem = base.startsWith('gt_') ? base.slice(3) : base;
  return dir === '.' ? stem : `${dir}/${stem}`;
}

export async function loadIcdarLabels(annotations: string, imagesDir: string): Promise<Omit<LabelledSet, 'counts'>> {
  const dir = await requireDir(annotations, 'ICDAR ground-truth folder', 'Give the folder of gt_img_N.txt files (--annotations DIR).');
  const images = await imagesByStem(imagesDir, dir);
  const labelByStem = new Map<string, string>();
  for (const f of await filesUnder(dir, (n) => n.toLowerCase().endsWith('.txt'))) {
    const stem = imageStemOf(stemOf(dir, f));
    if (!images.has(stem)) throw labelError(f, null, `has no image: no ${stem}.* in ${path.resolve(imagesDir)}`, 'Put the image in the images folder, or remove the gt file: every gt_<name>.txt belongs to an image <name>.');
    labelByStem.set(stem, f);
  }
  const stems = [...images.keys()].sort();
  const files = stems.map((s) => images.get(s)!);
  const sizes = await imageSizes(files);
  const out: LabelledImage[] = [];
  for (const [i, stem] of stems.entries()) {
    const labelFile = labelByStem.get(stem) ?? null;
    const size = sizes[i]!;
    const texts = labelFile ? parseIcdarFile(labelFile, await readLabelText(labelFile, 'ICDAR gt file'), size, files[i]!) : [];
    out.push({ id: i + 1, file: files[i]!, width: size.width, height: size.height, labelFile, boxes: [], masks: [], texts });
  }
  const labelFiles = [...labelByStem.values()];
  return {
    format: 'icdar2015',
    name: path.basename(dir),
    source: { annotations: dir, images: path.resolve(imagesDir), classes: null },
    sha256: await labelFilesDigest(dir, labelFiles),
    labelFiles: labelFiles.length,
    categories: [{ id: 1, name: 'text' }],
    ignoreValue: null,
    images: out,
  };
}

export function parseIcdarFile(file: string, text: string, size: ImageSize, imageFile: string): LabelledText[] {
  return numberedLines(text).map(({ line, text: l }) => {
    const fields = l.split(',');
    if (fields.length < 9) throw labelError(file, line, `has ${fields.length} comma-separated fields, fewer than the 8 coordinates and a transcription`, lineHint);
    const coords = fields.slice(0, 8).map((f, k) => parseNumber(file, line, `${k % 2 === 0 ? 'x' : 'y'}${Math.floor(k / 2) + 1}`, f, lineHint));
    const points: [number, number][] = [0, 1, 2, 3].map((k) => [coords[2 * k]!, coords[2 * k + 1]!]);
    if (isSelfIntersecting(points as Point[])) {
      throw labelError(file, line, 'the quadrilateral crosses itself (its points are not in order around the text)', 'List the four corners in order around the box (ICDAR 2015 lists them clockwise from the top-left).');
    }
    checkPolygonMeetsImage(file, line, points, size, imageFile);
    let transcription = fields.slice(8).join(',');
    if (transcription.length >= 2 && transcription.startsWith('"') && transcription.endsWith('"')) {
      transcription = transcription.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
    }
    return { points, text: transcription, dontCare: transcription === DONT_CARE };
  });
}
