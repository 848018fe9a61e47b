import { attr, ModelBuilder } from '../onnx-builder.js';

/**
 * A MobileNet-v1 layout at width multiplier 0.5 (about 150 M multiply-adds at 224×224): a strided 3×3 stem,
 * depthwise-separable blocks, global average pooling and a 1000-way Gemm + Softmax. Small enough
 * to run in a few milliseconds on two CPU cores, shaped like the real thing so profiles show the
 * usual depthwise vs pointwise split. The depthwise half keeps an explicit BatchNormalization and
 * Relu6 (Clip) as exporters write them; the pointwise half has its bias folded into the Conv.
 */
const blocks: ReadonlyArray<{ out: number; stride: number }> = [
  { out: 32, stride: 1 },
  { out: 64, stride: 2 },
  { out: 64, stride: 1 },
  { out: 128, stride: 2 },
  { out: 128, stride: 1 },
  { out: 256, stride: 2 },
  { out: 256, stride: 1 },
  { out: 256, stride: 1 },
  { out: 256, stride: 1 },
  { out: 256, stride: 1 },
  { out: 256, stride: 1 },
  { out: 512, stride: 2 },
  { out: 512, stride: 1 },
];

const stemChannels = 16;
const classes = 1000;

export function buildMobilenetStyle(): Uint8Array {
  const b = new ModelBuilder({
    graphName: 'mobilenet_style',
    seed: 224,
    docString: 'MobileNet-v1-style classifier (width 0.5), deterministic weights, for demos and benchmarks',
  });
  const input = b.input('input', 'float32', ['batch', 3, 224, 224]);
  const relu6Min = b.constant('relu6.min', 'float32', 0);
  const relu6Max = b.constant('relu6.max', 'float32', 6);

  let x = b.node('Conv', [input, b.randomInitializer('stem.conv.weight', [stemChannels, 3, 3, 3]), b.randomInitializer('stem.conv.bias', [stemChannels], { scale: 0.01 })], 'stem.conv', {
    name: 'stem/conv',
    attributes: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) },
  });
  x = b.node('Relu', [x], 'stem.relu', { name: 'stem/relu' });

  let channels = stemChannels;
  blocks.forEach(({ out, stride }, i) => {
    const p = `block${i + 1}`;
    x = b.node('Conv', [x, b.randomInitializer(`${p}.dw.weight`, [channels, 1, 3, 3])], `${p}.dw.conv`, {
      name: `${p}/dw/conv`,
      attributes: {
        group: attr.int(channels),
        kernel_shape: attr.ints([3, 3]),
        strides: attr.ints([stride, stride]),
        pads: attr.ints([1, 1, 1, 1]),
      },
    });
    x = b.node(
      'BatchNormalization',
      [
        x,
        b.randomInitializer(`${p}.dw.bn.scale`, [channels], { scale: 0.1, offset: 1 }),
        b.randomInitializer(`${p}.dw.bn.bias`, [channels], { scale: 0.1 }),
        b.randomInitializer(`${p}.dw.bn.mean`, [channels], { scale: 0.1 }),
        b.randomInitializer(`${p}.dw.bn.var`, [channels], { scale: 0.1, offset: 1 }),
      ],
      `${p}.dw.bn`,
      { name: `${p}/dw/bn`, attributes: { epsilon: attr.float(1e-5) } },
    );
    x = b.node('Clip', [x, relu6Min, relu6Max], `${p}.dw.relu6`, { name: `${p}/dw/relu6` });
    x = b.node('Conv', [x, b.randomInitializer(`${p}.pw.weight`, [out, channels, 1, 1]), b.randomInitializer(`${p}.pw.bias`, [out], { scale: 0.01 })], `${p}.pw.conv`, {
      name: `${p}/pw/conv`,
      attributes: { kernel_shape: attr.ints([1, 1]) },
    });
    x = b.node('Relu', [x], `${p}.pw.relu`, { name: `${p}/pw/relu` });
    channels = out;
  });

  x = b.node('GlobalAveragePool', [x], 'head.pool', { name: 'head/pool' });
  x = b.node('Flatten', [x], 'head.flatten', { name: 'head/flatten', attributes: { axis: attr.int(1) } });
  x = b.node('Gemm', [x, b.randomInitializer('head.fc.weight', [classes, channels]), b.randomInitializer('head.fc.bias', [classes], { scale: 0.01 })], 'logits', {
    name: 'head/fc',
    attributes: { transB: attr.int(1) },
  });
  b.node('Softmax', [x], 'probabilities', { name: 'head/softmax', attributes: { axis: attr.int(1) } });
  b.output('probabilities', 'float32', ['batch', classes]);
  return b.toBytes();
}
