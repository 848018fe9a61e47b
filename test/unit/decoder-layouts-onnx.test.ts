import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Detection } from '../../core/api/predictions.js';
import { mapClasses } from '../../core/evaluate/decoders/classes.js';
import { imageGeometry, type ImageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { decodeAndResize } from '../../core/inputs/images/decode-image.js';
import { pixelsToTensor } from '../../core/inputs/images/pixels-to-tensor.js';
import { runAndDecode, writeConstantOutputModel, type ConstantOutput } from '../helpers/constant-output-model.js';

// A 300 × 200 photo stand-in with two objects, letterboxed into a 320 × 320 input (an enlargement,
// so sharp's half-pixel shift is in play): 300 × 213 at top 53.
const ORIGINAL = { width: 300, height: 200 };
const INPUT = { width: 320, height: 320 };
const A = [60, 40, 90, 50] as const; // x, y, w, h in original pixels
const B = [200, 120, 40, 60] as const;

type Box = [number, number, number, number];
let measured: { a: Box; b: Box }; // x1, y1, x2, y2 where the objects really are in the model input
let images: Float32Array;
let geometry: ImageGeometry;
let dir: string;

/** The white mass along a row and a column through the object gives its edges in the input, from the pixels alone. */
function locate(rgb: Uint8Array, rough: Box): Box {
  const row = Math.round((rough[1] + rough[3]) / 2), col = Math.round((rough[0] + rough[2]) / 2);
  const span = (from: number, to: number, at: (i: number) => number) => {
    let mass = 0, moment = 0;
    for (let i = from; i < to; i++) (mass += at(i) / 255), (moment += (at(i) / 255) * (i + 0.5));
    return [moment / mass - mass / 2, moment / mass + mass / 2] as const;
  };
  const [x1, x2] = span(Math.floor(rough[0]) - 3, Math.ceil(rough[2]) + 3, (x) => rgb[(row * INPUT.width + x) * 3]!);
  const [y1, y2] = span(Math.floor(rough[1]) - 3, Math.ceil(rough[3]) + 3, (y) => rgb[(y * INPUT.width + col) * 3]!);
  return [x1, y1, x2, y2];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-decoders-'));
  const px = Buffer.alloc(ORIGINAL.width * ORIGINAL.height * 3);
  for (const [x, y, w, h] of [A, B]) for (let r = y; r < y + h; r++) px.fill(255, (r * ORIGINAL.width + x) * 3, (r * ORIGINAL.width + x + w) * 3);
  const png = await sharp(px, { raw: { ...ORIGINAL, channels: 3 } }).png().toBuffer();
  const { pixels } = await decodeAndResize(png, 'objects.png', INPUT.height, INPUT.width, { resize: 'letterbox', padValue: 0 });
  // Rough places (scale 1.067, top 53) only choose the row and column to measure along.
  const rough = (r: readonly number[]): Box => [r[0]! * 1.067, r[1]! * 1.067 + 53, (r[0]! + r[2]!) * 1.067, (r[1]! + r[3]!) * 1.067 + 53];
  measured = { a: locate(pixels, rough(A)), b: locate(pixels, rough(B)) };
  images = pixelsToTensor(pixels, INPUT.height, INPUT.width, { channelOrder: 'rgb', layout: 'nchw', scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1], dtype: 'float32' }) as Float32Array;
  geometry = imageGeometry(ORIGINAL, INPUT, 'letterbox');
});

const names = ['person', 'bicycle', 'car'];

/** The decoded boxes are the drawn rectangles, in original pixels, to within a quarter pixel (sharp's half-pixel shift would be 0.47). */
function expectBox(d: Detection | undefined, drawn: readonly number[], className: string, score: number): void {
  expect(d?.className).toBe(className);
  expect(d?.score).toBeCloseTo(score, 5);
  d!.bbox.forEach((v, i) => expect(Math.abs(v - drawn[i]!), `bbox ${d!.bbox.join(', ')} vs drawn ${drawn.join(', ')}`).toBeLessThan(0.25));
}

async function decode(file: string, outputs: ConstantOutput[], spec: Parameters<typeof runAndDecode>[3]) {
  const model = path.join(dir, file);
  await writeConstantOutputModel(model, INPUT, outputs);
  const p = await runAndDecode(model, images, INPUT, { classes: { file: null, names }, ...spec }, geometry);
  if (p.kind !== 'detections') throw new Error(`expected detections, got ${p.kind}`);
  return p.detections;
}

