import { attr, ModelBuilder } from '../onnx-builder.js';

/**
 * One MatMul does almost all the work (128×512 by 512×1024: 67 M multiply-adds) and a few cheap
 * element-wise and layout ops sit around it, so a profile must name `heavy/matmul` as the
 * bottleneck. Node names are stable: tests and docs refer to them.
 */
export const lopsidedNodeNames = {
  bias: 'pre/bias_add',
  preRelu: 'pre/relu',
  heavy: 'heavy/matmul',
  transpose: 'post/transpose',
  postRelu: 'post/relu',
} as const;

export function buildLopsided(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'lopsided', seed: 7, docString: 'One dominant MatMul between cheap ops, for profiler tests' });
  const n = lopsidedNodeNames;
  const input = b.input('x', 'float32', [128, 512]);
  let x = b.node('Add', [input, b.randomInitializer('pre.bias', [512], { scale: 0.1 })], 'pre.biased', { name: n.bias });
  x = b.node('Relu', [x], 'pre.relu', { name: n.preRelu });
  x = b.node('MatMul', [x, b.randomInitializer('heavy.weight', [512, 1024])], 'heavy.out', { name: n.heavy });
  x = b.node('Transpose', [x], 'post.transposed', { name: n.transpose, attributes: { perm: attr.ints([1, 0]) } });
  b.node('Relu', [x], 'y', { name: n.postRelu });
  b.output('y', 'float32', [1024, 128]);
  return b.toBytes();
}
