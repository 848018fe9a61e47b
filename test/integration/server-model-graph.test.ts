import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceTrace } from '../../core/api/inference-trace.js';
import type { ModelGraph } from '../../core/api/model-graph.js';
import type { RunSetComparison } from '../../core/api/run-comparison.js';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { startLabServer } from '../../core/server/lab-server.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// The graph and its profile overlay come through LabApi over HTTP, as the browser face reads them;
// the profiled run is a real `edgelab bench --profile` on a real ONNX Runtime session.
let root: string;
let model: string;
let profiledId: string;
let plainId: string;
let lab: LabService;
let server: Awaited<ReturnType<typeof startLabServer>>;

async function call<T>(method: string, args: unknown): Promise<{ status: number; value?: T; error?: { message: string; hint?: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-edgelab-token': server.token },
    body: JSON.stringify(args),
  });
  return { status: res.status, ...((await res.json()) as { value?: T; error?: { message: string } }) };
}

async function bench(args: string[]): Promise<string> {
  const r = await runCli(['bench', model, '--dim', 'batch=1', '--iterations', '15', '--warmup', '2', '--no-telemetry', '--json', ...args], { env: { EDGELAB_WORKSPACE: path.join(root, 'ws') } });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { id: string }).id;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'edgelab-graph-'));
  model = path.join(root, 'mobilenet-style.onnx');
  await copyFile(await modelPath('mobilenet-style'), model);
  profiledId = await bench(['--profile']);
  plainId = await bench([]);
  lab = new LabService({ workspace: await Workspace.open(path.join(root, 'ws')), launchRunner: forkRunner });
  server = await startLabServer({ lab, port: 0, host: '127.0.0.1', rendererDir: path.join(root, 'no-bundle') });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await lab?.close();
});

