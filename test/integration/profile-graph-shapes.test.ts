import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import { inspectModel } from '../../core/model/inspect.js';
import { loadModelProto } from '../../core/model/load-model.js';
import { inferShapes } from '../../core/model/shape-inference.js';
import { runProfiledPass } from '../../core/profile/profiled-pass.js';
import { ModelBuilder, attr, tensorProto } from '../../models/onnx-builder.js';
import { runtimeShapes } from '../../bench/runtime-shapes.js';
import { modelPath, type CatalogName } from '../helpers/models.js';

// FLOPs are counted from the graph's own shapes, inferred from the model for the fed inputs, not
// from the shapes in ONNX Runtime's trace: its NCHWc transform pads channels to its block size
// (24 → 32 where the block is 16), and a count from those inflated PP-OCRv4's Conv work by 19 %.
// The inferred shapes are checked here against the shapes ONNX Runtime itself computes when it runs
// the graph unoptimised (every original node, in the original layout).

let dir = '';
let paddleStyle = '';

/**
 * The layout of PaddleOCR's detector in miniature: weights in Constant nodes, 24-channel Convs (not
 * a multiple of NCHWc's block), a ConvTranspose upsampler, a nearest Resize by scales, and a Reshape
 * whose target is computed at run time (Shape → Gather → Concat), as Paddle2ONNX exports them.
 */
function buildPaddleStyle(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'paddle_style_det', opset: 11 });
  const x = b.input('x', 'float32', [1, 3, 64, 64]);
  const constant = (name: string, dims: number[], seed: number) => {
    const count = dims.reduce((p, d) => p * d, 1);
    const values = Array.from({ length: count }, (_, i) => (((i * 7 + seed) % 13) - 6) / 40);
    b.node('Constant', [], name, { name: `${name}.const`, attributes: { value: attr.tensor(tensorProto(name, 'float32', dims, values)) } });
    return name;
  };
  const w1 = constant('conv1.w', [24, 3, 3, 3], 1);
  const c1 = b.node('Conv', [x, w1], 'c1', { name: 'conv1', attributes: { pads: attr.ints([1, 1, 1, 1]), strides: attr.ints([2, 2]) } });
  const r1 = b.node('Relu', [c1], 'r1', { name: 'relu1' });
  const w2 = constant('conv2.w', [24, 24, 3, 3], 2);
  const c2 = b.node('Conv', [r1, w2], 'c2', { name: 'conv2', attributes: { pads: attr.ints([1, 1, 1, 1]) } });
  const wt = constant('up.w', [24, 8, 2, 2], 3);
  const up = b.node('ConvTranspose', [c2, wt], 'up', { name: 'up', attributes: { strides: attr.ints([2, 2]) } });
  const scales = b.node('Constant', [], 'scales', { name: 'scales.const', attributes: { value: attr.tensor(tensorProto('scales', 'float32', [4], [1, 1, 2, 2])) } });
  const roi = b.node('Constant', [], 'roi', { name: 'roi.const', attributes: { value: attr.tensor(tensorProto('roi', 'float32', [0], [])) } });
  const big = b.node('Resize', [up, roi, scales], 'big', { name: 'resize', attributes: { mode: attr.string('nearest') } });
  const shape = b.node('Shape', [big], 'shape', { name: 'shape' });
  const zero = b.node('Constant', [], 'zero', { name: 'zero.const', attributes: { value: attr.tensor(tensorProto('zero', 'int64', [1], [0n])) } });
  const batch = b.node('Gather', [shape, zero], 'batch', { name: 'gather', attributes: { axis: attr.int(0) } });
  const rest = b.node('Constant', [], 'rest', { name: 'rest.const', attributes: { value: attr.tensor(tensorProto('rest', 'int64', [1], [-1n])) } });
  const target = b.node('Concat', [batch, rest], 'target', { name: 'concat', attributes: { axis: attr.int(0) } });
  b.node('Reshape', [big, target], 'y', { name: 'reshape' });
  b.output('y', 'float32', [1, 8 * 128 * 128]);
  return b.toBytes();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edgelab-graph-shapes-'));
  paddleStyle = join(dir, 'paddle-style.onnx');
  await writeFile(paddleStyle, buildPaddleStyle());
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('shape inference on the graph', () => {
  const cases: Array<[string, () => Promise<string>, Record<string, number[]>]> = [
    ['the Paddle-style detector', async () => paddleStyle, { x: [1, 3, 64, 64] }],
    ...(['mobilenet-style', 'tiny-classifier', 'lopsided'] as CatalogName[]).map((name): [string, () => Promise<string>, Record<string, number[]>] => [
      name,
      () => modelPath(name),
      name === 'mobilenet-style' ? { input: [2, 3, 224, 224] } : name === 'lopsided' ? { x: [128, 512] } : { input: [1, 3, 32, 32] },
    ]),
  ];
  it.each(cases)('gives every node output of %s the shape ONNX Runtime computes', async (_name, path, inputs) => {
    const model = await path();
    const expected = await runtimeShapes(model, inputs, dir);
    const { graph } = await loadModelProto(model);
    const inferred = inferShapes(graph, new Map(Object.entries(inputs)));
    expect(inferred.unknownOps).toEqual([]);
    expect(expected.size).toBeGreaterThan(3);
    for (const [tensor, dims] of expected) expect([tensor, inferred.shapes.get(tensor)]).toEqual([tensor, dims]);
  });
});

describe('shape inference on a graph out of topological order', () => {
  // ISNet's fp16 export lists its input Cast after the nodes that read it; ONNX Runtime sorts.
  it('infers the same shapes as for the sorted graph', async () => {
    const { graph } = await loadModelProto(paddleStyle);
    const inputs = new Map([['x', [1, 3, 64, 64]]]);
    const sorted = inferShapes(graph, inputs);
    const reversed = inferShapes({ ...graph, node: [...graph.node].reverse() }, inputs);
    expect(reversed.unknownOps).toEqual([]);
    expect(reversed.shapes).toEqual(sorted.shapes);
  });
});

describe('a profile of a model whose channels the runtime pads', () => {
  it('counts Conv, ConvTranspose and Resize work from the graph, and weights as inspect does', async () => {
    const pass = await runProfiledPass({ modelPath: paddleStyle, settings: SessionSettingsSchema.parse({ intraOpNumThreads: 1 }), iterations: 2, outDir: join(dir, 'profile') });
    const byGraphNode = (name: string) => pass.breakdown.nodes.find((n) => n.graphNode === name);
    // conv1: 24 outputs of 32×32, each 3×3×3 MACs; conv2: 24 of 32×32, each 24×3×3 MACs.
    expect(byGraphNode('conv1')?.flops).toBe(2 * 24 * 32 * 32 * 27);
    expect(byGraphNode('conv2')?.flops).toBe(2 * 24 * 32 * 32 * 24 * 9);
    // ConvTranspose: every input element (24×32×32) scatters into 8 outputs × 2×2 taps.
    expect(byGraphNode('up')).toMatchObject({ flops: 2 * 24 * 32 * 32 * 8 * 4, costMethod: 'exact' });
    // Nearest Resize: one source lookup per output element of [1, 8, 128, 128].
    expect(byGraphNode('resize')?.flops).toBe(8 * 128 * 128);
    const info = await inspectModel(paddleStyle);
    expect(pass.breakdown.memory.parameterBytes).toBe(info.parameterBytes);
    expect(byGraphNode('conv2')?.parameterBytes).toBe(24 * 24 * 9 * 4);
  });
});
