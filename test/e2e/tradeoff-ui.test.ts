import type { ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TradeoffView } from '../../core/api/tradeoff.js';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

/**
 * The Tradeoff screen in Chromium against a real `edgelab serve` over a workspace of real runs: two
 * generated detectors with fixed heads (outputs known), each scored by an accuracy pass over a COCO
 * set the test writes and timed by a short bench, and a price stated for this machine's kind. What
 * the screen shows is checked against the lab's own answer (`edgelab report --tradeoff --format json`).
 */
const S = 64;
let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let view: TradeoffView;

beforeAll(async () => {
  workspace = tempSet('e2e-tradeoff-ws');
  const data = tempSet('e2e-tradeoff-data');
  const env = { EDGELAB_WORKSPACE: workspace };
  for (const name of ['a.png', 'b.png']) await writeImage(path.join(data, 'images', name), S, S);
  await writeFile(path.join(data, 'gt.json'), JSON.stringify({
    images: [{ id: 1, file_name: 'a.png', width: S, height: S }, { id: 2, file_name: 'b.png', width: S, height: S }],
    annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 }, { id: 2, image_id: 2, category_id: 3, bbox: [40, 40, 20, 20], area: 400, iscrowd: 0 }],
    categories: [{ id: 1, name: 'cat' }, { id: 3, name: 'dog' }],
  }));
  writeText(path.join(data, 'classes.txt'), 'cat\ndog\n');
  const heads: Record<string, number[]> = { 'full.onnx': [10, 10, 30, 30, 0.9, 0, 40, 40, 60, 60, 0.8, 1], 'half.onnx': [10, 10, 30, 30, 0.9, 0, 0, 0, 5, 5, 0.8, 1] };
  let timedRun = '';
  for (const [name, values] of Object.entries(heads)) {
    const model = path.join(data, name);
    await writeConstantOutputModel(model, { height: S, width: S }, [{ name: 'output0', dtype: 'float32', dims: [1, 2, 6], values }]);
    const pass = await runCli(['eval', model, '--labels', 'coco', '--annotations', path.join(data, 'gt.json'), '--images', path.join(data, 'images'), '--classes', path.join(data, 'classes.txt'), '--decoder', 'nms-rows'], { env });
    if (pass.code !== 0) throw new Error(pass.stderr);
    const bench = await runCli(['bench', model, '--iterations', '20', '--warmup', '2', '--target', 'fps>=10', '--json'], { env });
    if (bench.code !== 0) throw new Error(bench.stderr);
    timedRun = (JSON.parse(bench.stdout) as { id: string }).id;
  }
  const price = await runCli(['price', 'set', '--run', timedRun, '900', '--currency', 'USD'], { env });
  if (price.code !== 0) throw new Error(price.stderr);
  const answer = await runCli(['report', '--tradeoff', '--format', 'json'], { env });
  if (answer.code !== 0) throw new Error(answer.stderr);
  view = JSON.parse(answer.stdout) as TradeoffView;
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('Tradeoff screen', () => {
  it('shows each variant with its stated price, the Pareto front the lab marks, and the chart', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Tradeoff', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tradeoff' }).waitFor();
    const table = page.getByRole('table', { name: /Variants \(★ on the Pareto front\)/ });
    await table.waitFor();
    const family = view.families[0]!;
    expect(await table.locator('tbody tr').count()).toBe(family.variants.length);
    for (const v of family.variants) {
      const row = table.getByRole('row', { name: new RegExp(`^${v.name.replace('.', '\\.')} `) });
      const text = await row.textContent();
      expect(text).toContain('900.00 USD per device, stated by the user');
      expect(text).toContain(`mAP ${v.accuracy.value.toFixed(3)}`);
      expect(text?.includes('★')).toBe(v.pareto);
    }
    await page.getByRole('img', { name: /accuracy against p99 latency, Pareto front drawn/ }).waitFor();
  });

  it('narrows to a family and shows an unknown one as an error where the user is looking', async () => {
    await page.getByRole('textbox', { name: 'Family' }).fill('no-such-family');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(/No model family "no-such-family"/).waitFor();
    await page.getByRole('textbox', { name: 'Family' }).fill('gt.json');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('table', { name: /Variants/ }).waitFor();
  });
});
