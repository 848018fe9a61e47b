import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The Brief screen in real Chromium over a real `edgelab serve`: two real bench runs with targets,
 * a price stated in the app, a preview that recommends what the records say, the brief written
 * to a file on the lab's machine, and a sign-off from the form that the ladder then counts.
 */
let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
const ids: string[] = [];

async function bench(model: 'tiny-classifier' | 'mobilenet-style', label: string, targets: string[], extra: string[] = []): Promise<void> {
  const r = await runCli(['bench', await modelPath(model), '--iterations', '20', '--warmup', '2', '--no-telemetry', '--label', label, ...targets.flatMap((t) => ['--target', t]), ...extra, '--json', '--workspace', workspace], { timeoutMs: 150_000 });
  ids.push((JSON.parse(r.stdout) as { id: string }).id);
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-brief-'));
  // p50 within one frame of a 25 FPS stream: an order-statistic interval, which a busy machine's stall does not make inconclusive.
  await bench('tiny-classifier', 'small', ['p50<=40ms']);
  // No CPU runs MobileNet in a microsecond: this option always misses its target.
  await bench('mobilenet-style', 'mobilenet', ['p50<=0.001ms', 'fps>=25'], ['--dim', 'batch=1']);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
}, 320_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('the Brief screen', () => {
  it('states a price, previews and writes a brief, and records an accepted sign-off the ladder counts', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Brief', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Brief' }).waitFor();

    const price = page.getByRole('form', { name: 'State a price' });
    await price.getByLabel('Price of one device').fill('650');
    await price.getByLabel('Currency (ISO 4217)').fill('EUR');
    await price.getByRole('button', { name: 'State the price' }).click();
    await price.getByRole('status').waitFor();
    expect(await page.getByRole('table').filter({ hasText: 'Current prices' }).textContent()).toContain('650.00 EUR');

    const form = page.getByRole('form', { name: 'Brief' });
    await form.getByLabel('The question the brief answers').fill('Which model should the cameras run?');
    for (const id of ids) await form.getByRole('checkbox', { name: `Option ${id}` }).check();
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('article', { name: 'Brief preview' });
    await preview.waitFor();
    const small = JSON.parse(await readFile(path.join(workspace, 'runs', `${ids[0]}.json`), 'utf8')) as { throughputPerS: number };
    const perStream = (650 / Math.floor(small.throughputPerS / 25)).toFixed(2);
    expect(await preview.getByRole('note').textContent()).toBe(`"small" is recommended: it meets every target at the lowest hardware cost, ${perStream} EUR per stream.`);
    expect(await preview.textContent()).toContain('stated by the user');

    const file = path.join(workspace, '..', `${path.basename(workspace)}-brief.html`);
    await page.getByLabel('Format').selectOption('html');
    await page.getByLabel(/Save on the lab's machine as/).fill(file);
    await page.getByRole('button', { name: 'Write the brief' }).click();
    await page.getByRole('status').filter({ hasText: 'Wrote' }).waitFor();
    expect(await readFile(file, 'utf8')).toContain(`${perStream} EUR per stream`);

    const signOff = page.getByRole('form', { name: 'Sign off a brief' });
    expect(await signOff.getByLabel('Brief file (on the lab\'s machine)').inputValue()).toBe(file);
    await signOff.getByLabel('Decided by').fill('Dana Weiss (product)');
    await signOff.getByLabel('Decision').selectOption('accepted');
    await signOff.getByRole('button', { name: 'Record the decision' }).click();
    await signOff.getByRole('status').waitFor();
    await page.getByRole('table', { name: 'Briefs written' }).filter({ hasText: 'Accepted by Dana Weiss (product)' }).waitFor();

    const ladder = JSON.parse((await runCli(['ladder', '--json', '--workspace', workspace])).stdout) as { gates: Array<{ items: Array<{ item: { id: string }; met: boolean }> }> };
    expect(ladder.gates.flatMap((g) => g.items).find((i) => i.item.id === 'tradeoff-accepted')?.met).toBe(true);
    await rm(file, { force: true });
  }, 120_000);
});
