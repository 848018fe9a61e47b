/**
 * An accuracy run's images for looking at: a real pass (`edgelab eval MODEL --labels coco --decoder
 * nms-rows`) of a generated detector whose head is fixed, over a labelled set written here (no
 * labelled photos can be had on these machines), so which objects are found, which predictions are
 * false and which objects are missed is known by construction. The LabApi answer (over `edgelab
 * serve`, as the app calls it), `edgelab runs show --worst` and the HTML report must say the same;
 * only images the run's set names are served; a changed side file is refused.
 */
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccuracyImageFile, AccuracyImagesView, PictureBox } from '../../core/api/accuracy-images.js';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { startLabServer, type LabServer } from '../helpers/lab-server.js';
import { tempSet, writeGreyPng, writeImage, writeText } from '../helpers/label-set-files.js';

const S = 64;
const root = tempSet('accuracy-images');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const gtFile = path.join(root, 'instances.json');
const classes = writeText(path.join(root, 'classes.txt'), 'cat\ndog\n');
const CAT = 1;
const DOG = 3;
/** x1, y1, x2, y2, score, class: the same on every image. The 0.1 one is below the pictures' 0.25 and never shown. */
const ROWS = [[10, 10, 30, 30, 0.9, 0], [40, 40, 60, 60, 0.8, 1], [5, 40, 20, 55, 0.1, 0], [30, 5, 50, 20, 0.6, 1]];
/** Each image's objects [x, y, w, h, category id], and what the head does to them. */
const OBJECTS: number[][][] = [
  // a.png: cat and dog found; the dog at (30, 5) is false. F1 4/5.
  [[10, 10, 20, 20, CAT], [40, 40, 20, 20, DOG]],
  // b.png: all three found, nothing false. F1 1.
  [[10, 10, 20, 20, CAT], [30, 5, 20, 15, DOG], [40, 40, 20, 20, DOG]],
  // c.png: both objects missed, all three shown predictions false. F1 0, the worst.
  [[0, 50, 12, 12, CAT], [2, 2, 10, 10, DOG]],
  // d.png: nothing to find, three false. F1 0, fewer marks wrong than c.png.
  [],
];
const FILES = ['a.png', 'b.png', 'c.png', 'd.png'];

let server: LabServer;
let run: RecordWithPass;
type RecordWithPass = RunRecord & { extras: { accuracyPass: { perImage: { name: string } } } };

const statuses = (boxes: readonly PictureBox[], side: 'truth' | 'predicted') => boxes.filter((b) => (side === 'truth') === (b.score === undefined)).map((b) => `${b.categoryId}:${b.status}`).sort();

