import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './lab-browser.js';
import { repoRoot } from '../helpers/cli.js';
import { someoneMeasures } from '../helpers/machine-state.js';
import { modelPath } from '../helpers/models.js';
import { ServeProcess } from '../helpers/serve-process.js';

const artifacts = path.join(fileURLToPath(new URL('../../', import.meta.url)), 'test', 'artifacts', 'e2e');

let serve: ServeProcess;
let browser: Browser;
let bench: ChildProcess | undefined;
let stateDir: string;
let model: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  model = await modelPath('tiny-classifier');
  stateDir = await mkdtemp(path.join(tmpdir(), 'edgelab-machine-'));
  serve = await ServeProcess.start(await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-queue-')), { EDGELAB_STATE_DIR: stateDir });
  browser = await launchChromium();
});

afterAll(async () => {
  bench?.kill('SIGKILL');
  await browser?.close();
  await serve?.stop();
});

describe('the run screen while another edgelab measures on the machine', () => {
  it('says the run is queued, behind whom and where in line, then runs it when the machine is free', async () => {
    // A CLI bench on another workspace holds the machine (a 10-minute run, ended below with Ctrl-C).
    bench = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'bench', model, '--duration', '600', '--iterations', '10000000', '--no-telemetry', '--workspace', await mkdtemp(path.join(tmpdir(), 'edgelab-cli-ws-'))], {
      env: { ...process.env, EDGELAB_STATE_DIR: stateDir },
      stdio: 'ignore',
    });
    const holder = await someoneMeasures(stateDir);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(serve.url.href);
    await page.getByLabel('Model file (.onnx)').fill(model);
    await page.getByRole('button', { name: 'Inspect' }).click();
    await page.getByRole('button', { name: 'Benchmark this model' }).click();
    await page.getByLabel('Warm-up iterations').fill('2');
    await page.getByLabel('Timed iterations').fill('30');
    await page.getByRole('button', { name: 'Start' }).click();

    const status = page.getByRole('status', { name: 'Run status' });
    await expect.poll(() => status.textContent()).toContain(`Queued behind run ${holder.runId} of edgelab bench, pid ${holder.pid}, measuring on this machine: 1st in line.`);
    await page.screenshot({ path: path.join(artifacts, 'queued-behind-cli.png'), fullPage: true });

    bench.kill('SIGINT'); // the CLI records its run as cancelled and frees the machine
    await page.getByRole('heading', { level: 1, name: /^Results/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('table.stats').first().textContent()).toContain('p99');
  });
});
