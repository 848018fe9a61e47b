import { describe, expect, it } from 'vitest';
import { intAttribute, intsAttribute, floatAttribute, stringAttribute } from '../../core/model/attributes.js';
import { loadModelProto } from '../../core/model/load-model.js';
import { modelPath } from '../helpers/models.js';

// The profiler reads Conv attributes from the loaded protobuf to cost each node.

describe('node attributes', () => {
  it('reads Conv group, kernel_shape and strides', async () => {
    const { graph } = await loadModelProto(await modelPath('mobilenet-style'));
    const depthwise = graph.node.find((n) => n.name === 'block2/dw/conv')!;
    expect(intAttribute(depthwise, 'group')).toBe(32);
    expect(intsAttribute(depthwise, 'kernel_shape')).toEqual([3, 3]);
    expect(intsAttribute(depthwise, 'strides')).toEqual([2, 2]);
    expect(intAttribute(depthwise, 'dilations')).toBeUndefined();

    const bn = graph.node.find((n) => n.name === 'block1/dw/bn')!;
    expect(floatAttribute(bn, 'epsilon')).toBeCloseTo(1e-5, 10);
    // A wrongly typed read is absent, not a coerced value.
    expect(stringAttribute(depthwise, 'group')).toBeUndefined();
  });
});
