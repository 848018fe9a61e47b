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
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { modelPath } from '../helpers/models.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let runId: string;
// No MLflow server can be installed on the CI machines: FakeMlflowServer answers as MLflow's REST
// documentation specifies; `edgelab serve` (a child process) talks to it over real HTTP.
const mlflow = new FakeMlflowServer();
let mlflowUri: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  mlflowUri = await mlflow.start();
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-export-'));
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '30', '--warmup', '2', '--label', 'tiny e2e', '--json'], { env: { EDGELAB_WORKSPACE: workspace } });
  if (bench.code !== 0) throw new Error(bench.stderr);
  runId = (JSON.parse(bench.stdout) as { id: string }).id;
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  await mlflow.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('the export panel sends selected runs to MLflow and writes DVC files, in Chromium', () => {
  it('History → select a run → Send to MLflow, twice: one MLflow run, the second time "already there"', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History', exact: true }).click();
    await page.getByRole('checkbox', { name: `Select run ${runId}` }).check();
    const form = page.getByRole('form', { name: 'Send to MLflow' });
    await form.getByLabel('MLflow tracking server').fill(mlflowUri);
    await form.getByLabel('Experiment').fill('ui-check');
    await form.getByRole('button', { name: 'Send to MLflow' }).click();
    await page.getByLabel('MLflow result').getByText('1 sent, 0 already there').waitFor();
    expect(mlflow.activeRuns()).toHaveLength(1);
    expect(mlflow.activeRuns()[0]?.tags.get('edgelab.run_id')).toBe(runId);
    const link = page.getByRole('link', { name: 'open in MLflow' });
    expect(await link.getAttribute('href')).toBe(`${mlflowUri}/#/experiments/${mlflow.activeRuns()[0]?.info.experiment_id}/runs/${mlflow.activeRuns()[0]?.info.run_id}`);

    await form.getByRole('button', { name: 'Send to MLflow' }).click();
    await page.getByLabel('MLflow result').getByText('0 sent, 1 already there').waitFor();
    expect(mlflow.activeRuns()).toHaveLength(1);
    await page.screenshot({ path: path.join(artifacts, 'team-export-mlflow.png'), fullPage: true });
  });

  it('a tracking URI the lab refuses shows the message and what to do', async () => {
    const form = page.getByRole('form', { name: 'Send to MLflow' });
    await form.getByLabel('MLflow tracking server').fill('ftp://mlflow.internal/');
    await form.getByRole('button', { name: 'Send to MLflow' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not ftp:.*mlflow server/);
  });

  it('Write DVC files puts dvc.yaml and the run\'s metrics in the folder', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-repo-')), 'perf');
    const form = page.getByRole('form', { name: 'Write DVC files' });
    await form.getByLabel('DVC folder').fill(dir);
    await form.getByRole('button', { name: 'Write DVC files' }).click();
    await page.getByLabel('DVC result').getByText('Wrote tiny-e2e').waitFor();
    expect(readFileSync(path.join(dir, 'dvc.yaml'), 'utf8')).toContain('metrics/tiny-e2e.json');
    expect(JSON.parse(readFileSync(path.join(dir, 'metrics', 'tiny-e2e.json'), 'utf8')).iterations).toBe(30);
    await page.screenshot({ path: path.join(artifacts, 'team-export-dvc.png'), fullPage: true });
  });
});
