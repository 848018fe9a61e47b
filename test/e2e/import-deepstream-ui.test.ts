import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

/**
 * The Import screen's DeepStream and tegrastats forms in real Chromium over a real `edgelab serve`.
 * DeepStream and a Jetson cannot run here: the logs are real recorded outputs
 * (test/fixtures/deepstream/nvforum-253843-latency: one batch of component latencies on a Xavier;
 * test/fixtures/tegrastats/orin-nano-1.txt: an Orin Nano).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const XAVIER_LATENCY = path.join(root, 'test/fixtures/deepstream/nvforum-253843-latency/ds6.0_xavier_component_latency.forum-excerpt.txt');
const ORIN_PIPELINE = path.join(root, 'test/fixtures/deepstream/jetson-min-disk/ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt');
const ORIN_NANO = path.join(root, 'test/fixtures/tegrastats/orin-nano-1.txt');
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-ds-'));
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

const openImport = async () => {
  await page.goto(url.href);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
};

describe('the Import screen: DeepStream and tegrastats', () => {
  it('imports a DeepStream latency log; its Results draw the components as one stacked bar', async () => {
    await openImport();
    const form = page.getByRole('form', { name: 'DeepStream pipeline' });
    await form.getByLabel(/^Console log/).fill(XAVIER_LATENCY);
    await form.getByRole('button', { name: 'Import pipeline log' }).click();
    const outcome = form.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toContain('(imported, deepstream)');
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    const bar = page.locator('figure.stacked-bar');
    await bar.waitFor({ state: 'attached' });
    expect(await bar.locator('svg[role="img"] rect').count()).toBe(10);
    // 239.77 ms in the log, to four figures as the CLI's and the reports' bar lines print it.
    expect(await bar.locator('.bar-legend').textContent()).toContain('tracker: 239.8 ms (46.7 %)');
    expect(await page.locator('main').textContent()).toContain('is a wall-clock timestamp (ms since 1970), not milliseconds of latency');
    await page.screenshot({ path: path.join(artifacts, '30-import-deepstream-results.png'), fullPage: true });
  });

  it('refuses a tegrastats log given as a DeepStream log, in the lab\'s words', async () => {
    await openImport();
    const form = page.getByRole('form', { name: 'DeepStream pipeline' });
    await form.getByLabel(/^Console log/).fill(ORIN_NANO);
    await form.getByRole('button', { name: 'Import pipeline log' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toContain('line 1: this is tegrastats output, not DeepStream output');
  });

  it('links a tegrastats log to a pipeline run and draws its telemetry on the usual chart', async () => {
    await openImport();
    const ds = page.getByRole('form', { name: 'DeepStream pipeline' });
    await ds.getByLabel(/^Console log/).fill(ORIN_PIPELINE);
    await ds.getByLabel(/^Targets/).fill('fps>=30, pipeline-fps>=60');
    await ds.getByRole('button', { name: 'Import pipeline log' }).click();
    const dsOutcome = ds.getByRole('status', { name: 'Import result' });
    await dsOutcome.waitFor();
    const runId = (await dsOutcome.locator('a').first().textContent())!.trim();
    const form = page.getByRole('form', { name: 'tegrastats log' });
    await form.getByLabel('tegrastats log').fill(ORIN_NANO);
    await form.getByLabel(/^Run it was recorded during/).fill(runId);
    await form.getByRole('button', { name: 'Import tegrastats log' }).click();
    const outcome = form.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    await outcome.getByRole('link', { name: 'open its Results' }).click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    await page.locator('section.extras-telemetry table').waitFor({ state: 'attached' });
    expect(await page.locator('section.extras-telemetry table').textContent()).toContain('tegrastats VDD_IN, total-input rail');
    expect(await page.locator('main').textContent()).toContain(runId);
    expect(await page.locator('main').textContent()).toContain('5 samples every 1000 ms, as the imported tegrastats log recorded them.');
    await page.screenshot({ path: path.join(artifacts, '31-import-tegrastats-results.png'), fullPage: true });
    // The linked pipeline's Results: FPS per stream over the run, one line per stream.
    // The link sits in the log's folded section: open it, as a reader would, then follow the link.
    const link = page.locator('main a', { hasText: runId }).first();
    if (!(await link.isVisible())) await link.locator('xpath=ancestor::details[1]/summary').click();
    await link.click();
    const chart = page.locator('figure.series-chart');
    await chart.waitFor({ state: 'attached' });
    expect(await chart.locator('polyline').count()).toBe(2);
    expect(await chart.locator('.bar-legend').textContent()).toBe(' stream 0 stream 1');
    expect(await page.locator('main').textContent()).toContain("every stream's average FPS as the pipeline printed it (stream 0 30.37, stream 1 30.38): every stream meets it");
    await page.screenshot({ path: path.join(artifacts, '32-import-deepstream-fps.png'), fullPage: true });
  });
});
