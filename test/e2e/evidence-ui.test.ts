import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeWithContentDigest } from '../../core/evidence/record-file.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';
import { runCli } from '../helpers/cli.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { modelPath } from '../helpers/models.js';

/**
 * The app's controls for keeping and reading the evidence, each driven in Chromium against a real
 * `edgelab serve` over a workspace of real runs: verify with a pinned head and with the records a
 * crash left unrecorded, a JUnit report and a titled one, and an MLflow export of every run.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let browser: Browser;
let page: Page;
let firstRun: string;
let secondRun: string;
/** The ledger's head after the first run: what a review would have pinned then. */
let headAfterFirst: string;
// No MLflow server can be installed on the CI machines: FakeMlflowServer answers as MLflow's REST
// documentation specifies; `edgelab serve` (a child process) talks to it over real HTTP.
const mlflow = new FakeMlflowServer();
let mlflowUri: string;

async function bench(label: string): Promise<string> {
  const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '20', '--warmup', '2', '--label', label, '--json'], { env: { EDGELAB_WORKSPACE: workspace } });
  if (r.code !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { id: string }).id;
}

async function ledgerHead(): Promise<string> {
  const r = await runCli(['runs', 'verify', '--json'], { env: { EDGELAB_WORKSPACE: workspace } });
  return (JSON.parse(r.stdout) as { head: string }).head;
}

