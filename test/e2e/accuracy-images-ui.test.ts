import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

// Results → Images in real Chromium against a real `edgelab serve`, over accuracy passes recorded by
// the real `edgelab eval` on a set written here: a generated detector whose head is fixed, so the
// worst image and its false (red) and missed (orange) marks are known by construction.
const artifacts = fileURLToPath(new URL('../artifacts/e2e/', import.meta.url));
const S = 64;
/** x1, y1, x2, y2, score, class (0 cat, 1 dog): the same on every image. */
const ROWS = [10, 10, 30, 30, 0.9, 0, 40, 40, 60, 60, 0.8, 1, 30, 5, 50, 20, 0.6, 1];
const CAT = 1;
const DOG = 3;

let server: ChildProcess;
let url: URL;
let workspace: string;
let data: string;
let browser: Browser;
let page: Page;
let reference: RunRecord;
let variant: RunRecord;

async function pass(model: string, extra: string[] = []): Promise<RunRecord> {
  const r = await runCli(['eval', model, '--labels', 'coco', '--annotations', path.join(data, 'gt.json'), '--images', path.join(data, 'images'), '--classes', path.join(data, 'classes.txt'), '--decoder', 'nms-rows', '--json', '--workspace', workspace, ...extra]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as RunRecord;
}

beforeAll(async () => {
  workspace = tempSet('e2e-images-ws');
  data = tempSet('e2e-images-data');
  for (const name of ['a.png', 'b.png', 'c.png']) await writeImage(path.join(data, 'images', name), S, S);
  await writeFile(path.join(data, 'gt.json'), JSON.stringify({
    images: ['a.png', 'b.png', 'c.png'].map((f, i) => ({ id: i + 1, file_name: f, width: S, height: S })),
    annotations: [
      // a.png: everything found but the dog at (30, 5), which is false.
      { id: 1, image_id: 1, category_id: CAT, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 },
      { id: 2, image_id: 1, category_id: DOG, bbox: [40, 40, 20, 20], area: 400, iscrowd: 0 },
      // b.png: both objects missed, all three predictions false: the worst.
      { id: 3, image_id: 2, category_id: CAT, bbox: [0, 50, 12, 12], area: 144, iscrowd: 0 },
      { id: 4, image_id: 2, category_id: DOG, bbox: [2, 2, 10, 10], area: 100, iscrowd: 0 },
      // c.png: all three found.
      { id: 5, image_id: 3, category_id: CAT, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 },
      { id: 6, image_id: 3, category_id: DOG, bbox: [40, 40, 20, 20], area: 400, iscrowd: 0 },
      { id: 7, image_id: 3, category_id: DOG, bbox: [30, 5, 20, 15], area: 300, iscrowd: 0 },
    ],
    categories: [{ id: CAT, name: 'cat' }, { id: DOG, name: 'dog' }],
  }));
  writeText(path.join(data, 'classes.txt'), 'cat\ndog\n');
  const model = path.join(data, 'detector.onnx');
  await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, 3, 6], values: ROWS }]);
  reference = await pass(model);
  variant = await pass(model, ['--reference', reference.id, '--resamples', '100']);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1400 } })).newPage();
  await page.goto(url.href);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  for (const dir of [workspace, data]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Results → Images of an accuracy pass', { timeout: 120_000 }, () => {
  it('shows the worst image first with its red false and orange missed marks, filters by class, and draws the PR curves', async () => {
    await page.goto(new URL(`/#/results/${reference.id}`, url).href);
    await page.getByRole('link', { name: /Images with their predictions, worst first/ }).click();
    const list = page.getByRole('list', { name: 'Images, worst first' });
    await list.waitFor({ timeout: 30_000 });
    const first = list.locator('figure.picture').first();
    expect(await first.getAttribute('data-file')).toBe('b.png');
    expect(await first.locator('[data-status="fp"]').count()).toBe(3);
    expect(await first.locator('[data-status="missed"]').count()).toBe(2);
    expect(await first.locator('[data-status="tp"]').count()).toBe(0);
    // The image itself, read through LabApi, under the marks.
    await first.getByRole('img', { name: 'b.png: 0 found, 3 false, 2 missed' }).waitFor();
    expect(await list.locator('figure.picture').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-file')))).toEqual(['b.png', 'a.png', 'c.png']);

    await page.locator('[data-request-field="accuracyImages.request.categoryId"]').selectOption({ label: 'cat' });
    await expect.poll(() => list.locator('figure.picture [data-status="fp"]').count(), { timeout: 30_000 }).toBe(1);
    const cats = list.locator('figure.picture').first();
    expect(await cats.getAttribute('data-file')).toBe('b.png');
    expect(await cats.locator('[data-status="missed"]').count()).toBe(1);
    expect(await cats.locator('[data-status="fp"]').count()).toBe(1);

    await page.getByRole('heading', { name: 'Precision–recall curves' }).waitFor();
    const chart = page.getByRole('img', { name: 'Precision-recall curves per class' });
    await chart.locator('svg').first().waitFor();
    // One tab more in the header, and the screen itself, still fit the window.
    expect(await page.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth)).toBeLessThanOrEqual(1280);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'accuracy-images.png'), fullPage: true });
    const table = page.getByRole('table', { name: 'Per-class accuracy' });
    expect(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent))).toEqual(['cat', 'dog']);
  });

  it('shows a variant\'s images beside its reference\'s', async () => {
    await page.goto(new URL(`/#/images/${variant.id}`, url).href);
    const list = page.getByRole('list', { name: 'Images, worst first' });
    await list.waitFor({ timeout: 30_000 });
    const beside = list.locator('li').first().getByLabel(`Reference ${reference.id}`);
    await beside.waitFor({ timeout: 30_000 });
    expect(await beside.locator('figure.picture').getAttribute('data-file')).toBe('b.png');
    expect(await page.locator('[data-request-field="accuracyImages.request.runId"]').inputValue()).toBe(reference.id);
  });
});
