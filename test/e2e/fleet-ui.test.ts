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
 * The Fleet screen and History's device filter, in Chromium against a real `edgelab serve` over a
 * workspace of real bench runs made as two units (EDGELAB_UNIT_ID and EDGELAB_UNIT_LABEL per run, as a
 * CI job on each device sets them).
 */
let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
const runsOf: Record<string, string[]> = { 'orin-a': [], 'orin-b': [] };

async function bench(unit: string, label: string): Promise<void> {
  const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '20', '--warmup', '2', '--json'], { env: { EDGELAB_WORKSPACE: workspace, EDGELAB_UNIT_ID: unit, EDGELAB_UNIT_LABEL: label } });
  if (r.code !== 0) throw new Error(r.stderr);
  runsOf[unit]!.push((JSON.parse(r.stdout) as { id: string }).id);
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-fleet-'));
  await bench('orin-a', 'bench-left');
  await bench('orin-b', 'bench-right');
  await bench('orin-b', 'bench-right');
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

async function openFleet(): Promise<void> {
  await page.goto(url.href);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Fleet', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Fleet' }).waitFor();
}

describe('Fleet screen', () => {
  it('shows each unit in the matrix with its newest run, the spread, and how slower units are judged', async () => {
    await openFleet();
    const matrix = page.getByRole('table', { name: /Units × model × engine\/precision/ });
    await matrix.waitFor();
    const rows = matrix.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const left = rows.filter({ hasText: 'bench-left (orin-a)' });
    const right = rows.filter({ hasText: 'bench-right (orin-b)' });
    await expect.poll(() => left.count()).toBe(1);
    expect(await left.textContent()).toContain(runsOf['orin-a']![0]);
    // orin-b ran twice: the newer run is shown and the older one counted.
    expect(await right.textContent()).toContain(`${runsOf['orin-b']![1]} (+1 older)`);
    expect(await right.textContent()).toContain('measured');
    expect(await right.textContent()).toContain('not stated');
    const spread = page.getByRole('table', { name: 'Unit-to-unit spread' });
    expect(await spread.locator('tbody tr').first().textContent()).toContain('tiny-classifier.onnx');
    await page.getByText(/Mann–Whitney U, one-sided/).first().waitFor();
  });

  it('narrows to one unit, and exports the matrix as CSV', async () => {
    await openFleet();
    await page.getByLabel('Unit', { exact: true }).fill('bench-left');
    await page.getByRole('button', { name: 'Show' }).click();
    const rows = page.getByRole('table', { name: /Units × model/ }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('orin-a');
    await page.getByLabel('Format').selectOption('csv');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the fleet report' }).click()]);
    expect(download.suggestedFilename()).toBe('edgelab-fleet.csv');
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    expect(lines[0]).toMatch(/^hardware_kind,unit,unit_id,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',bench-left,orin-a,env,');
  });
});

describe('History device filter', () => {
  it('lists only the runs of the device chosen, and names each run\'s unit', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History', exact: true }).click();
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByLabel('Device').selectOption({ label: 'bench-right (orin-b)' });
    await expect.poll(() => rows.count()).toBe(2);
    for (const id of runsOf['orin-b']!) await page.locator('table.runs').getByText(id).waitFor();
    expect(await rows.first().textContent()).toContain('unit bench-right (orin-b)');
    expect(page.url()).toContain('unit=orin-b');
    await page.getByLabel('Device').selectOption({ label: 'bench-left (orin-a)' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(runsOf['orin-a']![0]);
  });
});
