import type { ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

// The Run screen's "Check outputs" form, accuracy pass on a labelled set, in real Chromium against a
// real `edgelab serve`: a generated detector with a fixed head (its outputs known) on a COCO set the
// test writes, run in the server's runner; the record it keeps is read back from the workspace.
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');
const S = 64;
const standIn = path.join(root, 'test', 'fixtures', 'trtexec-runs', 'trtexec-io-stand-in.mjs');

let server: ChildProcess;
let url: URL;
let workspace: string;
let data: string;
let browser: Browser;
let page: Page;
let model: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = tempSet('e2e-pass-ws');
  data = tempSet('e2e-pass-data');
  model = path.join(data, 'detector.onnx');
  await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, 2, 6], values: [10, 10, 30, 30, 0.9, 0, 40, 40, 60, 60, 0.8, 1] }]);
  for (const name of ['a.png', 'b.png']) await writeImage(path.join(data, 'images', name), S, S);
  await writeFile(path.join(data, 'gt.json'), JSON.stringify({
    images: [{ id: 1, file_name: 'a.png', width: S, height: S }, { id: 2, file_name: 'b.png', width: S, height: S }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 3, bbox: [0, 0, 10, 10], area: 100, iscrowd: 0 },
    ],
    categories: [{ id: 1, name: 'cat' }, { id: 3, name: 'dog' }],
  }));
  writeText(path.join(data, 'classes.txt'), 'cat\ndog\n');
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
  await page.goto(url.href);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByLabel('Model file (.onnx)').fill(model);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('heading', { name: 'detector.onnx' }).waitFor();
  await page.getByRole('button', { name: 'Benchmark this model' }).click();
  await page.getByRole('group', { name: 'Check outputs' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  for (const dir of [workspace, data]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Check outputs: accuracy pass on a labelled set', { timeout: 180_000 }, () => {
  it('refuses a drop target without a reference beside the reference field, then records the pass it is asked for', async () => {
    const form = page.getByRole('group', { name: 'Check outputs' });
    await form.getByLabel('Check', { exact: true }).selectOption('labelled');
    await form.getByLabel('Labels format').selectOption('coco');
    await form.getByLabel(/^Annotations/).fill(path.join(data, 'gt.json'));
    await form.getByLabel('Images folder').fill(path.join(data, 'images'));
    await form.getByLabel(/^Model's class names/).fill(path.join(data, 'classes.txt'));
    await form.getByLabel('Decoder').selectOption('nms-rows');
    await form.getByLabel(/^Image fit/).selectOption('stretch');
    // A value the request's schema refuses is shown under its field before anything is sent.
    await form.getByLabel(/^Score threshold/).fill('2');
    await form.getByRole('button', { name: 'Run the check' }).click();
    const bad = form.getByRole('alert', { name: 'Refusal: decoder.scoreThreshold' });
    await bad.waitFor({ timeout: 30_000 });
    expect(await bad.textContent()).toMatch(/^decoder\.scoreThreshold: /);
    await form.getByLabel(/^Score threshold/).fill('');
    await form.getByLabel(/^Targets/).fill('map>=0.2, map-drop<=1pt');
    await form.getByRole('button', { name: 'Run the check' }).click();
    // Shown under the Reference field, the one that would make the drop target measurable.
    const refusal = form.getByRole('alert', { name: 'Refusal: reference' });
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toMatch(/Target "map-drop<=1pt" bounds a drop, but no reference run is given/);
    await page.screenshot({ path: path.join(artifacts, 'accuracy-pass-refused.png'), fullPage: true });

    await form.getByLabel(/^Targets/).fill('map>=0.2');
    await form.getByRole('button', { name: 'Run the check' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 90_000 });
    await page.locator('main').getByText(/Average Precision/).first().waitFor({ state: 'attached' });
    await page.screenshot({ path: path.join(artifacts, 'accuracy-pass-results.png'), fullPage: true });

    const files = (await readdir(path.join(workspace, 'runs'))).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const record = JSON.parse(await readFile(path.join(workspace, 'runs', files[0]!), 'utf8')) as RunRecord;
    const pass = record.extras.accuracyPass as { decoder: { name: string }; labels: { format: string; counts: { images: number } }; metrics: { stats: Record<string, number> } };
    expect(pass.decoder.name).toBe('nms-rows');
    expect(pass.labels).toMatchObject({ format: 'coco', counts: { images: 2 } });
    // One object found exactly (AP 1 for cat), the dog missed (AP 0): mAP 0.5 over the two classes.
    expect(pass.metrics.stats.AP).toBeCloseTo(0.5, 12);
    expect('verdicts' in record ? record.verdicts.map((v) => [v.target, v.status]) : []).toEqual([['map>=0.2', 'pass']]);
  });

  // TensorRT cannot run here: the trtexec the form names is the I/O STAND-IN
  // (test/fixtures/trtexec-runs/trtexec-io-stand-in.mjs), which writes trtexec's recorded
  // --exportOutput format with outputs computed by ONNX Runtime from the same model.
  it('runs the pass on trtexec: INT8 without a calibration cache is refused beside that field, then runs with one', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByLabel('Model file (.onnx)').fill(model);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'detector.onnx' }).waitFor();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    const form = page.getByRole('group', { name: 'Check outputs' });
    await form.waitFor();
    await form.getByLabel('Check', { exact: true }).selectOption('labelled');
    await form.getByLabel('Labels format').selectOption('coco');
    await form.getByLabel(/^Annotations/).fill(path.join(data, 'gt.json'));
    await form.getByLabel('Images folder').fill(path.join(data, 'images'));
    await form.getByLabel(/^Model's class names/).fill(path.join(data, 'classes.txt'));
    await form.getByLabel('Decoder').selectOption('nms-rows');
    await form.getByLabel(/^Image fit/).selectOption('stretch');
    await form.locator('#check-engine').selectOption('trtexec');
    // trtexec always runs TensorRT: the provider choice goes away.
    expect(await form.locator('#check-ep').count()).toBe(0);
    await form.locator('#check-trt-precision').selectOption('int8');
    await form.locator('#check-trt-path').fill(standIn);
    await form.getByRole('button', { name: 'Run the check' }).click();
    const refusal = form.getByRole('alert', { name: 'Refusal: engine.calib' });
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toMatch(/INT8 accuracy pass on trtexec needs INT8 scales.*--calib/);
    await page.screenshot({ path: path.join(artifacts, 'accuracy-pass-trtexec-refused.png'), fullPage: true });

    const cache = path.join(data, 'detector.calib');
    await writeFile(cache, 'TRT-8601-EntropyCalibration2\n');
    await form.locator('#check-trt-calib').fill(cache);
    await form.getByRole('button', { name: 'Run the check' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 90_000 });
    const records = await Promise.all((await readdir(path.join(workspace, 'runs'))).filter((f) => f.endsWith('.json')).map(async (f) => JSON.parse(await readFile(path.join(workspace, 'runs', f), 'utf8')) as RunRecord));
    const onTrt = records.find((r) => r.spec.engine?.kind === 'trtexec');
    expect(onTrt?.spec.engine).toEqual({ kind: 'trtexec', precision: 'int8', trtexecPath: standIn, calib: cache });
    const pass = onTrt?.extras.accuracyPass as { engine: string; metrics: { stats: Record<string, number> } };
    expect(pass.engine).toBe('TensorRT 10.8.0 (trtexec, int8)');
    // The same figures as the pass on ONNX Runtime above.
    expect(pass.metrics.stats.AP).toBeCloseTo(0.5, 12);
  });
});
