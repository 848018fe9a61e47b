import { attr, ModelBuilder } from '../onnx-builder.js';

/**
 * Symbolic dims that are not a batch: an image of any `height` × `width` and a sequence of
 * `seq_len` tokens. Nothing can guess these, so a run must be told their values (--dim).
 */
export const symbolicDimNames = ['height', 'width', 'seq_len'] as const;

export function buildSymbolicDims(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'symbolic_dims', seed: 11, docString: 'Inputs with non-batch symbolic dims' });
  const image = b.input('image', 'float32', [1, 3, 'height', 'width']);
  const tokens = b.input('tokens', 'float32', ['seq_len', 16]);

  let x = b.node('Conv', [image, b.randomInitializer('image.conv.weight', [8, 3, 3, 3]), b.randomInitializer('image.conv.bias', [8], { scale: 0.01 })], 'image.conv', {
    name: 'image/conv',
    attributes: { kernel_shape: attr.ints([3, 3]), pads: attr.ints([1, 1, 1, 1]) },
  });
  x = b.node('Relu', [x], 'image.relu', { name: 'image/relu' });
  x = b.node('GlobalAveragePool', [x], 'image.pool', { name: 'image/pool' });
  b.node('Flatten', [x], 'features', { name: 'image/flatten' });
  b.output('features', 'float32', [1, 8]);

  const t = b.node('MatMul', [tokens, b.randomInitializer('tokens.proj.weight', [16, 16])], 'tokens.proj', { name: 'tokens/proj' });
  b.node('Tanh', [t], 'encoded', { name: 'tokens/tanh' });
  b.output('encoded', 'float32', ['seq_len', 16]);
  return b.toBytes();
}
