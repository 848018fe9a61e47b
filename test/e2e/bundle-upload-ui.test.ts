import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStateDir, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { launchChromium, startServe, stopServe } from './lab-browser.js';

/**
 * The Import screen takes a bundle file from the browser: a real bundle written by the real
 * `edgelab runs bundle` on another "device" (its own workspace and state folder), uploaded through
 * Chromium to a real `edgelab serve`, merged and shown; a bundle damaged in transit is refused.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifacts = path.join(root, 'test', 'artifacts', 'e2e');

let server: ChildProcess;
let url: URL;
let workspace: string;
let device: string;
let browser: Browser;
let page: Page;
let bundle: string;
let runId: string;

beforeAll(async () => {
  await mkdir(artifacts, { recursive: true });
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-bundle-'));
  device = await mkdtemp(path.join(tmpdir(), 'edgelab-e2e-bundle-device-'));
  const env = { EDGELAB_STATE_DIR: newStateDir(), EDGELAB_UNIT_ID: 'orin-nx-7' };
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', '--json', '--workspace', device], { env });
  expect(bench.code, bench.stderr).toBe(0);
  runId = (JSON.parse(bench.stdout) as { id: string }).id;
  bundle = path.join(device, 'orin-nx-7.bundle.tar');
  expect((await runCli(['runs', 'bundle', '--all', '--out', bundle, '--workspace', device], { env })).code).toBe(0);
  ({ child: server, url } = await startServe(workspace));
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stopServe(server);
  for (const dir of [workspace, device]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the Import screen, evidence bundles', () => {
  it('uploads a bundle, merges it, and lists its run as merged from that unit; a damaged copy is refused naming the record', async () => {
    await page.goto(url.href);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Import', exact: true }).click();
    const form = page.getByRole('form', { name: 'Evidence bundles from other devices' });
    await form.getByLabel('Bundle file from this computer').setInputFiles(bundle);
    await form.getByRole('button', { name: 'Merge bundle' }).click();
    const outcome = form.getByRole('status', { name: 'Merge result' });
    await outcome.waitFor();
    const text = (await outcome.textContent()) ?? '';
    expect(text).toContain('orin-nx-7.bundle.tar: merged as');
    expect(text).toContain('1 added, 0 already here');
    expect(text).toContain('unit orin-nx-7');
    expect(text).toContain('unsigned');
    await page.screenshot({ path: path.join(artifacts, '25-import-bundle.png'), fullPage: true });
    // The record is the device's, byte for byte.
    expect(await readFile(path.join(workspace, 'runs', `${runId}.json`))).toEqual(await readFile(path.join(device, 'runs', `${runId}.json`)));
    const listed = JSON.parse((await runCli(['runs', '--json', '--workspace', workspace])).stdout) as Array<{ id: string; provenance?: { kind: string; bundle?: { sourceUnit: string | null } } }>;
    expect(listed.find((r) => r.id === runId)?.provenance).toMatchObject({ kind: 'merged', bundle: { sourceUnit: 'orin-nx-7' } });

    // One byte of the record flipped in transit: refused, naming the record and its run.
    const bytes = await readFile(bundle);
    const at = bytes.indexOf(Buffer.from('"iterations": 5'));
    bytes[at + '"iterations": '.length] = '6'.charCodeAt(0);
    const damaged = path.join(device, 'damaged.bundle.tar');
    await writeFile(damaged, bytes);
    await form.getByLabel('Bundle file from this computer').setInputFiles(damaged);
    await form.getByRole('button', { name: 'Merge bundle' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`runs/${runId}.json (run ${runId}) has SHA-256`);
  }, 60_000);

  it('merges a chosen file and the paths typed beside it, both, and says the two ways apart', async () => {
    const form = page.getByRole('form', { name: 'Evidence bundles from other devices' });
    expect(await form.textContent()).toContain('Choose a file from this computer to upload it, or name files already on the lab\'s machine by their paths (or both).');
    // The good bundle again, once uploaded and once named by its path on the lab's machine: both answer.
    await form.getByLabel('Bundle file from this computer').setInputFiles(bundle);
    await form.getByLabel('Bundle files on the lab\'s machine, comma-separated').fill(bundle);
    await form.getByRole('button', { name: 'Merge bundle' }).click();
    const outcome = form.getByRole('status', { name: 'Merge result' });
    await outcome.waitFor();
    const text = (await outcome.textContent()) ?? '';
    expect(text.match(/orin-nx-7\.bundle\.tar: merged before/g)).toHaveLength(2);
  }, 60_000);
});
