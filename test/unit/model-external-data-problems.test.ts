import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { inspectModel } from '../../core/model/inspect.js';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { writeModel } from '../../models/write-model.js';

/** A MatMul model whose weights live in an external file at `location` (relative to the model). */
async function externalModel(location: string): Promise<{ model: string; weights: string }> {
  const root = await mkdtemp(join(tmpdir(), 'edgelab-extdata-'));
  const dir = join(root, 'model');
  await mkdir(dir);
  const b = new ModelBuilder({ graphName: 'external' });
  const x = b.input('x', 'float32', [1, 64]);
  const w = b.randomInitializer('w', [64, 32], { externalLocation: location });
  b.node('MatMul', [x, w], 'y');
  b.output('y', 'float32', [1, 32]);
  const model = join(dir, 'model.onnx');
  await writeModel(model, b);
  return { model, weights: join(dir, location) };
}

const cli = async (...argv: string[]) => runMain(argv, { EDGELAB_WORKSPACE: await mkdtemp(join(tmpdir(), 'edgelab-extdata-ws-')) });

describe('external data that is missing, truncated or outside the model folder', () => {
  it('a sound model has no problems and runs', async () => {
    const { model } = await externalModel('weights.bin');
    expect((await inspectModel(model)).externalDataProblems).toBeUndefined();
    expect((await cli('bench', model, '--iterations', '3', '--warmup', '1', '--no-save')).code).toBe(0);
  });

  it('a missing file: inspect flags it, bench is bad input (exit 2) naming the file', async () => {
    const { model, weights } = await externalModel('weights.bin');
    await rm(weights);
    const inspected = await cli('inspect', model);
    expect(inspected.out).toContain(`PROBLEM: external data 'weights.bin' for 1 tensor ('w') is missing: expected ${weights}`);
    const bench = await cli('bench', model, '--iterations', '3', '--no-save');
    expect(bench.code, bench.err).toBe(2);
    expect(bench.err).toContain(`cannot be loaded: its external data 'weights.bin' for 1 tensor ('w') is missing`);
    expect(bench.err).not.toMatch(/\n\s+at /);
  });

  it('a truncated file is named with the bytes it lacks', async () => {
    const { model, weights } = await externalModel('weights.bin');
    await truncate(weights, 100);
    expect((await inspectModel(model)).externalDataProblems).toEqual([`'weights.bin' for 1 tensor ('w') is 100 bytes, but its tensors need ${64 * 32 * 4}: the file is truncated`]);
  });

  it('a FIFO in place of the weights is named as one, and bench refuses it rather than waiting on it', async () => {
    const { model, weights } = await externalModel('weights.bin');
    await rm(weights);
    execFileSync('mkfifo', [weights]);
    expect((await inspectModel(model)).externalDataProblems).toEqual([`'weights.bin' for 1 tensor ('w') is a FIFO (named pipe), not a regular file: ${weights}`]);
    const bench = await cli('bench', model, '--iterations', '3', '--no-save');
    expect(bench.code, bench.err).toBe(2);
    expect(bench.err).toContain('is a FIFO (named pipe)');
  });

  it('a location that leaves the model folder is flagged, even when the file is there', async () => {
    const { model } = await externalModel('../outside.bin');
    const problems = (await inspectModel(model)).externalDataProblems ?? [];
    expect(problems[0]).toMatch(/^'\.\.\/outside\.bin' for 1 tensor \('w'\) escapes the model's folder/);
    const bench = await cli('bench', model, '--iterations', '3', '--no-save');
    expect(bench.code, bench.err).toBe(2);
  });
});
