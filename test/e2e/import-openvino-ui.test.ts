import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

/**
 * The Import screen's OpenVINO form in real Chromium over a real `edgelab serve`. OpenVINO cannot
 * run here: the log is what a real Python benchmark_app 2024.1 printed for a run on a Core Ultra's
 * NPU (test/fixtures/openvino/SOURCES.md).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const npuLog = path.join(root, 'test', 'fixtures', 'openvino', 'nanonet_mtl_cpu_gpu_npu_2024.1', 'npu.log');
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-openvino-'));
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('the Import screen, OpenVINO', () => {
  it('imports a benchmark_app log and opens its Results with the figures as stated and no samples', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import', exact: true }).click();
    const form = page.getByRole('form', { name: 'OpenVINO benchmark_app run' });
    await form.getByLabel(/^benchmark_app output/).fill(npuLog);
    await form.getByLabel('Label (optional)').fill('NanoNet on the Core Ultra NPU');
    await form.getByLabel(/^Targets/).fill('p50<=50ms, p99<=60ms');
    await form.getByRole('button', { name: 'Import OpenVINO run' }).click();
    const outcome = form.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('Recorded, summary only');
    expect(await outcome.textContent()).toContain('Hardware: OpenVINO device NPU.3720 (as the imported files state)');
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    const stated = page.locator('table.stated-summary');
    const median = /Median:\s+([\d.]+) ms/.exec(await readFile(npuLog, 'utf8'))![1]!;
    expect(await stated.locator('tr', { hasText: 'Latency median (p50)' }).textContent()).toContain(median);
    expect(await stated.locator('tr', { hasText: 'Latency p99' }).textContent()).toContain('not stated');
    expect(await page.locator('main').textContent()).toContain('not stated: the imported files state only median, mean, min, max, throughput');
    await page.screenshot({ path: path.join(artifacts, '25-import-openvino-results.png'), fullPage: true });
  });
});
