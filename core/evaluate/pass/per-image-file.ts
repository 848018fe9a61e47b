/**
 * The side file of an accuracy pass: its per-image results (for detection, the COCO matches each
 * resample re-accumulates; for masks and text, each image's counts), kept in the run's folder and
 * named in the record by its SHA-256, so two runs are compared image by image without scoring
 * either again. Typed arrays are stored as base64 of their bytes (little-endian, as every host
 * edgelab runs on), which keeps a COCO-scale file a fraction of its JSON-number size.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import type { PrCurve, StoredPicture } from '../../api/accuracy-images.js';
import type { CocoImageMatches } from '../drop/coco-image-matches.js';
import type { TextImageCounts } from '../drop/count-metrics.js';
import type { MaskImageCounts } from '../masks/mask-counts.js';

export const PER_IMAGE_FILE = 'per-image.json';
const FORMAT = 'edgelab-accuracy-per-image/1';

export interface PerImageResults {
  task: 'detections' | 'mask' | 'text';
  /** The labelled set's name and SHA-256 (of its label files). */
  set: { name: string; sha256: string };
  /** The images in the order every index below refers to: id and file name relative to the images folder. */
  images: Array<{ id: number; file: string }>;
  coco?: CocoImageMatches;
  masks?: MaskImageCounts[];
  text?: TextImageCounts[];
  /** What pictures of each image show (pictures.ts), in the order of `images`; absent in files of older passes. */
  pictures?: StoredPicture[];
  /** Detection passes: per-class PR curves. */
  curves?: PrCurve[];
}

const TYPED = { Int32Array, Uint8Array, Float64Array } as const;
type TypedName = keyof typeof TYPED;

function replacer(_key: string, value: unknown): unknown {
  for (const name of Object.keys(TYPED) as TypedName[]) {
    if (value instanceof TYPED[name]) {
      const v = value as Int32Array | Uint8Array | Float64Array;
      return { $typed: name, base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('$typed' in value)) return value;
  const { $typed, base64 } = value as { $typed: TypedName; base64: string };
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const Ctor = TYPED[$typed];
  return new Ctor(copy.buffer, 0, copy.byteLength / Ctor.BYTES_PER_ELEMENT);
}

/** Writes the file into a fresh temporary folder (the lab moves it into the run's folder); its path and SHA-256. */
export async function writePerImageFile(results: PerImageResults): Promise<{ path: string; sha256: string; bytes: number }> {
  const text = JSON.stringify({ format: FORMAT, ...results }, replacer);
  const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-accuracy-'));
  const file = path.join(dir, PER_IMAGE_FILE);
  await writeFile(file, text);
  return { path: file, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
}

/** Reads a run's side file, refusing one whose SHA-256 is not the one its record names. */
export async function readPerImageFile(file: string, sha256: string, runId: string): Promise<PerImageResults> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new LabError('input', `Run ${runId}: its per-image results ${file} cannot be read (${(e as Error).message}).`, 'The reference must be an accuracy pass recorded in this workspace with its folder intact.');
  }
  const actual = createHash('sha256').update(text).digest('hex');
  if (actual !== sha256) {
    throw new LabError('input', `Run ${runId}: its per-image results ${file} have SHA-256 ${actual}, not ${sha256} as its record names; the file was changed after the run.`, 'Run the reference accuracy pass again; a changed file is not evidence.');
  }
  const json = JSON.parse(text, reviver) as { format?: string } & PerImageResults;
  if (json.format !== FORMAT) throw new LabError('input', `Run ${runId}: ${file} is not an edgelab per-image results file (format ${String(json.format)}).`);
  return json;
}
