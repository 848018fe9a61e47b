import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectModel } from '../../core/model/inspect.js';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { writeModel } from '../../models/write-model.js';

// Weights stored outside the .onnx still count as parameters, and each reference says where.

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('inspectModel with external data', () => {
  it('counts external weights and lists their locations', async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-inspect-external-'));
    const b = new ModelBuilder({ graphName: 'external' });
    const x = b.input('x', 'float32', [1, 64]);
    const w = b.randomInitializer('w', [64, 32], { externalLocation: 'weights.bin' });
    const bias = b.initializer('bias', 'float16', [32], new Array(32).fill(0.5), { externalLocation: 'weights.bin' });
    const inline = b.initializer('scale', 'float32', [1], [2]);
    const y = b.node('MatMul', [x, w], 'xw');
    const z = b.node('Add', [y, b.node('Cast', [bias], 'bias32', { attributes: { to: { type: 'int', value: 1 } } })], 'z');
    b.node('Mul', [z, inline], 'y');
    b.output('y', 'float32', [1, 32]);
    const path = join(dir, 'model.onnx');
    await writeModel(path, b);

    const info = await inspectModel(path);
    expect(info.externalData).toEqual([
      { tensor: 'w', location: 'weights.bin', offset: 0, length: 64 * 32 * 4 },
      { tensor: 'bias', location: 'weights.bin', offset: 64 * 32 * 4, length: 32 * 2 },
    ]);
    expect(info.parameterCount).toBe(64 * 32 + 32 + 1);
    expect(info.parametersByDtype).toEqual([
      { dtype: 'float32', count: 64 * 32 + 1, bytes: 64 * 32 * 4 + 4 },
      { dtype: 'float16', count: 32, bytes: 64 },
    ]);
    expect(info.sizeBytes).toBeLessThan(1024);
  });
});
