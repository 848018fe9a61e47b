import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COCO_STAT_NAMES } from '../../core/api/coco-score.js';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

// The Run screen's "Check outputs" form, "Score a results file", in real Chromium against a real
// `edgelab serve`: cocoapi's fake bbox and segm results on the first 100 val2014 images
// (test/fixtures/coco), compared with what the real `edgelab eval --json` prints for the same files.
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');
const coco = path.join(root, 'test', 'fixtures', 'coco');
const gt = path.join(coco, 'instances_val2014_100.json');
const results = { bbox: path.join(coco, 'instances_val2014_fakebbox100_results.json'), segm: path.join(coco, 'instances_val2014_fakesegm100_results.json') };

let server: ChildProcess;
let url: URL;
let workspace: string;
let cliWorkspace: string;
let browser: Browser;
let page: Page;

async function cliStats(predictions: string): Promise<Record<string, number>> {
  const r = await runCli(['eval', '--annotations', gt, '--predictions', predictions, '--json', '--workspace', cliWorkspace], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`edgelab eval exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

/** The 12 values on the score's summary lines, by stat name, in pycocotools' order. */
function shownStats(text: string): Record<string, string> {
  const values = [...text.matchAll(/^ Average (?:Precision|Recall) .*\] = (-?\d\.\d{3})$/gm)].map((m) => m[1]!);
  expect(values).toHaveLength(12);
  return Object.fromEntries(COCO_STAT_NAMES.map((name, i) => [name, values[i]!]));
}

async function openForm() {
  await page.goto(url.href);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Models', exact: true }).click();
  await page.getByLabel('Model file (.onnx)').fill(await modelPath('tiny-classifier'));
  await page.getByRole('button', { name: 'Inspect' }).click();
  await page.getByRole('heading', { name: 'tiny-classifier.onnx' }).waitFor();
  await page.getByRole('button', { name: 'Benchmark this model' }).click();
  const form = page.getByRole('group', { name: 'Check outputs' });
  await form.getByLabel('Check', { exact: true }).selectOption('coco-results');
  return form;
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-coco-ws-'));
  cliWorkspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-coco-cli-'));
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  for (const dir of [workspace, cliWorkspace]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Check outputs: score a COCO results file', { timeout: 240_000 }, () => {
  it.each(['bbox', 'segm'] as const)('shows the %s stats the CLI prints for the same files, and records the run', async (iouType) => {
    const expected = await cliStats(results[iouType]);
    const form = await openForm();
    await form.getByLabel(/^Ground truth/).fill(gt);
    await form.getByLabel(/^Results to score/).fill(results[iouType]);
    await form.getByLabel('Name of the run (optional)').fill(`fake ${iouType}`);
    await form.getByLabel(/^Tags/).fill('cocoapi, fake');
    await form.getByRole('button', { name: 'Score the results' }).click();
    const score = form.getByRole('region', { name: 'COCO score' });
    await score.waitFor({ timeout: 120_000 });
    const text = (await score.locator('pre').textContent()) ?? '';
    expect(text).toContain(`COCO ${iouType} evaluation (taken from the results file): 734 detections on 100 images`);
    expect(shownStats(text)).toEqual(Object.fromEntries(COCO_STAT_NAMES.map((name) => [name, expected[name]!.toFixed(3)])));
    expect(text).toMatch(/Worst 10 of \d+ classes with objects, by AP:/);
    await page.screenshot({ path: path.join(artifacts, `coco-results-${iouType}.png`), fullPage: true });

    // The run the app recorded: its id in the link, its stats those of the CLI's run to the last bit.
    const link = score.getByRole('link', { name: /^Open its Results/ });
    const runId = /\(([^)]+)\)$/.exec((await link.textContent()) ?? '')?.[1];
    const record = JSON.parse(await readFile(path.join(workspace, 'runs', `${runId}.json`), 'utf8')) as RunRecord;
    expect((record.extras.cocoEval as { stats: Record<string, number> }).stats).toEqual(Object.fromEntries(COCO_STAT_NAMES.map((name) => [name, expected[name]])));
    expect(record.spec.label).toBe(`fake ${iouType}`);
    expect(record.spec.tags).toEqual(['accuracy', 'cocoapi', 'fake']);
    await link.click();
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor();
    expect(page.url()).toContain(runId!);
  });

  it('shows a refusal under the field it concerns', async () => {
    const form = await openForm();
    // Nothing typed: the request's schema names the empty path under its field, before anything is sent.
    await form.getByRole('button', { name: 'Score the results' }).click();
    expect(await form.getByRole('alert', { name: 'Refusal: annotations' }).textContent()).toMatch(/^annotations: /);

    // A detection on an image the ground truth does not have: refused under the results field.
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-coco-bad-'));
    const detections = JSON.parse(await readFile(results.bbox, 'utf8')) as Array<{ image_id: number }>;
    detections[3]!.image_id = 999_999_999;
    const bad = path.join(dir, 'unknown-image.json');
    await writeFile(bad, JSON.stringify(detections));
    await form.getByLabel(/^Ground truth/).fill(gt);
    await form.getByLabel(/^Results to score/).fill(bad);
    await form.getByRole('button', { name: 'Score the results' }).click();
    const refusal = form.getByRole('alert', { name: 'Refusal: predictions' });
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toContain('results[3].image_id 999999999 is not an image of the ground truth');
    expect(await form.getByRole('alert', { name: 'Refusal: annotations' }).count()).toBe(0);

    // The results file given as the ground truth is no instances file: refused under that field.
    await form.getByLabel(/^Ground truth/).fill(results.bbox);
    await form.getByLabel(/^Results to score/).fill(results.bbox);
    await form.getByRole('button', { name: 'Score the results' }).click();
    await form.getByRole('alert', { name: 'Refusal: annotations' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: path.join(artifacts, 'coco-results-refused.png'), fullPage: true });
    // Nothing refused was recorded.
    expect((await readdir(path.join(workspace, 'runs'))).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    await rm(dir, { recursive: true, force: true });
  });
});
