import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../core/api/imports.js';
import type { ModelGraph } from '../../core/api/model-graph.js';
import type { RunSetComparison } from '../../core/api/run-comparison.js';
import { modelPath } from '../helpers/models.js';

/**
 * LabApi.importOpenvino over HTTP against a real `edgelab serve`, as the app's Import screen calls
 * it, and the graph heat-map of the imported counters. The counters and exec graph are the
 * files written from benchmark_app's printing code for the generated tiny-classifier (their times
 * are illustrative; test/fixtures/openvino/SOURCES.md): what is checked is that each layer's time
 * lands on the node its originalLayersNames names.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const src = (name: string) => path.join(root, 'test', 'fixtures', 'openvino', 'from-source_tiny-classifier', name);

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

async function call<T>(method: string, args: unknown): Promise<{ status: number; value?: T; error?: { kind: string; message: string } }> {
  const res = await fetch(new URL(`/api/${method}`, base), { method: 'POST', headers: { 'content-type': 'application/json', 'x-edgelab-token': token }, body: JSON.stringify(args) });
  return { status: res.status, ...((await res.json()) as object) };
}

beforeAll(async () => {
  workspace = await mkdtemp(path.join(tmpdir(), 'edgelab-server-openvino-'));
  const url = await startServer(workspace);
  token = url.searchParams.get('token') ?? '';
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

describe('LabApi.importOpenvino over HTTP', () => {
  it('records a summary-only run and puts its counters on the model graph through the exec graph', async () => {
    const model = await modelPath('tiny-classifier');
    const r = await call<ImportResult>('importOpenvino', { request: { report: src('benchmark_report.json'), counters: src('benchmark_detailed_counters_report.json'), execGraph: src('exec_graph.xml'), model, targets: ['p99<=1ms'] } });
    expect(r.error).toBeUndefined();
    expect(r.value).toMatchObject({ state: 'summary-only', tool: 'openvino' });
    const graph = await call<ModelGraph>('modelGraph', { request: { runId: r.value!.runId } });
    expect(graph.error).toBeUndefined();
    const g = graph.value!;
    expect(g.profile?.placedShare).toBe(1);
    const counters = JSON.parse(await readFile(src('benchmark_detailed_counters_report.json'), 'utf8')) as { detailed_performance: { nodes: { name: string; real_time: number; status: string }[] }[] };
    const blocks = counters.detailed_performance;
    const mean = (name: string) => blocks.reduce((s, b) => s + b.nodes.find((n) => n.name === name)!.real_time, 0) / blocks.length;
    const total = blocks[0]!.nodes.filter((n) => n.status === 'EXECUTED').reduce((s, n) => s + mean(n.name), 0);
    const conv = g.nodes.find((n) => n.name === 'features/conv')!;
    expect(conv.profile?.meanMs).toBeCloseTo(mean('features/conv'), 12);
    expect(conv.profile?.share).toBeCloseTo(mean('features/conv') / total, 12);
    // The Relu fused into the conv ran as part of it: no time of its own.
    expect(g.nodes.find((n) => n.name === 'features/relu')?.profile ?? null).toBeNull();
  });

  it('compares two summary-only imports on the figures both state, testing nothing', async () => {
    const a = await call<ImportResult>('importOpenvino', { request: { report: src('benchmark_report.json') } });
    const b = await call<ImportResult>('importOpenvino', { request: { report: src('py_benchmark_report.csv') } });
    const compared = await call<RunSetComparison>('compareRuns', { ids: [a.value!.runId, b.value!.runId] });
    expect(compared.error).toBeUndefined();
    const c = compared.value!;
    expect(c.pairs).toEqual([]);
    expect(c.statedPairs).toHaveLength(1);
    const pair = c.statedPairs[0]!;
    const json = JSON.parse(await readFile(src('benchmark_report.json'), 'utf8')) as { execution_results: Record<string, number> };
    const csv = (key: string) => Number((readFileSync(src('py_benchmark_report.csv'), 'utf8').split('\n').find((l) => l.startsWith(`${key};`)) ?? '').split(';')[1]);
    expect(pair.metrics.find((m) => m.metric === 'mean')).toEqual({ metric: 'mean', unit: 'ms', a: json.execution_results['latency_avg'], b: csv('avg latency'), ratio: csv('avg latency') / json.execution_results['latency_avg']! });
    // The JSON states the median, the Python report the p99: neither is compared.
    expect(pair.notStated).toEqual(['p50', 'p90', 'p95', 'p99']);
    expect(c.runs.map((r) => r.p50Ms)).toEqual([json.execution_results['latency_median'], null]);
  });

  it('refuses a file that is not benchmark_app\'s with the importer\'s own words', async () => {
    const r = await call<ImportResult>('importOpenvino', { request: { counters: src('exec_graph.xml') } });
    expect(r.status).toBe(422);
    expect(r.error?.message).toContain(`--counters ${src('exec_graph.xml')}, line 1: expected the counters header`);
  });
});
