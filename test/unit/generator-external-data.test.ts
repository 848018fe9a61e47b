import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { writeModel } from '../../models/write-model.js';

// Large exports keep weights in a separate file next to the .onnx; the builder can write such a
// pair, and ONNX Runtime must find the weights through the relative location.

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ModelBuilder external data', () => {
  it('writes weights beside the model and ONNX Runtime reads them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-external-'));
    const b = new ModelBuilder({ graphName: 'external' });
    const x = b.input('x', 'float32', [1, 3]);
    const w = b.initializer('w', 'float32', [3, 2], [1, 2, 3, 4, 5, 6], { externalLocation: 'external.weights' });
    const bias = b.initializer('bias', 'float32', [2], [10, 20], { externalLocation: 'external.weights' });
    const y = b.node('MatMul', [x, w], 'xw');
    b.node('Add', [y, bias], 'y');
    b.output('y', 'float32', [1, 2]);
    const modelFile = join(dir, 'external.onnx');
    await writeModel(modelFile, b);

    expect((await stat(join(dir, 'external.weights'))).size).toBe(8 * 4);
    expect((await readFile(modelFile)).includes(Buffer.from('external.weights'))).toBe(true);

    const session = await ort.InferenceSession.create(modelFile);
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.of(1, 1, 1), [1, 3]) });
    await session.release();
    expect([...(out['y']!.data as Float32Array)]).toEqual([1 + 3 + 5 + 10, 2 + 4 + 6 + 20]);
  });
});
