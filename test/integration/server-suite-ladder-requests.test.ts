import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteRunView } from '../../core/api/suite-run.js';
import { newStateDir, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { ServeProcess } from '../helpers/serve-process.js';

/**
 * The request fields the CLI's suite, ladder and import flags became, over a real `edgelab serve`:
 * each class of bad value refused before anything runs or is recorded, in the words every face
 * shows, and the good ones answered as the CLI prints them.
 */
let dir = '';
let workspace = '';
let suite = '';
let serve: ServeProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-serve-requests-'));
  workspace = path.join(dir, 'ws');
  suite = path.join(dir, 'gate.yaml');
  await writeFile(suite, [
    'name: request-gate',
    'runs:',
    `  - model: ${JSON.stringify(await modelPath('tiny-classifier'))}`,
    '    scenario: { kind: single-stream, iterations: 5 }',
    '    telemetry: false',
    `  - model: ${JSON.stringify(await modelPath('tiny-classifier'))}`,
    '    scenario: { kind: single-stream, iterations: 5 }',
    '    telemetry: false',
    '',
  ].join('\n'));
  serve = await ServeProcess.start(workspace, { EDGELAB_STATE_DIR: newStateDir() });
});

afterAll(async () => {
  await serve?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const recorded = async () => (JSON.parse((await runCli(['runs', '--json', '--workspace', workspace])).stdout) as unknown[]).length;

describe('runSuite options', () => {
  it('check: the file is read and counted, nothing runs', async () => {
    const view = await serve.call<SuiteRunView>('runSuite', { file: suite, options: { check: true } });
    expect(view).toMatchObject({ name: 'request-gate', runs: 2, checked: true, entries: [], junit: null, report: null, mlflow: null });
    expect(view.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await recorded()).toBe(0);
  });

  it.each([
    ['a report format there is none of', { report: 'pdf' }, /field options\.report: Invalid option/],
    ['a tracking server that is not a URL', { mlflow: { trackingUri: 'mlflow.internal' } }, /mlflow\.internal/],
    ['an MLflow experiment with no server', { mlflow: { experiment: 'gates' } }, /field options\.mlflow\.trackingUri/],
    ['an option the suite has not', { junit: true }, /options.*junit/],
  ])('refuses %s before the first entry runs', async (_what, options, message) => {
    await expect(serve.call('runSuite', { file: suite, options })).rejects.toThrow(message);
    expect(await recorded()).toBe(0);
  });
});

describe('exportLadder', () => {
  it('answers the evidence record as `edgelab ladder export` prints it', async () => {
    const record = await serve.call<{ fileName: string; mediaType: string; content: string }>('exportLadder', { request: { format: 'md' } });
    expect(record.fileName).toBe('edgelab-evidence-record.md');
    expect(record.mediaType).toMatch(/^text\/markdown/);
    expect(record.content).toBe((await runCli(['ladder', 'export', '--format', 'md', '--workspace', workspace])).stdout);
  });

  it.each([
    ['a format there is none of', { format: 'pdf' }, /field request\.format: Invalid option/],
    ['charts given as text', { format: 'html', charts: 'no' }, /field request\.charts/],
  ])('refuses %s', async (_what, request, message) => {
    await expect(serve.call('exportLadder', { request })).rejects.toThrow(message);
  });
});

describe('import targets, tags and the ORT profile\'s counts', () => {
  it.each([
    ['an empty tag', 'importTrtexec', { times: '/data/orin/times.json', tags: [''] }, /field request\.tags\[0\]: a tag is empty/],
    ['33 tags', 'importTrtexec', { times: '/data/orin/times.json', tags: Array.from({ length: 33 }, (_, i) => `t${i}`) }, /a run carries at most 32 tags/],
    ['a blank stated hardware', 'importDeepstream', { log: '/data/orin/deepstream.log', tags: ['ok'], statedHardware: ' ' }, /field request\.statedHardware/],
    ['a negative skip', 'importOrtProfile', { trace: '/data/orin/profile.json', skipRuns: -1 }, /field request\.skipRuns/],
    ['no node kept', 'importOrtProfile', { trace: '/data/orin/profile.json', top: 0 }, /field request\.top/],
    ['a fractional skip', 'importOrtProfile', { trace: '/data/orin/profile.json', skipRuns: 1.5 }, /field request\.skipRuns/],
  ])('refuses %s, and records nothing', async (_what, method, request, message) => {
    await expect(serve.call(method, { request })).rejects.toThrow(message);
    expect(await recorded()).toBe(0);
  });
});