describe('LabApi.modelGraph', () => {
  it('draws every operator with its attributes, weights and declared shapes, edges along the tensors', async () => {
    const r = await call<ModelGraph>('modelGraph', { request: { path: model } });
    const graph = r.value as ModelGraph;
    expect(graph.profile).toBeNull();
    expect(graph.inputs.map((i) => i.name)).toEqual(['input']);
    expect(graph.inputs[0]?.shape).toEqual(['batch', 3, 224, 224]);
    const conv = graph.nodes.find((n) => n.opType === 'Conv');
    expect(conv?.attributes['kernel_shape']).toEqual([3, 3]);
    expect(conv?.weights[0]?.shape).toHaveLength(4);
    expect(conv?.weights[0]?.bytes).toBeGreaterThan(0);
    const ids = new Set([...graph.nodes.map((n) => n.id), 'input:input', ...graph.outputs.map((o) => `output:${o.name}`)]);
    for (const e of graph.edges) {
      expect(ids.has(e.from)).toBe(true);
      expect(ids.has(e.to)).toBe(true);
    }
    expect(graph.edges.some((e) => e.from === 'input:input')).toBe(true);
  });

  it('puts a profiled run\'s time on the nodes it ran in, shares summing to what it could place', async () => {
    const graph = (await call<ModelGraph>('modelGraph', { request: { runId: profiledId } })).value as ModelGraph;
    expect(graph.profile).toMatchObject({ runId: profiledId, timeKind: 'host', providers: ['CPUExecutionProvider'] });
    const profiled = graph.nodes.filter((n) => n.profile !== null);
    expect(profiled.length).toBeGreaterThan(5);
    const placed = profiled.reduce((a, n) => a + (n.profile?.share ?? 0), 0);
    expect(placed).toBeCloseTo(graph.profile?.placedShare ?? 0, 6);
    expect(placed).toBeGreaterThan(0.5);
    const conv = profiled.find((n) => n.opType === 'Conv' && n.profile?.flops !== null);
    expect(conv?.profile?.gflopsPerS).toBeGreaterThan(0);
    expect(conv?.profile?.kernels.length).toBeGreaterThan(0);
    // The run fixed batch=1: the overlay fills in shapes the model did not declare, from kernels
    // that are the node itself (a layout-transformed NCHWc kernel pads channels, so it is not used).
    const plain = (await call<ModelGraph>('modelGraph', { request: { path: model } })).value as ModelGraph;
    const undeclared = new Set(plain.nodes.flatMap((n) => n.outputs.filter((o) => o.shape === null).map((o) => o.name)));
    const filled = graph.nodes.flatMap((n) => n.outputs).filter((o) => undeclared.has(o.name) && o.shape !== null);
    expect(filled.length).toBeGreaterThan(0);
    expect(filled.every((o) => o.shape?.[0] === 1)).toBe(true);
  });

  it('shows the shapes of the run it draws: the input as the run fixed it, every tensor shape inference knows', async () => {
    const graph = (await call<ModelGraph>('modelGraph', { request: { runId: profiledId } })).value as ModelGraph;
    // The run fixed batch=1 (--dim batch=1): its input node is [1, 3, 224, 224], not [batch, 3, 224, 224].
    expect(graph.inputs[0]?.shape).toEqual([1, 3, 224, 224]);
    const tensors = graph.nodes.flatMap((n) => [...n.inputs, ...n.outputs]);
    expect(tensors.filter((t) => t.shape === null || t.shape.some((d) => typeof d !== 'number')).map((t) => t.name)).toEqual([]);
    // The classifier's logits as ONNX Runtime produced them in that run.
    const record = await lab.workspace.getRun(profiledId);
    expect(graph.outputs[0]?.shape).toEqual([1, 1000]);
    expect(record.state === 'completed' && record.inputs.tensors[0]?.shape).toEqual([1, 3, 224, 224]);
    // Without a run the model's own symbol stays: nothing is made up for a dim no run fixed.
    const plain = (await call<ModelGraph>('modelGraph', { request: { path: model } })).value as ModelGraph;
    expect(plain.inputs[0]?.shape).toEqual(['batch', 3, 224, 224]);
  });

  it('refuses an overlay it cannot draw truthfully, naming the run and what to do', async () => {
    const noProfile = await call('modelGraph', { request: { runId: plainId } });
    expect(noProfile.status).toBe(400);
    expect(noProfile.error?.message).toContain(`Run ${plainId} has no op profile`);
    expect(noProfile.error?.hint).toMatch(/Op-level profile/);

    const trace = path.join(lab.workspace.artifactDir(profiledId), 'ort-profile.json');
    const original = await readFile(trace);
    await writeFile(trace, original.toString('utf8').replace('"dur"', '"dur" '));
    try {
      const edited = await call('modelGraph', { request: { runId: profiledId } });
      expect(edited.error?.message).toMatch(/SHA-256 differs/);
    } finally {
      await writeFile(trace, original);
    }

    const unknown = await call('modelGraph', { request: {} });
    expect(unknown.error?.message).toContain('give a model path or a run id');
  });
});

describe('LabApi.compareRuns', () => {
  it('tests each run against the first and returns every run\'s samples for the charts', async () => {
    const r = await call<RunSetComparison>('compareRuns', { ids: [plainId, profiledId] });
    const data = r.value as RunSetComparison;
    expect(data.baselineId).toBe(plainId);
    expect(data.runs.map((x) => x.samplesMs.length)).toEqual([15, 15]);
    expect(data.pairs).toHaveLength(1);
    expect(data.pairs[0]?.test.name).toBe('Mann–Whitney U');
    expect(data.pairs[0]?.metrics.map((m) => m.metric)).toContain('p99');
    expect(data.text).toContain(profiledId);
    const one = await call('compareRuns', { ids: [plainId] });
    expect(one.status).toBe(400);
    expect(one.error?.message).toMatch(/compareRuns: field ids: Too small/);
  });
});

describe('LabApi.inferenceTrace', () => {
  it('gives one inference of the profiled run and the trace file byte for byte', async () => {
    const trace = (await call<InferenceTrace>('inferenceTrace', { runId: profiledId })).value as InferenceTrace;
    expect(trace.spans.length).toBeGreaterThan(5);
    expect(trace.spans.every((s) => s.provider === 'CPUExecutionProvider')).toBe(true);
    const onDisk = await readFile(path.join(lab.workspace.artifactDir(profiledId), 'ort-profile.json'), 'utf8');
    expect(trace.file.content).toBe(onDisk);
    const noProfile = await call('inferenceTrace', { runId: plainId });
    expect(noProfile.error?.message).toContain('has no op profile');
  });
});
