/**
 * An accuracy run's images for looking at, read from the side file its record names (its SHA-256
 * checked before use), and the image files themselves: only a file the run's labelled set names,
 * resolved inside the set's images folder (links followed, then held to it), never a path as given.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { loadSharp } from '../inputs/images/decode-image.js';
import {
  AccuracyImageFileRequestSchema, AccuracyImagesRequestSchema, type AccuracyImage, type AccuracyImageFile, type AccuracyImageFileRequest,
  type AccuracyImagesRequest, type AccuracyImagesView,
} from '../api/accuracy-images.js';
import { LabError } from '../api/errors.js';
import { DISPLAY_SCORE_THRESHOLD } from '../api/predictions.js';
import type { RunRecord } from '../api/run-record.js';
import { rleDecode } from '../evaluate/coco/rle.js';
import { rleFromString } from '../evaluate/coco/rle-string.js';
import type { AccuracyPassSummary } from '../evaluate/pass/pass-summary.js';
import { readPerImageFile, type PerImageResults } from '../evaluate/pass/per-image-file.js';
import { PICTURE_IOU } from '../evaluate/pass/pictures.js';
import type { Workspace } from '../evidence/index.js';
import { worstFirst, type PlannedImage } from '../present/accuracy-pictures.js';

interface PassFiles {
  record: RunRecord;
  pass: AccuracyPassSummary;
  results: PerImageResults & { pictures: NonNullable<PerImageResults['pictures']> };
}

async function passFiles(workspace: Workspace, runId: string): Promise<PassFiles> {
  const record = await workspace.getRun(runId);
  const pass = (record.extras as { accuracyPass?: AccuracyPassSummary }).accuracyPass;
  if (!pass?.perImage) {
    throw new LabError('usage', `Run ${record.id} is not an accuracy pass, so it has no images to show.`, 'Choose a run made by edgelab eval MODEL --labels … --decoder ….', { field: { path: 'runId', names: [] } });
  }
  const results = await readPerImageFile(path.join(workspace.artifactDir(record.id), path.basename(pass.perImage.name)), pass.perImage.sha256, record.id);
  if (!results.pictures) throw new LabError('input', `Run ${record.id} was recorded before accuracy passes kept their pictures.`, 'Run the accuracy pass again to see its images.');
  return { record, pass, results: results as PassFiles['results'] };
}

const OVERLAY_RGBA = { tp: [26, 152, 80], fp: [215, 48, 39], fn: [242, 142, 43] } as const;
const OVERLAY_ALPHA = 115;

/** A mask class's true, false and missed pixels as one translucent PNG over the image. */
async function overlay(m: PlannedImage['masks'][number], width: number, height: number): Promise<string> {
  const rgba = Buffer.alloc(width * height * 4);
  for (const kind of ['tp', 'fp', 'fn'] as const) {
    const columnMajor = rleDecode(rleFromString(m[kind], height, width));
    const [r, g, b] = OVERLAY_RGBA[kind];
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) {
        if (!columnMajor[x * height + y]) continue;
        const at = (y * width + x) * 4;
        rgba[at] = r;
        rgba[at + 1] = g;
        rgba[at + 2] = b;
        rgba[at + 3] = OVERLAY_ALPHA;
      }
    }
  }
  const png = await (await loadSharp())(rgba, { raw: { width, height, channels: 4 } }).png({ compressionLevel: 9, palette: true }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function classRows(pass: AccuracyPassSummary): AccuracyImagesView['classes'] {
  const m = pass.metrics;
  if (m.kind === 'coco') return m.classes.map((c) => ({ categoryId: c.categoryId, name: c.name, objects: c.objects, ap: c.ap < 0 ? null : c.ap, ap50: c.ap50 < 0 ? null : c.ap50, iou: null }));
  if (m.kind === 'masks') {
    // Mask classes are indices: the category id of class k is k (mask-pixels.ts); 0, the background, has no marks.
    return m.classes.map((c, k) => ({ categoryId: k, name: c.name, objects: null, ap: null, ap50: null, iou: c.iou })).filter((c) => c.categoryId > 0);
  }
  return [];
}

export async function accuracyImages(workspace: Workspace, request: AccuracyImagesRequest): Promise<AccuracyImagesView> {
  const r = AccuracyImagesRequestSchema.parse(request);
  const { record, pass, results } = await passFiles(workspace, r.runId);
  const ranked = worstFirst(results.pictures, results.images.map((im) => im.file), r.categoryId);
  const planned = r.files ? r.files.flatMap((f) => ranked.filter((im) => im.file === f)) : ranked;
  const page = planned.slice(r.offset, r.offset + r.limit);
  const images: AccuracyImage[] = [];
  for (const { masks, ...image } of page) {
    images.push({ ...image, overlays: await Promise.all(masks.map(async (m) => ({ categoryId: m.categoryId, counts: m.counts, dataUrl: await overlay(m, image.width, image.height) }))) });
  }
  return {
    runId: record.id,
    task: results.task,
    set: { name: pass.labels.name, images: results.images.length },
    scoreThreshold: DISPLAY_SCORE_THRESHOLD,
    iouThreshold: PICTURE_IOU,
    classes: classRows(pass),
    curves: results.curves ?? [],
    total: planned.length,
    offset: r.offset,
    images,
  };
}

const CONTENT_TYPES: Readonly<Record<string, string>> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif', heif: 'image/heif' };

/** The path of an image the run's set names, held inside the set's images folder; anything else is refused. */
export async function accuracyImagePath(workspace: Workspace, request: AccuracyImageFileRequest): Promise<{ file: string; path: string; contentType: string }> {
  const r = AccuracyImageFileRequestSchema.parse(request);
  const { record, pass, results } = await passFiles(workspace, r.runId);
  const named = results.images.find((im) => im.file === r.file);
  if (!named) {
    throw new LabError('usage', `Run ${record.id}'s labelled set ${pass.labels.name} names no image "${r.file}"; only the set's own images are served.`, 'Ask for an image by the file name the run\'s image list gives.', { field: { path: 'file', names: [] } });
  }
  let folder: string;
  let file: string;
  try {
    folder = await realpath(pass.labels.images);
    file = await realpath(path.join(pass.labels.images, named.file));
  } catch (e) {
    throw new LabError('input', `Run ${record.id}: image ${named.file} cannot be read from ${pass.labels.images} (${(e as Error).message}).`, 'The set\'s images folder must be where the pass read it.');
  }
  if (path.relative(folder, file).startsWith('..') || path.isAbsolute(path.relative(folder, file))) {
    throw new LabError('input', `Run ${record.id}: image ${named.file} leads outside the set's images folder ${pass.labels.images}; it is not served.`, 'Keep the set\'s images inside its folder (no links out of it).');
  }
  const format = (await (await loadSharp())(file).metadata().catch(() => ({ format: undefined }))).format;
  const contentType = format ? CONTENT_TYPES[format] : undefined;
  if (!contentType) throw new LabError('input', `Run ${record.id}: ${file} is not an image a browser shows (${format ?? 'unknown format'}).`, 'Convert the set\'s images to PNG or JPEG to view them.');
  return { file: named.file, path: file, contentType };
}

export async function accuracyImageFile(workspace: Workspace, request: AccuracyImageFileRequest): Promise<AccuracyImageFile> {
  const found = await accuracyImagePath(workspace, request);
  return { file: found.file, contentType: found.contentType, base64: (await readFile(found.path)).toString('base64') };
}
