import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeParameterLocations } from '../../core/present/parameter-locations.js';
import { formatModelInfo } from '../../core/present/format-model-info.js';
import { inspectModel } from '../../core/model/inspect.js';
import { ModelBuilder, attr, tensorProto } from '../../models/onnx-builder.js';

// Paddle2ONNX (PaddleOCR's det/rec/cls models) keeps every weight in a Constant node and has no
// initializer at all: inspect said "Parameters 0 (0 B)" for a 4.5 MiB detector. This model has the
// same layout: Conv weights and bias in Constant nodes, plus one small shape constant.

let dir = '';
let path = '';
beforeAll(async () => {
  const b = new ModelBuilder({ graphName: 'paddle_style', opset: 11 });
  const x = b.input('x', 'float32', [1, 3, 8, 8]);
  const weights = Array.from({ length: 16 * 3 * 3 * 3 }, (_, i) => (i % 7) / 7);
  b.node('Constant', [], 'conv.w', { attributes: { value: attr.tensor(tensorProto('conv.w', 'float32', [16, 3, 3, 3], weights)) } });
  b.node('Constant', [], 'conv.b', { attributes: { value: attr.tensor(tensorProto('conv.b', 'float32', [16], new Array(16).fill(0.5))) } });
  b.node('Conv', [x, 'conv.w', 'conv.b'], 'c', { attributes: { pads: attr.ints([1, 1, 1, 1]) } });
  b.node('Constant', [], 'shape', { attributes: { value: attr.tensor(tensorProto('shape', 'int64', [2], [1n, -1n])) } });
  b.node('Reshape', ['c', 'shape'], 'y');
  b.output('y', 'float32', [1, 1024]);
  dir = await mkdtemp(join(tmpdir(), 'edgelab-constant-weights-'));
  path = join(dir, 'paddle-style.onnx');
  await writeFile(path, b.toBytes());
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('weights held in Constant nodes', () => {
  it('are counted as parameters, by dtype', async () => {
    const info = await inspectModel(path);
    expect(info.parameterCount).toBe(16 * 27 + 16 + 2);
    expect(info.parametersByDtype).toEqual([
      { dtype: 'float32', count: 448, bytes: 448 * 4 },
      { dtype: 'int64', count: 2, bytes: 16 },
    ]);
  });

  it('say where they live: in inspect --json, the text and the words the app uses', async () => {
    const info = await inspectModel(path);
    expect(info.parameterLocations).toEqual([{ location: 'constant-nodes', tensors: 3, count: 450, bytes: 448 * 4 + 16 }]);
    expect(describeParameterLocations(info)).toBe('in 3 Constant nodes');
    expect(formatModelInfo(info)).toContain('Parameters  450 (1.8 KiB) in 3 Constant nodes');
  });

  it('are told apart from initializers when a model has both', () => {
    expect(
      describeParameterLocations({
        parameterLocations: [
          { location: 'initializers', tensors: 1, count: 10, bytes: 40 },
          { location: 'constant-nodes', tensors: 4, count: 4, bytes: 16 },
        ],
      }),
    ).toBe('in 1 initializer and 4 Constant nodes');
    expect(describeParameterLocations({ parameterLocations: [] })).toBe('no weights in the graph');
  });
});