async function openHistory(): Promise<void> {
  await page.goto(url.href);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'History', exact: true }).click();
}

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  mlflowUri = await mlflow.start();
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-evidence-'));
  firstRun = await bench('first');
  headAfterFirst = await ledgerHead();
  secondRun = await bench('second');
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  await mlflow.stop();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('Verify evidence on History', () => {
  it('a head pinned after the first run holds, one record added since; the answer reads as the CLI prints it', async () => {
    await openHistory();
    const form = page.getByRole('form', { name: 'Verify evidence' });
    await form.getByLabel('Pinned head').fill(headAfterFirst);
    await form.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByLabel('Verify result');
    await result.getByText('pinned head: ok').waitFor();
    const text = (await result.locator('pre').textContent()) ?? '';
    expect(text).toMatch(/pinned head: ok: the pinned head is ledger line 1 \(seq 1\); 1 record added since/);
    const cli = await runCli(['runs', 'verify', '--head', headAfterFirst], { env: { EDGELAB_WORKSPACE: workspace } });
    expect(cli.code).toBe(0);
    expect(text.trim()).toBe(cli.stdout.trim());
    await page.screenshot({ path: path.join(artifacts, 'verify-pinned-head.png'), fullPage: true });
  });

  it('a pinned head this ledger does not hold fails verify, naming that head', async () => {
    const rewritten = 'ab'.repeat(32);
    const form = page.getByRole('form', { name: 'Verify evidence' });
    await form.getByLabel('Pinned head').fill(rewritten);
    await form.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByLabel('Verify result');
    await result.getByText(`pinned head: FAILED: the pinned head ${rewritten} is not in this ledger`).waitFor();
    expect(await result.getByRole('alert').textContent()).toMatch(/the history the pinned head names is not this ledger's/);
    await form.getByLabel('Pinned head').fill('');
  });

  it('Sign the head with a real SSH key, then verify it against an allowed-signers file naming that key', async () => {
    const keys = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-keys-'));
    const key = path.join(keys, 'lead');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lead@example.com', '-f', key]);
    const allowedSigners = path.join(keys, 'allowed_signers');
    await writeFile(allowedSigners, `lead@example.com ${(await readFile(`${key}.pub`, 'utf8')).trim()}\n`);
    const sign = page.getByRole('form', { name: 'Sign the head' });
    await sign.getByLabel('SSH key file').fill(key);
    await sign.getByRole('button', { name: 'Sign the head' }).click();
    const signed = page.getByLabel('Sign result');
    await signed.getByText('(seq 2)').waitFor();
    expect(await signed.textContent()).toContain('ledger.signed-head, ledger.signed-head.sig');
    expect(existsSync(path.join(workspace, 'ledger.signed-head.sig'))).toBe(true);

    const form = page.getByRole('form', { name: 'Verify evidence' });
    await form.getByLabel('Allowed signers file').fill(allowedSigners);
    await form.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByLabel('Verify result');
    await result.getByText('signed head: ok').waitFor();
    expect(await result.locator('pre').textContent()).toMatch(/signed head: ok: .*lead@example\.com/);
    await form.getByLabel('Allowed signers file').fill('');
    await rm(keys, { recursive: true, force: true });
  });

  it('with "Accept records a crash left unrecorded", a hand-made record is named and left out of the ledger', async () => {
    // A copy of a real record under a new id, its own digest recomputed: on disk, in no ledger line,
    // and no edgelab on this machine began writing it, so acceptance must refuse it by name.
    const record = JSON.parse(await readFile(path.join(workspace, 'runs', `${secondRun}.json`), 'utf8')) as Record<string, unknown>;
    const id = '20261101T000600Z-0b0b0b';
    await writeFile(path.join(workspace, 'runs', `${id}.json`), serializeWithContentDigest({ ...record, id }));
    const form = page.getByRole('form', { name: 'Verify evidence' });
    await form.getByLabel('Accept records a crash left unrecorded').check();
    await form.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByLabel('Verify result');
    await result.getByText(`not accepted: runs/${id}.json: no edgelab on this machine began writing it`).waitFor();
    expect(await result.locator('pre').textContent()).not.toContain('accepted into the ledger');
    // The hint names the form's checkbox, not a CLI flag.
    expect(await result.getByRole('alert').textContent()).toContain('“Accept records a crash left unrecorded”');
    const ledger = await readFile(path.join(workspace, 'ledger.jsonl'), 'utf8');
    expect(ledger).not.toContain(id);
    await rm(path.join(workspace, 'runs', `${id}.json`));
  });
});

describe('reports and MLflow from the export panel', () => {
  it('JUnit: a download of the selected run as a test suite, with the ledger head the panel names', async () => {
    await openHistory();
    await page.getByRole('checkbox', { name: `Select run ${firstRun}` }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Report format' }).getByRole('button', { name: 'JUnit' }).click()]);
    expect(download.suggestedFilename()).toBe(`edgelab-${firstRun}.xml`);
    const xml = await readFile(await download.path(), 'utf8');
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain('<testsuites name="edgelab" tests="1"');
    expect(xml).toContain(firstRun);
    const head = (await page.locator('.export code').first().textContent()) ?? '';
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(xml).toContain(`<property name="edgelab.ledger_head" value="${head}"/>`);
  });

  it('Report title: a Markdown report headed with the title typed', async () => {
    await page.getByLabel('Report title').fill('Nightly gate');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Report format' }).getByRole('button', { name: 'Markdown' }).click()]);
    const md = await readFile(await download.path(), 'utf8');
    expect(md).toMatch(/^# Nightly gate$/m);
    expect(md).toContain(firstRun);
  });

  it('"Every run in the workspace" sends both runs to MLflow though one is selected', async () => {
    const form = page.getByRole('form', { name: 'Send to MLflow' });
    await form.getByLabel('MLflow tracking server').fill(mlflowUri);
    await form.getByLabel('Experiment').fill('all-runs');
    await form.getByLabel('Every run in the workspace').check();
    await form.getByRole('button', { name: 'Send to MLflow' }).click();
    await page.getByLabel('MLflow result').getByText('2 sent, 0 already there').waitFor();
    const sent = mlflow.activeRuns().map((r) => r.tags.get('edgelab.run_id')).sort();
    expect(sent).toEqual([firstRun, secondRun].sort());
    await page.screenshot({ path: path.join(artifacts, 'team-export-mlflow-all.png'), fullPage: true });
  });
});
