import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

describe('edgelab bench (real CLI, real ONNX Runtime)', () => {
  it('prints a run record with the documented fields under --json', async () => {
    const model = await modelPath('tiny-classifier');
    const r = await runCli(['bench', model, '--iterations', '40', '--warmup', '5', '--json', '--target', 'p50<=10s']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.state).toBe('completed');
    expect(typeof record.id).toBe('string');
    for (const k of ['mean', 'stddev', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'p999']) {
      expect(record.latencyMs[k]).toBeGreaterThan(0);
    }
    expect(record.latencyMs.min).toBeLessThanOrEqual(record.latencyMs.p50);
    expect(record.latencyMs.p50).toBeLessThanOrEqual(record.latencyMs.p99);
    expect(record.latencyMs.p99).toBeLessThanOrEqual(record.latencyMs.max);
    expect(record.samplesMs).toHaveLength(40);
    expect(record.iterations).toBe(40);
    expect(record.throughputPerS).toBeGreaterThan(0);
    expect(record.coldStart.sessionCreateMs).toBeGreaterThan(0);
    expect(record.coldStart.firstInferenceMs).toBeGreaterThan(0);
    expect(record.warmup.iterations).toBe(5);
    expect(record.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.spec.model).toBe(model);
    expect(record.inputs.distinctSets).toBe(4);
    expect(Array.isArray(record.warnings)).toBe(true);
    expect(record.verdicts).toHaveLength(1);
    expect(record.verdicts[0].status).toBe('pass');
  });

  it('takes symbolic dims and ONNX Runtime session options', async () => {
    const model = await modelPath('symbolic-dims');
    const r = await runCli(['bench', model, '--dim', 'height=32', '--dim', 'width=48', '--dim', 'seq_len=5', '--iterations', '10', '--warmup', '0',
      '--threads', '1', '--graph-opt', 'basic', '--execution-mode', 'parallel', '--no-cpu-arena', '--input-pool', '2', '--json']);
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.spec.session).toMatchObject({ intraOpNumThreads: 1, graphOptimizationLevel: 'basic', executionMode: 'parallel', enableCpuMemArena: false });
    expect(record.inputs.distinctSets).toBe(2);
    expect(record.inputs.tensors.map((t: { shape: number[] }) => t.shape)).toEqual(expect.arrayContaining([[1, 3, 32, 48]]));
  });

  it('feeds every dtype of the multi-input model', async () => {
    const model = await modelPath('multi-input');
    const r = await runCli(['bench', model, '--iterations', '5', '--warmup', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const dtypes = JSON.parse(r.stdout).inputs.tensors.map((t: { dtype: string }) => t.dtype).sort();
    expect(dtypes).toEqual(['bool', 'float16', 'float32', 'int32', 'int64', 'int8', 'uint8']);
  });

  it('stops on --duration and prints a readable summary without --json', async () => {
    const model = await modelPath('tiny-classifier');
    const r = await runCli(['bench', model, '--duration', '300ms', '--warmup', '50ms', '--label', 'duration-check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/p99/);
    expect(r.stdout).toMatch(/cold start|Cold start/i);
  });

  it('exits 1 when a target fails', async () => {
    const model = await modelPath('tiny-classifier');
    const r = await runCli(['bench', model, '--iterations', '30', '--warmup', '2', '--target', 'p50<=1us', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).verdicts[0].status).toBe('fail');
  });

  it('writes the record to --out', async () => {
    const { mkdtemp, readFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-out-'));
    const out = path.join(dir, 'run.json');
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '0', '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).iterations).toBe(5);
  });
});
