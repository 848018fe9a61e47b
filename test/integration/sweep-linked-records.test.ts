import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import type { CommandContext } from '../../core/cli/context.js';
import { sweepCommand } from '../../core/cli/commands/sweep.js';
import { Workspace } from '../../core/evidence/index.js';
import { modelPath } from '../helpers/models.js';

function context(env: NodeJS.ProcessEnv): { ctx: CommandContext; out: () => string } {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream;
  return { ctx: { stdout, stderr, signal: new AbortController().signal, env }, out: () => Buffer.concat(chunks).toString() };
}

it('records one linked run per batch × threads point, sized by the batch dim, and names the best', async () => {
  const workspaceDir = await mkdtemp(path.join(tmpdir(), 'edgelab-sweep-'));
  const { ctx, out } = context({ ...process.env, EDGELAB_WORKSPACE: workspaceDir });
  const model = await modelPath('mobilenet-style');
  const code = await sweepCommand([model, '--batch', '1,2', '--threads', '1', '--threads', '2', '--iterations', '8', '--warmup', '1', '--no-telemetry', '--target', 'p50<=10s'], ctx);
  expect(code).toBe(0);
  expect(out()).toMatch(/Best: /);

  const workspace = await Workspace.open(workspaceDir);
  const summaries = await workspace.listRuns();
  expect(summaries).toHaveLength(4);
  const records = (await Promise.all(summaries.map((s) => workspace.getRun(s.id)))) as CompletedRun[];
  const links = records.map((r) => r.extras.sweep as { sweepId: string; index: number; count: number; point: { batch: number; threads: number }; axes: unknown });
  expect(new Set(links.map((l) => l.sweepId)).size).toBe(1);
  expect(links.map((l) => l.index).sort()).toEqual([0, 1, 2, 3]);
  expect(links[0]?.axes).toEqual({ batch: [1, 2], threads: [1, 2], batchDim: 'batch' });
  for (const [i, record] of records.entries()) {
    const point = links[i]!.point;
    expect(record.state).toBe('completed');
    // Each point is measured in the machine's turn, alone.
    expect(record.extras.measureLock).toMatchObject({ lock: 'held', overlapped: [] });
    expect(record.spec.tags).toContain(`sweep:${links[i]!.sweepId}`);
    expect(record.spec.session.intraOpNumThreads).toBe(point.threads);
    expect(record.inputs.tensors[0]?.shape).toEqual([point.batch, 3, 224, 224]);
    expect(record.batchSize).toBe(point.batch);
    expect(record.samplesPerS).toBeCloseTo(record.throughputPerS * point.batch, 6);
  }
});
