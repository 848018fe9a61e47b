import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The Run screen's engine choice and the History marking of imported runs, in real Chromium over
 * `edgelab serve`. TensorRT cannot run here, so the trtexec the app drives is the STAND-IN that
 * replays recorded trtexec runs (test/fixtures/trtexec-runs/trtexec-stand-in.mjs); the app, the
 * server, the runner process and the record are the real ones.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = path.join(root, 'test', 'fixtures', 'trtexec-runs');
const standIn = path.join(fixtures, 'trtexec-stand-in.mjs');
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let model: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  model = await modelPath('tiny-classifier');
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-trtexec-'));
  const imported = await runCli(['import', 'trtexec', '--times', path.join(fixtures, 'exportTimes/nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), '--label', 'resnet50 on a 3090', '--workspace', workspace]);
  expect(imported.code).toBe(0);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('engines and imported runs in the app', () => {
  it('runs a model on the trtexec engine from the Run screen', async () => {
    await page.goto(url.href);
    await page.getByLabel('Model file (.onnx)').fill(model);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('heading', { name: 'tiny-classifier.onnx' }).waitFor();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    expect(await page.getByLabel('Precision').count()).toBe(0);
    await page.getByLabel('Engine', { exact: true }).selectOption('trtexec');
    await page.getByLabel('Precision').selectOption('fp16');
    await page.getByLabel(/^trtexec path/).fill(standIn);
    await page.getByLabel('Label (optional)').fill('e2e-trtexec');
    await page.screenshot({ path: path.join(artifacts, '10-run-form-trtexec.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 30_000 });
    // The replayed exportTimes hold 200 iterations; the run is the stand-in's, recorded by the runner.
    expect(await page.locator('table.stats').first().textContent()).toContain('200 timed iterations');
    expect(await page.locator('body').textContent()).toContain('tensorrt (trtexec)');
    await page.screenshot({ path: path.join(artifacts, '11-results-trtexec.png'), fullPage: true });
  });

  it('marks the imported run apart in History, and keeps the runner\'s trtexec files with the record', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History', exact: true }).click();
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const importedRow = rows.filter({ hasText: 'resnet50 on a 3090' });
    expect(await importedRow.locator('.evidence-imported').textContent()).toBe('imported');
    expect(await rows.filter({ hasText: 'e2e-trtexec' }).locator('.evidence-imported').count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, '12-history-imported.png'), fullPage: true });
    const verify = await runCli(['runs', 'verify', '--workspace', workspace]);
    expect(verify.stdout).toContain('ok: 2 records');
  });
});
