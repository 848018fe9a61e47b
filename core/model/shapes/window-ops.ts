import type { NodeProto } from 'onnx-buf';
import { intAttribute, intsAttribute, stringAttribute } from '../attributes.js';
import type { NodeShapes, ShapeRule } from './shape-table.js';

/** Ops that slide a window over the spatial dims: convolutions and pooling. */
export const windowRules: Record<string, ShapeRule> = {
  Conv: convolution,
  ConvInteger: convolution,
  FusedConv: convolution,
  QLinearConv: convolution,
  ConvTranspose: transposedConvolution,
  MaxPool: pooling,
  AveragePool: pooling,
  LpPool: pooling,
  GlobalAveragePool: globalPooling,
  GlobalMaxPool: globalPooling,
  GlobalLpPool: globalPooling,
};

function convolution({ node, t, s, out, op }: NodeShapes): boolean {
  const w = t.shape(node.input[op === 'QLinearConv' ? 3 : 1]);
  if (!w) return false;
  t.set(out, [s[0] as number, w[0] as number, ...windowed(node, s.slice(2), w.slice(2))]);
  return true;
}

function transposedConvolution({ node, t, s, out }: NodeShapes): boolean {
  const w = t.shape(node.input[1]);
  if (!w) return false;
  const group = intAttribute(node, 'group') ?? 1;
  const spatial = s.slice(2);
  const explicit = intsAttribute(node, 'output_shape');
  const strides = intsAttribute(node, 'strides') ?? spatial.map(() => 1);
  const dilations = intsAttribute(node, 'dilations') ?? spatial.map(() => 1);
  const outputPadding = intsAttribute(node, 'output_padding') ?? spatial.map(() => 0);
  const pads = intsAttribute(node, 'pads') ?? [...spatial.map(() => 0), ...spatial.map(() => 0)];
  const autoPad = stringAttribute(node, 'auto_pad') ?? 'NOTSET';
  const dims = explicit?.slice(-spatial.length) ??
    spatial.map((d, i) => {
      const full = (strides[i] ?? 1) * (d - 1) + (outputPadding[i] ?? 0) + ((w[i + 2] as number) - 1) * (dilations[i] ?? 1) + 1;
      if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return d * (strides[i] ?? 1);
      return full - (pads[i] ?? 0) - (pads[i + spatial.length] ?? 0);
    });
  t.set(out, [s[0] as number, (w[1] as number) * group, ...dims]);
  return true;
}

function pooling({ node, t, s, out }: NodeShapes): boolean {
  const kernel = intsAttribute(node, 'kernel_shape');
  if (!kernel) return false;
  t.set(out, [s[0] as number, s[1] as number, ...windowed(node, s.slice(2), kernel)]);
  return true;
}

function globalPooling({ t, s, out }: NodeShapes): boolean {
  t.set(out, [s[0] as number, s[1] as number, ...s.slice(2).map(() => 1)]);
  return true;
}

/** Output spatial dims of a sliding window (Conv, pooling): pads, strides, dilations, auto_pad, ceil_mode. */
function windowed(node: NodeProto, spatial: readonly number[], kernel: readonly number[]): number[] {
  const strides = intsAttribute(node, 'strides') ?? spatial.map(() => 1);
  const dilations = intsAttribute(node, 'dilations') ?? spatial.map(() => 1);
  const pads = intsAttribute(node, 'pads') ?? [...spatial.map(() => 0), ...spatial.map(() => 0)];
  const autoPad = stringAttribute(node, 'auto_pad') ?? 'NOTSET';
  const ceil = (intAttribute(node, 'ceil_mode') ?? 0) === 1;
  return spatial.map((d, i) => {
    const stride = strides[i] ?? 1;
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') return Math.ceil(d / stride);
    const extent = ((kernel[i] as number) - 1) * (dilations[i] ?? 1) + 1;
    const padded = d + (autoPad === 'VALID' ? 0 : (pads[i] ?? 0) + (pads[i + spatial.length] ?? 0));
    const steps = (padded - extent) / stride;
    return (ceil ? Math.ceil(steps) : Math.floor(steps)) + 1;
  });
}
