import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { RunRecordSchema } from '../../core/api/run-record.js';
import type { CommandContext } from '../../core/cli/context.js';
import { evalCommand } from '../../core/cli/commands/eval.js';
import { readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';
import { modelPath } from '../helpers/models.js';

function context() {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  const ctx = { stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream, signal: new AbortController().signal, env: {} } satisfies CommandContext;
  return { ctx, out: () => text };
}

describe('edgelab eval exits by verdict', () => {
  it('saves expected outputs, passes them (0), fails a tampered set (1), and prints a valid record with --json', async () => {
    const model = await modelPath('tiny-classifier');
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-cli-eval-'));
    const set = path.join(root, 'test_data_set_0');
    await writeTestDataSet(set, [{ name: 'input', tensor: new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.cos(i)), [1, 3, 32, 32]) }]);

    const save = context();
    expect(await evalCommand([model, '--test-data', root, '--save-expected'], save.ctx)).toBe(0);
    expect(save.out()).toContain('output_0.pb');

    const pass = context();
    expect(await evalCommand([model, '--test-data', root], pass.ctx)).toBe(0);
    expect(pass.out()).toMatch(/PASS: 1 of 1 set within tolerance/);

    const saved = await readTestDataSet(set);
    const probs = Float32Array.from(saved.outputs[0]?.tensor.data as Float32Array).map((p) => p * 1.01);
    await writeTestDataSet(set, [], [{ name: 'probabilities', tensor: new ort.Tensor('float32', probs, [1, 10]) }]);
    const fail = context();
    expect(await evalCommand([model, '--test-data', root, '--json'], fail.ctx)).toBe(1);
    const record = RunRecordSchema.parse(JSON.parse(fail.out()));
    expect(record.extras.evaluation).toMatchObject({ kind: 'expected-outputs', verdict: 'fail', tolerance: { atol: 1e-5, rtol: 1e-3 } });

    const loose = context();
    expect(await evalCommand([model, '--test-data', root, '--rtol', '0.02'], loose.ctx)).toBe(0);

    // Expected outputs of another shape (made for another model): refused, naming both shapes,
    // instead of a "fail" that counts every element as a mismatch.
    await writeTestDataSet(set, [], [{ name: 'probabilities', tensor: new ort.Tensor('float32', new Float32Array(12), [1, 12]) }]);
    const other = context();
    const refused = await evalCommand([model, '--test-data', root], other.ctx).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(LabError);
    expect((refused as LabError).kind).toBe('input');
    expect((refused as LabError).message).toContain('the expected output probabilities has shape [1, 12], but tiny-classifier.onnx produced [1, 10]');
  });

  it('measures accuracy with --images and --labels', async () => {
    const model = await modelPath('tiny-classifier');
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-cli-acc-'));
    const labels = path.join(root, 'labels.txt');
    await writeFile(labels, Array.from({ length: 10 }, (_, i) => `c${i}`).join('\n'));
    await mkdir(path.join(root, 'val', 'c3'), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).jpeg().toFile(path.join(root, 'val', 'c3', 'x.jpg'));
    const run = context();
    expect(await evalCommand([model, '--images', path.join(root, 'val'), '--labels', labels, '--normalize', 'imagenet', '--json'], run.ctx)).toBe(0);
    const record = RunRecordSchema.parse(JSON.parse(run.out()));
    expect(record.extras.accuracy).toMatchObject({ imageCount: 1, classCount: 10 });
    expect(record.spec.inputs).toMatchObject({ kind: 'images', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] });
  });

  it('refuses --images without --labels as a usage error', async () => {
    const model = await modelPath('tiny-classifier');
    await expect(evalCommand([model, '--images', '.'], context().ctx)).rejects.toBeInstanceOf(LabError);
  });
});
