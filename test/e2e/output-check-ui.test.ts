import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGemmVariants } from '../helpers/gemm-variants.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { saveExpectedOutputs } from '../../core/evaluate/expected-outputs.js';
import { readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';
import { modelPath } from '../helpers/models.js';

// The Run screen's "Check outputs" form in real Chromium against a real `edgelab serve`: each check
// runs in the server's runner process on real generated models, test-data sets and JPEGs.
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let data: string;
let browser: Browser;
let page: Page;

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

async function openModel(file: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByLabel('Model file (.onnx)').fill(file);
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('heading', { name: path.basename(file) }).waitFor();
  await page.getByRole('button', { name: 'Benchmark this model' }).click();
  await page.getByRole('group', { name: 'Check outputs' }).waitFor();
}

/** Starts the check in the form and waits for the record's Results. */
async function runCheck(): Promise<string> {
  await page.getByRole('button', { name: 'Run the check' }).click();
  const refused = page.getByRole('group', { name: 'Check outputs' }).getByRole('alert');
  await Promise.race([
    page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 60_000 }),
    refused.waitFor({ timeout: 60_000 }).then(async () => {
      await screenshot('check-refused');
      throw new Error(`the check was refused: ${await refused.textContent()}`);
    }),
  ]);
  // The check's section may be folded: its text is there to read all the same.
  await page.locator('main').getByText(/(PASS|FAIL|Top-1 \d)/).first().waitFor({ state: 'attached' });
  return (await page.locator('main').textContent()) ?? '';
}

async function backToRun(): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Run', exact: true }).click();
  await page.getByRole('group', { name: 'Check outputs' }).waitFor();
}

beforeAll(async () => {
  // The served bundle is the production one (test/renderer-bundle.global.ts builds it when stale).
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-check-'));
  data = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-check-data-'));
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(url.href);
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  for (const dir of [workspace, data]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Check outputs from the Run screen', { timeout: 180_000 }, () => {
  it('expected outputs: a tampered set is recorded and shown as FAIL; a missing folder is refused naming it', async () => {
    const model = await modelPath('tiny-classifier');
    const dir = path.join(data, 'test-data');
    const set = path.join(dir, 'test_data_set_0');
    await writeTestDataSet(set, [{ name: 'input', tensor: new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.cos(i)), [1, 3, 32, 32]) }]);
    await saveExpectedOutputs(model, dir);
    const saved = await readTestDataSet(set);
    const probs = Float32Array.from(saved.outputs[0]?.tensor.data as Float32Array).map((p) => p * 1.01);
    await writeTestDataSet(set, [], [{ name: 'probabilities', tensor: new ort.Tensor('float32', probs, [1, 10]) }]);

    await openModel(model);
    const form = page.getByRole('group', { name: 'Check outputs' });
    await form.getByLabel(/^Test-data folder/).fill(path.join(data, 'nowhere'));
    await form.getByRole('button', { name: 'Run the check' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('nowhere does not exist');

    await form.getByLabel(/^Test-data folder/).fill(dir);
    await form.getByLabel(/^Name of the check/).fill('e2e expected outputs');
    await screenshot('check-01-expected-form');
    const results = await runCheck();
    expect(results).toContain('FAIL');
    expect(results).toContain('e2e expected outputs');
    expect(await page.locator('.fact', { hasText: 'Output check' }).textContent()).toContain('fail');
    await screenshot('check-02-expected-fail');

    await backToRun();
    await form.getByLabel(/^Relative tolerance/).fill('0.02');
    expect(await runCheck()).toMatch(/PASS: 1 of 1 test data sets/);
  });

  it('accuracy on a folder of labelled JPEGs', async () => {
    await writeFile(path.join(data, 'labels.txt'), Array.from({ length: 10 }, (_, i) => `c${i}`).join('\n'));
    await mkdir(path.join(data, 'val', 'c3'), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).jpeg().toFile(path.join(data, 'val', 'c3', 'x.jpg'));
    await backToRun();
    const form = page.getByRole('group', { name: 'Check outputs' });
    await form.getByLabel('Check', { exact: true }).selectOption('accuracy');
    await form.getByLabel(/^Images folder/).fill(path.join(data, 'val'));
    await form.getByLabel(/^Labels file/).fill(path.join(data, 'labels.txt'));
    await form.getByLabel('Image fit').selectOption('center-crop');
    const results = await runCheck();
    expect(results).toMatch(/Top-1 \d+(\.\d)? %, top-5 \d+(\.\d)? % on 1 image of 10 classes/);
    await screenshot('check-03-accuracy');
  });

  it('parity: the same model on one provider is refused with the reason; an fp16 variant drifts and is shown as FAIL', async () => {
    await backToRun();
    const form = page.getByRole('group', { name: 'Check outputs' });
    await form.getByLabel('Check', { exact: true }).selectOption('parity');
    await form.getByRole('button', { name: 'Run the check' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('compares nothing');

    const files = await writeGemmVariants(data);
    await openModel(files[0] as string);
    await form.getByLabel('Check', { exact: true }).selectOption('parity');
    await form.getByLabel(/^Second model/).fill(files[1] as string);
    // The folder typed for the expected outputs is still in the form: parity would feed it, and
    // refuses its 1×3×32×32 tensors for this [1, 8] input; synthetic inputs instead.
    await form.getByLabel(/^Test-data folder/).fill('');
    await form.getByLabel(/^Relative tolerance/).fill(''); // the default 1e-3, which fp16 weights exceed
    await form.getByLabel(/^Synthetic input sets/).fill('2');
    await screenshot('check-04-parity-form');
    const results = await runCheck();
    expect(results).toContain('FAIL');
    expect(results).toContain('gemm-float16.onnx');
    expect(await page.locator('.fact', { hasText: 'Output check' }).textContent()).toContain('fail');
    await screenshot('check-05-parity-fail');
  });
});