const centre = ([x1, y1, x2, y2]: Box) => [(x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1];
const nudged = (b: Box): Box => [b[0] + 1.5, b[1] + 1, b[2] + 1.5, b[3] + 1];

describe('each detector layout, on what ONNX Runtime returns, back in original pixels after a letterbox', () => {
  it('yolo-v8 [1, 4+C, N]: class-aware NMS, multi-label candidates, the score threshold', async () => {
    const n = 40, C = 3, rows = 4 + C;
    const head = new Array<number>(rows * n).fill(0);
    const anchor = (i: number, box: Box, scores: number[]) => {
      centre(box).forEach((v, k) => (head[k * n + i] = v));
      scores.forEach((s, k) => (head[(4 + k) * n + i] = s));
    };
    anchor(0, measured.a, [0.3, 0.9, 0]); // a bicycle, and weakly a person
    anchor(7, nudged(measured.a), [0, 0.8, 0]); // the same bicycle again, lower: NMS drops it
    anchor(12, measured.b, [0, 0, 0.7]); // a car
    anchor(30, measured.b, [0.0009, 0, 0]); // below the 0.001 threshold
    const d = await decode('v8.onnx', [{ name: 'output0', dtype: 'float32', dims: [1, rows, n], values: head }], { name: 'yolo-v8' });
    expect(d.map((x) => [x.className, x.score.toFixed(2)])).toEqual([['bicycle', '0.90'], ['car', '0.70'], ['person', '0.30']]);
    expectBox(d[0], A, 'bicycle', 0.9);
    expectBox(d[1], B, 'car', 0.7);
    // One label per box when multi-label is off; class-agnostic NMS merges the nudged duplicate either way.
    const single = await decode('v8.onnx', [{ name: 'output0', dtype: 'float32', dims: [1, rows, n], values: head }], { name: 'yolo-v8', multiLabel: false });
    expect(single.map((x) => x.className)).toEqual(['bicycle', 'car']);
  });

  it('yolo-v5 [1, N, 5+C]: score = objectness × class score', async () => {
    const n = 30, width = 5 + 3;
    const head = new Array<number>(n * width).fill(0);
    const anchor = (i: number, box: Box, objectness: number, scores: number[]) => head.splice(i * width, width, ...centre(box), objectness, ...scores);
    anchor(3, measured.a, 0.9, [0.1, 0.05, 0.95]);
    anchor(4, nudged(measured.a), 0.8, [0, 0, 0.9]);
    anchor(20, measured.b, 0.5, [0.8, 0, 0]);
    const d = await decode('v5.onnx', [{ name: 'output', dtype: 'float32', dims: [1, n, width], values: head }], { name: 'yolo-v5', multiLabel: false });
    expect(d).toHaveLength(2);
    expectBox(d[0], A, 'car', 0.9 * 0.95);
    expectBox(d[1], B, 'person', 0.5 * 0.8);
  });

  it('nms-rows [1, N, 6], ultralytics end2end: x1, y1, x2, y2, score, class; padding rows of score 0 dropped', async () => {
    const rows = [...measured.a, 0.88, 2, ...measured.b, 0.42, 0, ...new Array(6 * 8).fill(0)];
    const d = await decode('e2e6.onnx', [{ name: 'output0', dtype: 'float32', dims: [1, 10, 6], values: rows }], { name: 'nms-rows' });
    expect(d).toHaveLength(2);
    expectBox(d[0], A, 'car', 0.88);
    expectBox(d[1], B, 'person', 0.42);
  });

  it('nms-rows [N, 7], YOLOv7 end2end for ONNX Runtime: batch, x1, y1, x2, y2, class, score', async () => {
    const rows = [0, ...measured.b, 1, 0.61, 0, ...measured.a, 0, 0.77];
    const d = await decode('e2e7.onnx', [{ name: 'output', dtype: 'float32', dims: [2, 7], values: rows }], { name: 'nms-rows' });
    expectBox(d[0], A, 'person', 0.77);
    expectBox(d[1], B, 'bicycle', 0.61);
    // The same rows read with the columns stated the other way round are refused: 0.61 is no class index.
    await expect(decode('e2e7.onnx', [{ name: 'output', dtype: 'float32', dims: [2, 7], values: rows }], { name: 'nms-rows', columns: ['batch', 'x1', 'y1', 'x2', 'y2', 'score', 'class'] })).rejects.toThrow(
      'output row 0, column 6 holds 0.6100000143051147 where a class index belongs.',
    );
  });

  it('efficient-nms: num_dets, boxes, scores, classes told apart by dtype whatever their names', async () => {
    const k = 5;
    const boxes = [...measured.a, ...measured.b, ...new Array(4 * (k - 2)).fill(7)];
    const d = await decode(
      'trt-nms.onnx',
      [
        { name: 'det_scores', dtype: 'float32', dims: [1, k], values: [0.93, 0.51, 0.5, 0.5, 0.5] },
        { name: 'num', dtype: 'int32', dims: [1, 1], values: [2] },
        { name: 'det_boxes', dtype: 'float32', dims: [1, k, 4], values: boxes },
        { name: 'out_3', dtype: 'int32', dims: [1, k], values: [1, 2, 0, 0, 0] },
      ],
      { name: 'efficient-nms' },
    );
    expect(d).toHaveLength(2); // rows past num_dets are ignored
    expectBox(d[0], A, 'bicycle', 0.93);
    expectBox(d[1], B, 'car', 0.51);
  });

  it('torchvision: boxes, int64 labels indexing its 91-entry COCO list, scores; categories mapped by name', async () => {
    const tvNames = ['__background__', 'person', 'bicycle', 'car', 'motorcycle'];
    const model = path.join(dir, 'tv.onnx');
    await writeConstantOutputModel(model, INPUT, [
      { name: 'boxes', dtype: 'float32', dims: [2, 4], values: [...measured.a, ...measured.b] },
      { name: 'labels', dtype: 'int64', dims: [2], values: [3, 1] },
      { name: 'scores', dtype: 'float32', dims: [2], values: [0.99, 0.35] },
    ]);
    const categories = [{ id: 1, name: 'person' }, { id: 2, name: 'bicycle' }, { id: 3, name: 'car' }, { id: 4, name: 'motorcycle' }];
    const classes = mapClasses({ file: 'torchvision-coco.txt', names: tvNames }, categories, 'labels.json');
    const p = await runAndDecode(model, images, INPUT, { name: 'torchvision', classes: { file: 'torchvision-coco.txt', names: tvNames } }, geometry, classes);
    if (p.kind !== 'detections') throw new Error(p.kind);
    expectBox(p.detections[0], A, 'car', 0.99);
    expect(p.detections.map((x) => [x.classIndex, x.categoryId])).toEqual([[3, 3], [1, 1]]);
    expectBox(p.detections[1], B, 'person', 0.35);
  });
});
