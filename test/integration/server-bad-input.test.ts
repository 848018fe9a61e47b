import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../core/api/text-limits.js';
import { repoRoot } from '../helpers/cli.js';
import { startLabServer, type LabServer } from '../helpers/lab-server.js';
import { modelPath } from '../helpers/models.js';

/**
 * The same bad input as the CLI's, sent to a real `edgelab serve` over HTTP as the app sends it. A
 * FIFO must not hold a request (each call is given 30 s), a refused file's bytes must not reach the
 * client, and the request schemas hold every face to the CLI's text limits. The traces and trtexec
 * exports are real recorded files (test/fixtures).
 */
const fixture = (...parts: string[]) => path.join(repoRoot, 'test', 'fixtures', ...parts);
const ppocrTrace = fixture('webgpu-h200', 'ppocrv4-det-640-webgpu-profile.json.gz');
const alexnetTimes = fixture('trtexec-runs', 'exportTimes', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');

let server: LabServer;
let workspace: string;
let dir: string;

const runsFolder = async () => (await readdir(path.join(workspace, 'runs'), { recursive: true }).catch(() => [] as string[])).sort();

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-server-bad-'));
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-server-bad-files-'));
  server = await startLabServer(workspace);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(workspace, { recursive: true, force: true });
});

function fifo(name: string): string {
  const p = path.join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

describe('files that are not regular files, over HTTP', () => {
  it('a FIFO as the trace, as trtexec\'s times, as the model to inspect: answered, not held', async () => {
    const before = await runsFolder();
    const trace = fifo('trace.json');
    const times = fifo('times.json');
    const model = fifo('model.onnx');
    const answers = [
      await server.call('importOrtProfile', { request: { trace } }),
      await server.call('importTrtexec', { request: { times } }),
      await server.call('inspectModel', { path: model }),
    ];
    for (const [i, file] of [trace, times, model].entries()) {
      expect(answers[i]?.status).toBe(422);
      expect(answers[i]?.error?.message).toContain(`${file} is a FIFO (named pipe), not a regular file`);
    }
    expect(await runsFolder()).toEqual(before);
  });

  it('/dev/zero as the model is named a character device', async () => {
    const r = await server.call('inspectModel', { path: '/dev/zero' });
    expect(r.status).toBe(422);
    expect(r.error?.message).toMatch(/\/dev\/zero is a character device, not a regular file/);
  });
});

describe('a refused file is never quoted to the client', () => {
  it('/etc/passwd as a trace or as trtexec exports', async () => {
    const requests: [string, Record<string, unknown>][] = [
      ['importOrtProfile', { trace: '/etc/passwd' }],
      ['importTrtexec', { times: '/etc/passwd' }],
      ['importTrtexec', { times: alexnetTimes, profile: '/etc/passwd' }],
      ['importTrtexec', { times: alexnetTimes, layerInfo: '/etc/passwd' }],
    ];
    for (const [method, request] of requests) {
      const r = await server.call(method, { request });
      expect(r.status, r.body).toBe(422);
      expect(r.error?.message).toContain('/etc/passwd');
      expect(r.body).not.toMatch(/root:|x:0:0|nologin/);
    }
  });
});

describe('impossible data over HTTP', () => {
  it('a trace with a model it was not made with', async () => {
    const mobilenet = await modelPath('mobilenet-style');
    const r = await server.call('importOrtProfile', { request: { trace: ppocrTrace, model: mobilenet } });
    expect(r.status).toBe(422);
    expect(r.error?.message).toMatch(/was not made with .*mobilenet-style\.onnx: only 0 of the trace's \d+ nodes \(0 %\)/);
  });
});

describe('the text limits hold on every face', () => {
  it('a label, a tag or a target past its limit in startRun; a label or hardware name in an import', async () => {
    const tiny = await modelPath('tiny-classifier');
    const cases: [string, unknown, RegExp][] = [
      ['startRun', { spec: { model: tiny, label: 'a'.repeat(30_000) } }, new RegExp(`a label is at most ${TEXT_LIMITS.label} characters \\(this one has 30000\\)`)],
      ['startRun', { spec: { model: tiny, tags: ['t'.repeat(TEXT_LIMITS.tag + 1)] } }, new RegExp(`a tag is at most ${TEXT_LIMITS.tag} characters`)],
      ['startRun', { spec: { model: tiny, targets: ['p99<=33ms'.padEnd(TEXT_LIMITS.target + 1, ' ')] } }, new RegExp(`a target expression is at most ${TEXT_LIMITS.target}`)],
      ['startRun', { spec: { model: tiny, targets: [''] } }, /an empty target expression gates nothing/],
      ['importOrtProfile', { request: { trace: ppocrTrace, label: 'l'.repeat(TEXT_LIMITS.label + 1) } }, /a label is at most/],
      ['importTrtexec', { request: { times: alexnetTimes, statedHardware: 'h'.repeat(TEXT_LIMITS.statedHardware + 1) } }, /a stated hardware name is at most/],
    ];
    const before = await runsFolder();
    for (const [method, args, message] of cases) {
      const r = await server.call(method, args);
      expect(r.status, r.body).toBe(400);
      expect(r.error?.message).toMatch(message);
    }
    expect(await runsFolder()).toEqual(before);
  });

  it('an empty or blank label, tag, note or stated hardware name, which the CLI refuses as an empty flag value', async () => {
    const tiny = await modelPath('tiny-classifier');
    const cases: [string, unknown, RegExp][] = [
      ['startRun', { spec: { model: tiny, label: '' } }, /label.*a label is empty: give one, or leave the field out/],
      ['startRun', { spec: { model: tiny, label: '   ' } }, /label.*a label is empty/],
      ['startRun', { spec: { model: tiny, tags: ['ok', ''] } }, /tags.*a tag is empty/],
      ['startRun', { spec: { model: tiny, tags: ['\t'] } }, /tags.*a tag is empty/],
      ['startRun', { spec: { model: tiny, targets: [' '] } }, /targets.*an empty target expression gates nothing/],
      ['startRun', { spec: { model: tiny, notes: '' } }, /notes.*notes are empty/],
      ['runSweep', { spec: { model: tiny, label: '' }, axes: { batch: [1] } }, /label.*a label is empty/],
      ['importOrtProfile', { request: { trace: ppocrTrace, label: '' } }, /label.*a label is empty/],
      ['importTrtexec', { request: { times: alexnetTimes, statedHardware: ' ' } }, /statedHardware.*a stated hardware name is empty/],
      ['importOpenvino', { request: { log: path.join(dir, 'run.log'), label: '' } }, /label.*a label is empty/],
      ['importOpenvino', { request: { log: path.join(dir, 'run.log'), tags: [' '] } }, /tags.*a tag is empty/],
    ];
    const before = await runsFolder();
    for (const [method, args, message] of cases) {
      const r = await server.call(method, args);
      expect(r.status, `${method} ${JSON.stringify(args)}: ${r.body}`).toBe(400);
      expect(r.error?.message).toMatch(message);
    }
    expect(await runsFolder()).toEqual(before);
  });
});
