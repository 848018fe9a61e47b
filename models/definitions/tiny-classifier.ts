import { attr, ModelBuilder } from '../onnx-builder.js';

/** The smallest useful classifier: one strided Conv, pooling, a 10-way Gemm and Softmax. */
export function buildTinyClassifier(): Uint8Array {
  const b = new ModelBuilder({ graphName: 'tiny_classifier', seed: 32, docString: 'Tiny 10-class classifier for fast tests' });
  const input = b.input('input', 'float32', [1, 3, 32, 32]);
  let x = b.node('Conv', [input, b.randomInitializer('conv.weight', [8, 3, 3, 3]), b.randomInitializer('conv.bias', [8], { scale: 0.01 })], 'conv', {
    name: 'features/conv',
    attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) },
  });
  x = b.node('Relu', [x], 'relu', { name: 'features/relu' });
  x = b.node('GlobalAveragePool', [x], 'pool', { name: 'head/pool' });
  x = b.node('Flatten', [x], 'flatten', { name: 'head/flatten' });
  x = b.node('Gemm', [x, b.randomInitializer('fc.weight', [10, 8]), b.randomInitializer('fc.bias', [10], { scale: 0.01 })], 'logits', {
    name: 'head/fc',
    attributes: { transB: attr.int(1) },
  });
  b.node('Softmax', [x], 'probabilities', { name: 'head/softmax', attributes: { axis: attr.int(1) } });
  b.output('probabilities', 'float32', [1, 10]);
  return b.toBytes();
}
