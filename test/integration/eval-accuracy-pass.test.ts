/**
 * `edgelab eval MODEL --labels … --decoder …` through the real edgelab process: small generated
 * models whose outputs are known (a fixed detection head, a fixed saliency map) run by ONNX Runtime
 * on labelled sets the test writes (no labelled photos can be had here). The figures must agree with
 * an independent computation from the same files: for detection, the same predictions written as a
 * COCO results file and scored by `edgelab eval --annotations --predictions`; for masks, IoU counted
 * here pixel by pixel.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeGreyPng, writeImage, writeText } from '../helpers/label-set-files.js';

const S = 64;
const root = tempSet('accuracy-pass');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const gtFile = path.join(root, 'instances.json');
const classes = writeText(path.join(root, 'classes.txt'), 'cat\ndog\n');
// Category ids with a gap, as COCO's: the model's classes map to them by name.
const CATEGORIES = [{ id: 1, name: 'cat' }, { id: 3, name: 'dog' }];
/** The head's rows: x1, y1, x2, y2, score, class (ultralytics' end-to-end export). */
const ROWS = [[10, 10, 30, 30, 0.9, 0], [40, 40, 60, 60, 0.8, 1], [5, 40, 20, 55, 0.3, 0], [30, 5, 50, 20, 0.6, 1]];
/** Each image's objects [x, y, w, h, category id]: found, nearly found, missed. */
const OBJECTS: number[][][] = [
  [[10, 10, 20, 20, 1], [40, 40, 20, 20, 3]],
  [[12, 11, 20, 20, 1], [0, 0, 12, 12, 3]],
  [[40, 40, 20, 20, 3], [5, 40, 15, 15, 1]],
  [[30, 5, 20, 15, 3]],
  [[2, 50, 10, 10, 1]],
  [[10, 10, 20, 20, 1], [30, 6, 20, 14, 3], [41, 41, 19, 19, 3]],
];

function stats(record: RunRecord): Record<string, number> {
  return (record.extras.accuracyPass as { metrics: { stats: Record<string, number> } }).metrics.stats;
}

async function detector(file: string, rows: number[][]): Promise<string> {
  await writeConstantOutputModel(file, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, rows.length, 6], values: rows.flat() }]);
  return file;
}

function passArgs(model: string, extra: string[] = []): string[] {
  return ['eval', model, '--labels', 'coco', '--annotations', gtFile, '--images', images, '--classes', classes, '--decoder', 'nms-rows', '--json', '--workspace', ws, ...extra];
}

beforeAll(async () => {
  const imageList = OBJECTS.map((_, i) => ({ id: i + 1, file_name: `im${i + 1}.png`, width: S, height: S }));
  for (const im of imageList) await writeImage(path.join(images, im.file_name), S, S);
  let id = 1;
  const annotations = OBJECTS.flatMap((objs, i) => objs.map(([x, y, w, h, c]) => ({ id: id++, image_id: i + 1, category_id: c, bbox: [x, y, w, h], area: w! * h!, iscrowd: 0 })));
  writeFileSync(gtFile, JSON.stringify({ images: imageList, annotations, categories: CATEGORIES }));
});

