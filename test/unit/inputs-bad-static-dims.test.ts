import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main.js';
import { resolveInputShapes } from '../../core/inputs/shapes.js';
import { ModelBuilder } from '../../models/onnx-builder.js';

/** A Relu model whose input declares `dims`: the malformed exports that crashed bench and parity. */
async function reluModel(dims: Array<number | string>): Promise<string> {
  const b = new ModelBuilder({ graphName: 'bad-dims' });
  const x = b.input('x', 'float32', dims);
  b.node('Relu', [x], 'y');
  b.output('y', 'float32', dims);
  const file = join(await mkdtemp(join(tmpdir(), 'edgelab-dims-')), 'bad-dims.onnx');
  await writeFile(file, b.toBytes());
  return file;
}

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stdout.resume();
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, { stdout: stdout as unknown as NodeJS.WriteStream, stderr: stderr as unknown as NodeJS.WriteStream, env: { EDGELAB_WORKSPACE: await mkdtemp(join(tmpdir(), 'edgelab-dims-ws-')) }, signal: new AbortController().signal });
  return { code, err };
}

describe('a model that declares a static dim below 1', () => {
  it.each([[-3], [0]])('dim %i: bench and parity refuse it naming the input and the dim, exit 2, no trace', async (bad) => {
    const model = await reluModel([1, bad]);
    const variant = await reluModel([1, bad]); // parity of a file with itself compares nothing
    for (const argv of [['bench', model, '--iterations', '2', '--no-save'], ['parity', model, variant, '--no-save']]) {
      const r = await cli(...argv);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`input 'x' declares dim 1 as ${bad}`);
      expect(r.err).not.toMatch(/\n\s+at |RangeError|unexpected error/);
    }
  });

  it('inspect flags it', async () => {
    const model = await reluModel([1, -3]);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect(await main(['inspect', model], { stdout: stdout as unknown as NodeJS.WriteStream, stderr: new PassThrough() as unknown as NodeJS.WriteStream, env: {}, signal: new AbortController().signal })).toBe(0);
    expect(out).toContain("PROBLEM: input 'x' declares dim 1 as -3; a static dim must be at least 1");
  });
});

describe('--shape and --dim that disagree', () => {
  it('is an error naming both, not a silent choice', () => {
    const input = { name: 'image', dtype: 'float32' as const, shape: ['batch', 3, 'size', 'size'] };
    expect(() => resolveInputShapes('m.onnx', [input], { size: 320 }, { image: [1, 3, 224, 224] })).toThrow(
      "--shape image=1x3x224x224 sets 'size' (dim 2 of 'image') to 224, but --dim size=320 sets it to 320.",
    );
    expect(resolveInputShapes('m.onnx', [input], { size: 224 }, { image: [1, 3, 224, 224] })[0]?.shape).toEqual([1, 3, 224, 224]);
  });
});

describe('work sized by the user\'s numbers is checked before anything is allocated', () => {
  it('parity --dim batch=2000000000 is bad input naming the tensor size, not a RangeError', async () => {
    const model = await reluModel(['batch', 3, 224, 224]);
    const variant = await reluModel(['batch', 3, 224, 224]);
    const r = await cli('parity', model, variant, '--dim', 'batch=2000000000', '--no-save');
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/Input 'x' float32 2000000000x3x224x224 of .* would need 1\d{3}\.\d TiB, over the 2 GiB a single tensor may hold/);
  });

  it('parity --sets is checked against free memory like bench --input-pool', async () => {
    const model = await reluModel(['batch', 3, 224, 224]);
    const variant = await reluModel(['batch', 3, 224, 224]);
    // 1000 sets of 1000x3x224x224 float32 is 561 GiB: more than any machine running this test has free.
    const r = await cli('parity', model, variant, '--dim', 'batch=1000', '--sets', '1000', '--no-save');
    expect(r.code, r.err).toBe(3);
    expect(r.err).toMatch(/would need 560\.8 GiB \(1000 sets × 574\.2 MiB.*fewer distinct input sets with --sets N/s);
  });
});
