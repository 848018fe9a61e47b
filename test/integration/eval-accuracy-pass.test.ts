/**
 * `edgelab eval MODEL --labels … --decoder …` through the real edgelab process: small generated
 * models whose outputs are known (a fixed detection head, saliency map, DBNet text map) run by ONNX Runtime
 * on labelled sets the test writes (no labelled photos can be had here). The figures must agree with
 * an independent computation from the same files: for detection, the same predictions written as a
 * COCO results file and scored by `edgelab eval --annotations --predictions`; for masks, IoU counted
 * here pixel by pixel; for text, words placed so that the ICDAR outcome is known by construction.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

    // compare on the two passes: the same drop from the same cached results, at compare's 1000 resamples.
    const compared = await runCli(['compare', reference.id, record.id, '--json', '--workspace', ws]);
    expect(compared.code).toBe(0);
    const fromCompare = (JSON.parse(compared.stdout) as { accuracyDrop: { difference: number; resamples: number; referenceRun: string } }).accuracyDrop;
    expect(fromCompare).toMatchObject({ difference: drop.difference, resamples: 1000, referenceRun: reference.id });
    const comparedText = await runCli(['compare', reference.id, record.id, '--workspace', ws]);
    expect(comparedText.stdout).toContain(`mAP ${stats(reference).AP!.toFixed(3)} (reference, run ${reference.id}) → ${stats(record).AP!.toFixed(3)} (run ${record.id})\nDrop: mAP −`);

    const text = await runCli(passArgs(variantModel, ['--reference', reference.id, '--resamples', '200']).filter((a) => a !== '--json'));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Drop: mAP −\d+\.\d points \(95 % CI −?\d+\.\d to [−+±]?\d+\.\d\) against run /);
    expect(text.stdout).toContain('Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]');
    expect(text.stdout).not.toContain('accuracy-reference-settings');
    expect(('warnings' in record ? record.warnings : []).map((w) => w.code)).toEqual(['accuracy-pass-untimed']);
    // Decoded otherwise than the reference: the drop would measure the threshold too, and the pass says so.
    const otherwise = await runCli(passArgs(variantModel, ['--reference', reference.id, '--resamples', '200', '--score-threshold', '0.5', '--resize', 'letterbox']).filter((a) => a !== '--json'));
    expect(otherwise.code).toBe(0);
    expect(otherwise.stdout).toContain(`! accuracy-reference-settings: This pass decoded or preprocessed otherwise than its reference ${reference.id} (decoder.scoreThreshold, inputs.resize): the drop measures those settings as well as the model and engine.`);
    // The decoder keeps scores above the threshold (strictly, as ultralytics does), and says so.
    expect(text.stdout).toContain('Decoder: nms-rows, score > 0.001, NMS IoU 0.7, at most 300 detections per image, reading output output0;');
  });

  it('refuses a drop target without a reference, and a percentage written as a fraction, before running', async () => {
    const model = path.join(root, 'reference.onnx');
    const noRef = await runCli(passArgs(model, ['--target', 'map-drop<=1pt']));
    expect(noRef.code).toBe(2);
    expect(noRef.stderr).toMatch(/Target "map-drop<=1pt" bounds a drop, but no reference run is given/);
    const percent = await runCli(passArgs(model, ['--target', 'map>=35']));
    expect(percent.code).toBe(2);
    expect(percent.stderr).toMatch(/map>=0\.35/);
    // A latency target on an untimed pass could only ever be "not measured"; mIoU is no figure of boxes.
    const latency = await runCli(passArgs(model, ['--target', 'p99<=50ms']));
    expect(latency.code).toBe(2);
    expect(latency.stderr).toContain('Target "p99<=50ms" bounds 99th percentile latency, but an accuracy pass runs untimed, so it would never be measured.');
    expect(latency.stderr).toContain('edgelab bench MODEL --target p99<=50ms');
    const otherTask = await runCli(passArgs(model, ['--target', 'miou>=0.9']));
    expect(otherTask.code).toBe(2);
    expect(otherTask.stderr).toContain('Target "miou>=0.9" bounds miou, a figure of masks, but coco labels are scored for detection.\n  Bound map, map50 or map-drop for these labels.');
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

describe('a reference that cannot be compared is refused, naming why', () => {
  it('on other images, on a changed side file, or a run that is no accuracy pass', async () => {
    const model = await detector(path.join(root, 'refusals.onnx'), ROWS);
    const reference = JSON.parse((await runCli(passArgs(model))).stdout) as RunRecord;
    // The same labels over a folder with one image less: the first difference is named.
    const fewer = path.join(root, 'fewer.json');
    const gt = JSON.parse(readFileSync(gtFile, 'utf8')) as { images: Array<{ id: number }>; annotations: Array<{ image_id: number }> };
    writeFileSync(fewer, JSON.stringify({ ...gt, images: gt.images.slice(0, -1), annotations: gt.annotations.filter((a) => a.image_id !== 6) }));
    const records = () => readdirSync(path.join(ws, 'runs')).filter((f) => f.endsWith('.json')).length;
    const before = records();
    const other = await runCli(passArgs(model, ['--reference', reference.id]).map((a) => (a === gtFile ? fewer : a)));
    expect(other.code).toBe(2);
    // Refused before the model ran: no record of a pass that could not be compared.
    expect(records()).toBe(before);
    expect(other.stderr).toMatch(new RegExp(`Run ${reference.id} cannot be the reference: its labels instances\\.json .* are not this pass's fewer\\.json`));

    const side = path.join(ws, 'runs', reference.id, (reference.extras.accuracyPass as { perImage: { name: string } }).perImage.name);
    const kept = readFileSync(side);
    writeFileSync(side, Buffer.concat([kept, Buffer.from(' ')]));
    const changed = await runCli(passArgs(model, ['--reference', reference.id]));
    // The side file is evidence as the record is: runs verify finds the edit by the hash the record holds.
    const verified = await runCli(['runs', 'verify', '--workspace', ws]);
    writeFileSync(side, kept);
    expect(verified.code).toBe(1);
    expect(verified.stdout + verified.stderr).toContain(`edited: runs/${reference.id}/${path.basename(side)}: sha256 differs from the one its run record holds`);
    expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/per-image results .* have SHA-256 [0-9a-f]{64}, not [0-9a-f]{64} as its record names; the file was changed after the run/);

    const bench = await runCli(['bench', model, '--iterations', '5', '--warmup', '1', '--json', '--workspace', ws]);
    const benchId = (JSON.parse(bench.stdout) as RunRecord).id;
    // compare of a timed run and a pass has nothing in common to show, and says what can be compared.
    const mixed = await runCli(['compare', benchId, reference.id, '--workspace', ws]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('two accuracy passes (edgelab eval MODEL --labels …) over the same labelled set');
    const notPass = await runCli(passArgs(model, ['--reference', benchId]));
    expect(notPass.code).toBe(2);
    expect(notPass.stderr).toMatch(new RegExp(`Run ${benchId} is not an accuracy pass with per-image results`));
  });
});

describe('edgelab run SUITE.yaml with accuracy entries', () => {
  it('runs the reference and the variant, gates the drop against the entry it names, and writes JUnit', async () => {
    await detector(path.join(root, 'suite-fp32.onnx'), ROWS);
    await detector(path.join(root, 'suite-int8.onnx'), ROWS.map(([x1, y1, x2, y2, s, k]) => [x1! + 4, y1!, x2! + 4, y2!, s!, k!]));
    const suite = writeText(path.join(root, 'accuracy.yaml'), [
      'name: accuracy-gate',
      'defaults:',
      '  accuracy:',
      '    labels: { format: coco, annotations: instances.json, images: images, classes: classes.txt }',
      '    decoder: { name: nms-rows }',
      '    resamples: 200',
      'runs:',
      '  - label: fp32',
      '    model: suite-fp32.onnx',
      '    targets: ["map>=0.1"]',
      '  - label: int8',
      '    model: suite-int8.onnx',
      '    targets: ["map-drop<=0.1pt"]',
      '    accuracy: { reference: fp32 }',
      '',
    ].join('\n'));
    const junit = path.join(root, 'accuracy.junit.xml');
    const r = await runCli(['run', suite, '--junit', junit, '--json', '--workspace', ws]);
    expect(r.code).toBe(1);
    const view = JSON.parse(r.stdout) as { entries: Array<{ label: string; runId: string; verdict: string }> };
    expect(view.entries.map((e) => [e.label, e.verdict])).toEqual([['fp32', 'pass'], ['int8', 'fail']]);
    const variant = JSON.parse(readFileSync(path.join(ws, 'runs', `${view.entries[1]!.runId}.json`), 'utf8')) as RunRecord;
    expect((variant.extras.accuracyPass as { drop: { referenceRun: string } }).drop.referenceRun).toBe(view.entries[0]!.runId);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testcase name="map-drop&lt;=0.1pt" classname="edgelab.int8"');
    expect(xml).toMatch(/<failure message="map-drop [\d.]+ pt, target &lt;= 0\.100 pt" type="target-failed">95% paired bootstrap CI for the map drop/);
  });

  it('refuses an accuracy entry with a bad field, naming the file, line and field', async () => {
    const suite = writeText(path.join(root, 'bad-accuracy.yaml'), ['runs:', '  - model: suite-fp32.onnx', '    accuracy:', '      labels: { format: voc, annotations: a, images: b }', '      decoder: { name: nms-rows }', ''].join('\n'));
    const r = await runCli(['run', suite, '--check', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-accuracy\.yaml:4: runs\[0\]\.accuracy\.labels\.format/);
    // What eval refuses before running is refused by --check at the entry's line, before any entry runs.
    const timedTarget = writeText(path.join(root, 'latency-accuracy.yaml'), ['runs:', '  - model: suite-fp32.onnx', '    targets: ["map>=0.1", "p99<=50ms"]', '    accuracy:', '      labels: { format: coco, annotations: instances.json, images: images, classes: classes.txt }', '      decoder: { name: nms-rows }', ''].join('\n'));
    const latency = await runCli(['run', timedTarget, '--check', '--workspace', ws]);
    expect(latency.code).toBe(2);
    expect(latency.stderr).toMatch(/latency-accuracy\.yaml:3: runs\[0\]\.targets: Target "p99<=50ms" bounds 99th percentile latency, but an accuracy pass runs untimed/);
  });
});

describe('edgelab eval MODEL --labels icdar2015 --decoder dbnet', () => {
  it('scores ICDAR 2015 precision, recall and hmean: a found word, a missed one, a detection on ### text', async () => {
    // A text probability map: 0.9 on two 32 × 12 bars, 0.05 elsewhere. DB unclips each by
    // area × 1.5 / perimeter = 6.5 px a side, so the first is found as about [1.5, 46.5] × [1.5, 26.5].
    const map = Array.from({ length: S * S }, (_, i) => {
      const x = i % S, y = Math.floor(i / S);
      return x >= 8 && x < 40 && ((y >= 8 && y < 20) || (y >= 40 && y < 52)) ? 0.9 : 0.05;
    });
    const model = path.join(root, 'dbnet.onnx');
    await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'sigmoid_0.tmp_0', dtype: 'float32', dims: [1, 1, S, S], values: map }]);
    const textImages = path.join(root, 'text-images');
    await writeImage(path.join(textImages, 'img_1.png'), S, S);
    const gt = writeText(path.join(root, 'text-gt', 'gt_img_1.txt'), [
      '2,2,46,2,46,26,2,26,found',
      '50,2,62,2,62,14,50,14,missed',
      '2,34,46,34,46,58,2,58,###',
      '',
    ].join('\n'));
    const r = await runCli(['eval', model, '--labels', 'icdar2015', '--annotations', path.dirname(gt), '--images', textImages, '--decoder', 'dbnet', '--target', 'hmean>=0.6', '--json', '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    // Two words count (### does not), one is found; the detection on ### text counts for nothing.
    expect((record.extras.accuracyPass as { metrics: unknown }).metrics).toEqual({ kind: 'text', precision: 1, recall: 0.5, hmean: 2 / 3, matched: 1, truthCared: 2, detectionsCared: 1 });
    expect('verdicts' in record ? record.verdicts.map((v) => [v.target, v.status]) : []).toEqual([['hmean>=0.6', 'pass']]);

    // The text says what was counted (the ### region among the regions, apart) and the decoder's settings.
    const shown = await runCli(['runs', 'show', record.id, '--workspace', ws]);
    expect(shown.stdout).toContain("Labels: text-gt (ICDAR 2015 text): 1 image, 3 text regions (1 don't care), 1 category; labels sha256 ");
    expect(shown.stdout).toContain('Decoder: dbnet, pixels above 0.3, box score ≥ 0.6, unclip ratio 1.5, reading output sigmoid_0.tmp_0; 2 text regions');
    expect((record.extras.accuracyPass as { labels: { ignoreValue: unknown } }).labels.ignoreValue).toBeNull();
  });
});