beforeAll(async () => {
  for (const f of FILES) await writeImage(path.join(images, f), S, S);
  // In the folder, but not in the set: never served.
  await writeImage(path.join(images, 'stray.png'), S, S);
  let id = 1;
  const annotations = OBJECTS.flatMap((objs, i) => objs.map(([x, y, w, h, c]) => ({ id: id++, image_id: i + 1, category_id: c, bbox: [x, y, w, h], area: w! * h!, iscrowd: 0 })));
  writeFileSync(gtFile, JSON.stringify({ images: FILES.map((f, i) => ({ id: i + 1, file_name: f, width: S, height: S })), annotations, categories: [{ id: CAT, name: 'cat' }, { id: DOG, name: 'dog' }] }));
  const model = path.join(root, 'detector.onnx');
  await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, ROWS.length, 6], values: ROWS.flat() }]);
  const r = await runCli(['eval', model, '--labels', 'coco', '--annotations', gtFile, '--images', images, '--classes', classes, '--decoder', 'nms-rows', '--json', '--workspace', ws]);
  expect(r.stderr).toBe('');
  run = JSON.parse(r.stdout) as RecordWithPass;
  server = await startLabServer(ws);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('accuracyImages: an accuracy run\'s images, worst first, marked as constructed', () => {
  it('marks found, false and missed at IoU 0.5 with the predictions scored 0.25 or more, worst image first', async () => {
    const answer = await server.call<AccuracyImagesView>('accuracyImages', { request: { runId: run.id } });
    expect(answer.status).toBe(200);
    const view = answer.value as AccuracyImagesView;
    expect(view).toMatchObject({ task: 'detections', scoreThreshold: 0.25, iouThreshold: 0.5, total: 4, offset: 0 });
    expect(view.images.map((im) => im.file)).toEqual(['c.png', 'd.png', 'a.png', 'b.png']);
    const [c, d, a, b] = view.images;
    expect(c?.counts).toEqual({ tp: 0, fp: 3, missed: 2 });
    expect(statuses(c!.boxes, 'truth')).toEqual([`${CAT}:missed`, `${DOG}:missed`]);
    expect(statuses(c!.boxes, 'predicted')).toEqual([`${CAT}:fp`, `${DOG}:fp`, `${DOG}:fp`]);
    expect(d?.counts).toEqual({ tp: 0, fp: 3, missed: 0 });
    expect(a?.counts).toEqual({ tp: 2, fp: 1, missed: 0 });
    expect(a?.score).toBeCloseTo(4 / 5, 12);
    expect(statuses(a!.boxes, 'predicted')).toEqual([`${CAT}:tp`, `${DOG}:fp`, `${DOG}:tp`]);
    expect(b).toMatchObject({ score: 1, counts: { tp: 3, fp: 0, missed: 0 } });
    // Boxes in the original image's pixels, as the head wrote them (x1, y1, x2, y2 → x, y, w, h).
    expect(c!.boxes.filter((x) => x.score !== undefined).map((x) => x.bbox).sort()).toEqual([[10, 10, 20, 20], [30, 5, 20, 15], [40, 40, 20, 20]].sort());
    // The 0.1 prediction is below the display threshold on every image.
    expect(view.images.every((im) => im.boxes.every((x) => x.score === undefined || x.score >= 0.25))).toBe(true);
    // Per-class AP as the record has it, and PR curves of 101 points.
    const pass = (run.extras.accuracyPass as unknown as { metrics: { classes: Array<{ categoryId: number; ap: number }> } }).metrics;
    expect(view.classes.map((k) => [k.categoryId, k.ap])).toEqual(pass.classes.map((k) => [k.categoryId, k.ap]));
    expect(view.curves.map((k) => [k.name, k.iou50?.length, k.iou50to95?.length])).toEqual([['cat', 101, 101], ['dog', 101, 101]]);
  });

  it('filters by class, counting only that class\'s marks, and pages', async () => {
    const dogs = (await server.call<AccuracyImagesView>('accuracyImages', { request: { runId: run.id, categoryId: DOG } })).value as AccuracyImagesView;
    expect(dogs.images.map((im) => [im.file, im.counts])).toEqual([
      ['c.png', { tp: 0, fp: 2, missed: 1 }], ['d.png', { tp: 0, fp: 2, missed: 0 }], ['a.png', { tp: 1, fp: 1, missed: 0 }], ['b.png', { tp: 2, fp: 0, missed: 0 }],
    ]);
    expect(dogs.images.every((im) => im.boxes.every((x) => x.categoryId === DOG))).toBe(true);
    const page = (await server.call<AccuracyImagesView>('accuracyImages', { request: { runId: run.id, offset: 2, limit: 1 } })).value as AccuracyImagesView;
    expect(page).toMatchObject({ total: 4, offset: 2 });
    expect(page.images.map((im) => im.file)).toEqual(['a.png']);
  });

  it('edgelab runs show --worst lists the worst images with their counts, and --class names a class', async () => {
    const r = await runCli(['runs', 'show', run.id, '--worst', '2', '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Worst 2 of 4 images of run ${run.id} (instances.json), by F1 at IoU 0.5, predictions scored 0.25 or more:`);
    expect(r.stdout).toMatch(/c\.png +0\.0 % +0 +3 +2 +1 cat, 1 dog\n/);
    expect(r.stdout).toMatch(/d\.png +0\.0 % +0 +3 +0 *\n/);
    const dog = await runCli(['runs', 'show', run.id, '--worst', '1', '--class', 'dog', '--workspace', ws]);
    expect(dog.stdout).toMatch(/c\.png +0\.0 % +0 +2 +1 +1 dog\n/);
    const bad = await runCli(['runs', 'show', run.id, '--worst', '1', '--class', 'horse', '--workspace', ws]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('has no class "horse"');
    expect(bad.stderr).toContain('cat, dog');
    const many = await runCli(['runs', 'show', run.id, '--worst', '101', '--workspace', ws]);
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('--worst 101: expected a whole number from 1 to 100');
  });
});

describe('accuracyImage: only the images the run\'s set names', () => {
  it('gives a set image\'s bytes with its content type, through LabApi and as a GET stream', async () => {
    const answer = await server.call<AccuracyImageFile>('accuracyImage', { request: { runId: run.id, file: 'c.png' } });
    expect(answer.status).toBe(200);
    expect(answer.value?.contentType).toBe('image/png');
    expect(Buffer.from(answer.value!.base64, 'base64').equals(readFileSync(path.join(images, 'c.png')))).toBe(true);
    const streamed = await server.get(`/api/accuracy-image?run=${run.id}&file=c.png`);
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await streamed.arrayBuffer()).equals(readFileSync(path.join(images, 'c.png')))).toBe(true);
    expect((await sharp(Buffer.from(answer.value!.base64, 'base64')).metadata()).width).toBe(S);
  });

  it('refuses a path the set does not name: another file of the folder, a way out of it, an absolute path', async () => {
    for (const file of ['stray.png', '../instances.json', gtFile, `../${path.basename(images)}/a.png`]) {
      const answer = await server.call('accuracyImage', { request: { runId: run.id, file } });
      expect(answer.status, file).toBe(400);
      expect(answer.error?.message).toContain(`names no image "${file}"; only the set's own images are served`);
      const streamed = await server.get(`/api/accuracy-image?run=${run.id}&file=${encodeURIComponent(file)}`);
      expect(streamed.status, file).toBe(400);
      expect(await streamed.text()).not.toContain('"images"');
    }
  });
});

describe('the HTML report of an accuracy run embeds its worst images', () => {
  it('as downscaled data URLs with their marks, the alt text naming the counts', async () => {
    const r = await runCli(['report', run.id, '--format', 'html', '--workspace', ws]);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toContain('Worst images');
    const embedded = [...html.matchAll(/<img [^>]*src="data:image\/(?:png|jpeg);base64,[^"]+"[^>]*alt="([^"]+)"/g)].map((m) => m[1]);
    expect(embedded).toEqual(['c.png: 0 found, 3 false, 2 missed', 'd.png: 0 found, 3 false, 0 missed', 'a.png: 2 found, 1 false, 0 missed']);
    // Two missed objects (orange) and three false predictions (red) drawn over the worst image.
    const worst = html.slice(html.indexOf('c.png: 0 found'), html.indexOf('d.png: 0 found'));
    expect(worst.match(/data-status="missed"/g)?.length).toBe(2);
    expect(worst.match(/data-status="fp"/g)?.length).toBe(3);
    // The caption names the measure the images are ranked by: F1, 0 for an image with nothing found.
    expect(html).toContain('<figcaption>c.png: F1 0.000; 0 found, 3 false, 2 missed</figcaption>');
  });
});

describe('a mask pass: each class\'s pixels right, false and missed', () => {
  it('ranks by IoU and draws overlays whose green, red and orange pixels are the counts constructed', async () => {
    // The model says foreground inside [16, 48)²; m0's truth is that square, m1's the square [0, 20)², m2 has none.
    const inside = (i: number, x0: number, x1: number) => i % S >= x0 && i % S < x1 && Math.floor(i / S) >= x0 && Math.floor(i / S) < x1;
    const map = Array.from({ length: S * S }, (_, i) => (inside(i, 16, 48) ? 1 : 0));
    const model = path.join(root, 'saliency.onnx');
    await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'mask', dtype: 'float32', dims: [1, 1, S, S], values: map }]);
    const truths = [[16, 48], [0, 20], [0, 0]].map(([x0, x1]) => Array.from({ length: S * S }, (_, i) => (inside(i, x0!, x1!) ? 255 : 0)));
    for (const [n, truth] of truths.entries()) {
      await writeImage(path.join(root, 'mask-images', `m${n}.png`), S, S);
      await writeGreyPng(path.join(root, 'masks', `m${n}.png`), S, S, truth);
    }
    const r = await runCli(['eval', model, '--labels', 'binary-masks', '--annotations', path.join(root, 'masks'), '--images', path.join(root, 'mask-images'), '--decoder', 'saliency', '--json', '--workspace', ws]);
    expect(r.stderr).toBe('');
    const record = JSON.parse(r.stdout) as RunRecord;
    const view = (await server.call<AccuracyImagesView>('accuracyImages', { request: { runId: record.id } })).value as AccuracyImagesView;
    expect(view.task).toBe('mask');
    expect(view.images.map((im) => [im.file, im.counts])).toEqual([
      ['m2.png', { tp: 0, fp: 1024, missed: 0 }], ['m1.png', { tp: 16, fp: 1008, missed: 384 }], ['m0.png', { tp: 1024, fp: 0, missed: 0 }],
    ]);
    expect(view.images.map((im) => im.score)).toEqual([0, 16 / (16 + 1008 + 384), 1]);
    const overlay = view.images[1]!.overlays[0]!;
    const { data, info } = await sharp(Buffer.from(overlay.dataUrl.slice(overlay.dataUrl.indexOf(',') + 1), 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([S, S]);
    const colours = { green: 0, red: 0, orange: 0 };
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue;
      const rgb = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      if (rgb === '26,152,80') colours.green++;
      else if (rgb === '215,48,39') colours.red++;
      else if (rgb === '242,142,43') colours.orange++;
    }
    expect(colours).toEqual({ green: 16, red: 1008, orange: 384 });
  });
});

