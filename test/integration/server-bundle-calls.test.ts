import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleRunsAnswer, MergeBundlesAnswer } from '../../core/api/evidence-bundle.js';
import { newStateDir, runCli } from '../helpers/cli.js';
import { startLabServer, type LabServer } from '../helpers/lab-server.js';
import { modelPath } from '../helpers/models.js';

/**
 * bundleRuns and mergeBundles over HTTP, as the app calls them through a real `edgelab serve`, on a
 * bundle the real CLI wrote on another "device"; and the upload path refuses a body that is not a
 * file (the browser test uploads a real one).
 */
const root = mkdtempSync(path.join(tmpdir(), 'edgelab-server-bundle-'));
const device = { ws: path.join(root, 'device'), env: { EDGELAB_STATE_DIR: newStateDir() } };
const workspace = path.join(root, 'lab');
let server: LabServer;

beforeAll(async () => {
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', '--workspace', device.ws], { env: device.env });
  expect(bench.code, bench.stderr).toBe(0);
  server = await startLabServer(workspace);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('bundles over HTTP', () => {
  it('mergeBundles merges a bundle file on the lab machine and answers what `runs merge --json` prints; bundleRuns writes one back', async () => {
    const bundle = path.join(root, 'device.tar');
    expect((await runCli(['runs', 'bundle', '--all', '--out', bundle, '--workspace', device.ws], { env: device.env })).code).toBe(0);
    const merged = await server.call<MergeBundlesAnswer>('mergeBundles', { request: { bundles: [bundle] } });
    expect(merged.status, merged.body).toBe(200);
    expect(merged.value?.bundles[0]?.runs.map((r) => r.outcome)).toEqual(['added']);
    expect(merged.value?.bundles[0]?.trusted).toBe(false);
    const again = JSON.parse((await runCli(['runs', 'merge', bundle, '--json', '--workspace', workspace])).stdout) as MergeBundlesAnswer;
    expect(again.bundles[0]?.mergeId).toBeNull();
    expect(again.head).toBe(merged.value?.head);

    const out = path.join(root, 'lab.tar');
    const written = await server.call<BundleRunsAnswer>('bundleRuns', { request: { runs: [], all: true, out } });
    expect(written.status, written.body).toBe(200);
    expect(written.value?.runs).toEqual(merged.value?.bundles[0]?.runs.map((r) => r.id));
    expect(readFileSync(out).subarray(257, 262).toString()).toBe('ustar');
  });

  it('refuses a bundle that is not on disk, naming it, and an upload that is not a file body', async () => {
    const missing = await server.call('mergeBundles', { request: { bundles: [path.join(root, 'nowhere.tar')] } });
    expect(missing.status).toBe(422);
    expect(missing.error?.message).toContain(`The bundle ${path.join(root, 'nowhere.tar')} does not exist.`);
    const json = await server.call('upload-bundle', {});
    expect(json.status).toBe(400);
    expect(json.error?.message).toContain('the body must be the bundle file (Content-Type: application/octet-stream)');
  });
});