describe('edgelab eval MODEL --labels coco --decoder nms-rows', () => {
  it('scores what an independent COCO scoring of the same predictions gives, and keeps the per-image results by hash', async () => {
    const model = await detector(path.join(root, 'reference.onnx'), ROWS);
    const r = await runCli(passArgs(model));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.state).toBe('observed');
    expect(record.samplesMs).toEqual([]);

    // The same detections on every image, as a COCO results file: category ids by name, boxes as x, y, w, h.
    const results = OBJECTS.flatMap((_, i) => ROWS.map(([x1, y1, x2, y2, score, k]) => ({ image_id: i + 1, category_id: CATEGORIES[k!]!.id, bbox: [x1, y1, x2! - x1!, y2! - y1!], score })));
    const resultsFile = path.join(root, 'results.json');
    writeFileSync(resultsFile, JSON.stringify(results));
    const independent = await runCli(['eval', '--annotations', gtFile, '--predictions', resultsFile, '--json', '--workspace', path.join(root, 'ws-independent')]);
    expect(independent.code).toBe(0);
    const expected = JSON.parse(independent.stdout) as Record<string, number>;
    for (const name of ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl']) expect(stats(record)[name], name).toBe(expected[name]);
    expect(stats(record).AP).toBeGreaterThan(0);
    expect(stats(record).AP).toBeLessThan(1);

    const pass = record.extras.accuracyPass as { labels: { format: string; sha256: string; counts: { images: number; boxes: number } }; decoder: { name: string; scoreThreshold: number }; perImage: { name: string; sha256: string }; timed: boolean };
    expect(pass.timed).toBe(false);
    expect(pass.labels).toMatchObject({ format: 'coco', counts: { images: 6, boxes: 11 } });
    expect(pass.decoder).toMatchObject({ name: 'nms-rows', scoreThreshold: 0.001 });
    const side = readFileSync(path.join(ws, 'runs', record.id, pass.perImage.name));
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(side).digest('hex')).toBe(pass.perImage.sha256);
  });

  it('measures a variant\'s drop against the reference with its interval, and a failed drop target exits 1', async () => {
    const reference = JSON.parse((await runCli(passArgs(await detector(path.join(root, 'ref2.onnx'), ROWS)))).stdout) as RunRecord;
    // The variant's boxes moved by 4 pixels: some matches fall below the stricter IoU thresholds.
    const shifted = ROWS.map(([x1, y1, x2, y2, s, k]) => [x1! + 4, y1!, x2! + 4, y2!, s!, k!]);
    const variantModel = await detector(path.join(root, 'variant.onnx'), shifted);
    const r = await runCli(passArgs(variantModel, ['--reference', reference.id, '--resamples', '200', '--target', 'map-drop<=0.1pt']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout) as RunRecord;
    const drop = (record.extras.accuracyPass as { drop: { metric: string; difference: number; low: number; high: number; resamples: number; referenceRun: string } }).drop;
    expect(drop).toMatchObject({ metric: 'map', resamples: 200, referenceRun: reference.id });
    expect(drop.difference).toBeCloseTo(stats(record).AP! - stats(reference).AP!, 15);
    expect(drop.difference).toBeLessThan(0);
    expect(drop.low).toBeLessThanOrEqual(drop.difference);
    expect(drop.high).toBeGreaterThanOrEqual(drop.difference);
    const verdict = 'verdicts' in record ? record.verdicts[0] : undefined;
    expect(verdict).toMatchObject({ target: 'map-drop<=0.1pt', status: 'fail', unit: 'pt' });
    expect(verdict?.observedValue).toBeCloseTo(-drop.difference * 100, 10);

    const text = await runCli(passArgs(variantModel, ['--reference', reference.id, '--resamples', '200']).filter((a) => a !== '--json'));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Drop: mAP −\d+\.\d points \(95 % CI −?\d+\.\d to [−+±]?\d+\.\d\) against run /);
    expect(text.stdout).toContain('Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]');
  });

  it('refuses a drop target without a reference, and a percentage written as a fraction, before running', async () => {
    const model = path.join(root, 'reference.onnx');
    const noRef = await runCli(passArgs(model, ['--target', 'map-drop<=1pt']));
    expect(noRef.code).toBe(2);
    expect(noRef.stderr).toMatch(/Target "map-drop<=1pt" bounds a drop, but no reference run is given/);
    const percent = await runCli(passArgs(model, ['--target', 'map>=35']));
    expect(percent.code).toBe(2);
    expect(percent.stderr).toMatch(/map>=0\.35/);
  });
});

describe('edgelab eval MODEL --labels binary-masks --decoder saliency', () => {
  it('gives the mIoU counted pixel by pixel from the same masks', async () => {
    const maskDir = path.join(root, 'masks');
    const maskImages = path.join(root, 'mask-images');
    // The model says foreground inside [16, 48) × [16, 48); each truth mask is a square somewhere near it.
    const map = Array.from({ length: S * S }, (_, i) => (i % S >= 16 && i % S < 48 && Math.floor(i / S) >= 16 && Math.floor(i / S) < 48 ? 1 : 0));
    const model = path.join(root, 'saliency.onnx');
    await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'mask', dtype: 'float32', dims: [1, 1, S, S], values: map }]);
    const truths = [[16, 16, 32], [20, 16, 32], [0, 0, 20], [24, 24, 40]].map(([x0, y0, size]) => Array.from({ length: S * S }, (_, i) => (i % S >= x0! && i % S < x0! + size! && Math.floor(i / S) >= y0! && Math.floor(i / S) < y0! + size! ? 255 : 0)));
    const counts = { fg: { i: 0, u: 0 }, bg: { i: 0, u: 0 } };
    for (const [n, truth] of truths.entries()) {
      await writeImage(path.join(maskImages, `m${n}.png`), S, S);
      await writeGreyPng(path.join(maskDir, `m${n}.png`), S, S, truth);
      truth.forEach((t, i) => {
        const fgT = t === 255;
        const fgP = map[i] === 1;
        counts.fg.i += fgT && fgP ? 1 : 0;
        counts.fg.u += fgT || fgP ? 1 : 0;
        counts.bg.i += !fgT && !fgP ? 1 : 0;
        counts.bg.u += !fgT || !fgP ? 1 : 0;
      });
    }
    const r = await runCli(['eval', model, '--labels', 'binary-masks', '--annotations', maskDir, '--images', maskImages, '--decoder', 'saliency', '--target', 'miou>=0.99', '--json', '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout) as RunRecord;
    const metrics = (record.extras.accuracyPass as { metrics: { kind: string; miou: number } }).metrics;
    expect(metrics.kind).toBe('masks');
    expect(metrics.miou).toBeCloseTo((counts.fg.i / counts.fg.u + counts.bg.i / counts.bg.u) / 2, 12);
    expect('verdicts' in record ? record.verdicts[0] : undefined).toMatchObject({ target: 'miou>=0.99', status: 'fail' });
  });
});