describe('a text pass: regions found, missed and on ### text', () => {
  it('marks each polygon as the ICDAR 2015 matching paired it', async () => {
    // A DBNet map of two bars (as eval-accuracy-pass.test.ts): the first on a word, the second on ### text; a second word is missed.
    const map = Array.from({ length: S * S }, (_, i) => {
      const x = i % S, y = Math.floor(i / S);
      return x >= 8 && x < 40 && ((y >= 8 && y < 20) || (y >= 40 && y < 52)) ? 0.9 : 0.05;
    });
    const model = path.join(root, 'dbnet.onnx');
    await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'sigmoid_0.tmp_0', dtype: 'float32', dims: [1, 1, S, S], values: map }]);
    await writeImage(path.join(root, 'text-images', 'img_1.png'), S, S);
    const gt = writeText(path.join(root, 'text-gt', 'gt_img_1.txt'), '2,2,46,2,46,26,2,26,found\n50,2,62,2,62,14,50,14,missed\n2,34,46,34,46,58,2,58,###\n');
    const r = await runCli(['eval', model, '--labels', 'icdar2015', '--annotations', path.dirname(gt), '--images', path.join(root, 'text-images'), '--decoder', 'dbnet', '--json', '--workspace', ws]);
    expect(r.stderr).toBe('');
    const record = JSON.parse(r.stdout) as RunRecord;
    const view = (await server.call<AccuracyImagesView>('accuracyImages', { request: { runId: record.id } })).value as AccuracyImagesView;
    expect(view.task).toBe('text');
    const [image] = view.images;
    expect(image?.counts).toEqual({ tp: 1, fp: 0, missed: 1 });
    expect(image?.score).toBeCloseTo(2 / 3, 12);
    expect(image?.polygons.filter((p) => p.score === undefined).map((p) => p.status)).toEqual(['tp', 'missed', 'ignored']);
    expect(image?.polygons.filter((p) => p.score !== undefined).map((p) => p.status).sort()).toEqual(['ignored', 'tp']);
  });
});

describe('a changed side file is refused', () => {
  it('names the SHA-256 its record gives', async () => {
    const side = path.join(ws, 'runs', run.id, run.extras.accuracyPass.perImage.name);
    const kept = path.join(root, 'kept.json');
    copyFileSync(side, kept);
    appendFileSync(side, ' ');
    try {
      const answer = await server.call('accuracyImages', { request: { runId: run.id } });
      expect(answer.status).toBe(422);
      expect(answer.error?.message).toContain('the file was changed after the run');
    } finally {
      copyFileSync(kept, side);
    }
  });
});
