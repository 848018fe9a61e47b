import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import type { ProfileBreakdown } from '../../core/profile/breakdown.js';
import { runProfiledPass } from '../../core/profile/profiled-pass.js';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';

// Three independent branches in one model, each with shapes chosen so the hand count is easy to
// check: FLOPs = 2 × MACs, bias adds not counted.
function buildModel(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'flop_counts', seed: 3 });
  // Grouped, strided Conv: X [1,8,16,16], W [16,4,3,3], group 2, stride 2, pad 1 → Y [1,16,8,8].
  const x = b.input('x', 'float32', [1, 8, 16, 16]);
  b.node('Conv', [x, b.randomInitializer('conv.w', [16, 4, 3, 3]), b.randomInitializer('conv.b', [16])], 'conv.y', {
    name: 'conv',
    attributes: { group: attr.int(2), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]), kernel_shape: attr.ints([3, 3]) },
  });
  b.output('conv.y', 'float32', [1, 16, 8, 8]);
  // Batched MatMul: A [2,32,64] · B [64,48] → [2,32,48].
  const a = b.input('a', 'float32', [2, 32, 64]);
  b.node('MatMul', [a, b.randomInitializer('mm.b', [64, 48])], 'mm.y', { name: 'matmul' });
  b.output('mm.y', 'float32', [2, 32, 48]);
  // Gemm with both transposes: A [40,32]ᵀ · B [48,40]ᵀ + C [48] → [32,48], K = 40.
  const g = b.input('g', 'float32', [40, 32]);
  b.node('Gemm', [g, b.randomInitializer('gemm.b', [48, 40]), b.randomInitializer('gemm.c', [48])], 'gemm.y', {
    name: 'gemm',
    attributes: { transA: attr.int(1), transB: attr.int(1) },
  });
  b.output('gemm.y', 'float32', [32, 48]);
  return b.toBytes();
}

describe('FLOP counts from a real profile of generated Conv, MatMul and Gemm nodes', () => {
  let dir: string;
  let breakdown: ProfileBreakdown;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-flops-'));
    const modelPath = join(dir, 'flop-counts.onnx');
    await writeFile(modelPath, buildModel());
    ({ breakdown } = await runProfiledPass({
      modelPath,
      settings: SessionSettingsSchema.parse({ intraOpNumThreads: 1 }),
      iterations: 2,
      outDir: dir,
    }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const byGraphNode = (name: string) => breakdown.nodes.find((n) => n.graphNode === name);

  it('counts the grouped strided Conv as 2 × 16·8·8 outputs × 4·3·3 MACs', () => {
    expect(byGraphNode('conv')?.flops).toBe(2 * (16 * 8 * 8) * (4 * 3 * 3));
    expect(byGraphNode('conv')?.costMethod).toBe('exact');
  });

  it('counts the batched MatMul as 2 × 2·32·48 × 64', () => {
    expect(byGraphNode('matmul')?.flops).toBe(2 * (2 * 32 * 48) * 64);
  });

  it('counts the transposed Gemm as 2 × 32·48 × 40, without the bias add', () => {
    expect(byGraphNode('gemm')?.flops).toBe(2 * 32 * 48 * 40);
  });

  it('sums them into the model total per inference', () => {
    const expected = 2 * 16 * 8 * 8 * 36 + 2 * 2 * 32 * 48 * 64 + 2 * 32 * 48 * 40;
    const heavy = ['conv', 'matmul', 'gemm'].map((n) => byGraphNode(n)?.flops ?? 0).reduce((a, b) => a + b, 0);
    expect(heavy).toBe(expected);
    expect(breakdown.flopsPerRun).toBeGreaterThanOrEqual(expected);
  });
});
