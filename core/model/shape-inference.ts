import { TensorProto_DataType as DataType } from './onnx-proto.js';
import type { GraphProto, NodeProto, TensorProto } from 'onnx-buf';
import { intAttribute, intsAttribute, stringAttribute } from './attributes.js';

/**
 * Concrete shapes of a graph's tensors for given input shapes, computed from the graph itself, the
 * way ONNX's shape inference does, for the ops vision models are made of. A profile needs them: the
 * shapes ONNX Runtime records are those of its optimised graph, where the NCHWc transform pads
 * channels to a multiple of 8 or 16 (24 → 32 on PP-OCRv4's detector) and a FLOP count taken from
 * them counts work the model does not ask for.
 *
 * Small integer tensors (shape arithmetic: Shape → Gather → Concat → Reshape) are evaluated, so
 * exporters' dynamic reshapes resolve. An op this does not know leaves its outputs unknown, and
 * whatever depends on them; callers fall back to the trace's shapes there.
 */
export interface InferredShapes {
  shapes: Map<string, number[]>;
  /** Op types whose outputs could not be inferred (none for a fully covered graph). */
  unknownOps: string[];
}

type Values = number[];

/** Largest integer tensor whose values are tracked: shape vectors, axes, pads, Resize sizes. */
const MAX_TRACKED_VALUES = 64;

class ShapeTable {
  readonly shapes = new Map<string, number[]>();
  readonly values = new Map<string, Values>();
  shape(name: string | undefined): number[] | undefined {
    return name === undefined || name === '' ? undefined : this.shapes.get(name);
  }
  value(name: string | undefined): Values | undefined {
    return name === undefined || name === '' ? undefined : this.values.get(name);
  }
  set(name: string | undefined, shape: number[] | undefined, values?: Values): void {
    if (!name || !shape || shape.some((d) => !Number.isFinite(d) || d < 0)) return;
    this.shapes.set(name, shape);
    if (values && values.length <= MAX_TRACKED_VALUES && values.every(Number.isFinite)) this.values.set(name, values);
  }
}

export function inferShapes(graph: GraphProto, inputShapes: ReadonlyMap<string, readonly number[]>): InferredShapes {
  const table = new ShapeTable();
  for (const init of graph.initializer) table.set(init.name, init.dims.map(Number), tensorValues(init));
  for (const [name, shape] of inputShapes) table.set(name, [...shape]);
  // ONNX asks for nodes in topological order, but files in the wild break it (ISNet's fp16
  // export puts its input Cast last) and ONNX Runtime sorts them itself: so do passes until no node
  // can be inferred that was not before.
  let pending = [...graph.node];
  for (;;) {
    const next = pending.filter((node) => {
      try {
        return !inferNode(node, table);
      } catch {
        return true;
      }
    });
    if (next.length === pending.length || next.length === 0) {
      pending = next;
      break;
    }
    pending = next;
  }
  return { shapes: table.shapes, unknownOps: [...new Set(pending.map((n) => n.opType))].sort() };
}

/** Integer (or small float) values of a tensor, when it is small enough to be shape arithmetic. */
function tensorValues(t: TensorProto): Values | undefined {
  const count = t.dims.reduce((n, d) => n * Number(d), 1);
  if (count > MAX_TRACKED_VALUES) return undefined;
  if (t.int64Data.length > 0) return t.int64Data.map(Number);
  if (t.int32Data.length > 0) return [...t.int32Data];
  if (t.floatData.length > 0) return [...t.floatData];
  const raw = t.rawData;
  if (raw.length === 0) return count === 0 ? [] : undefined;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const read = (size: number, get: (offset: number) => number) => Array.from({ length: raw.byteLength / size }, (_, i) => get(i * size));
  switch (t.dataType) {
    case DataType.INT64: return read(8, (o) => Number(view.getBigInt64(o, true)));
    case DataType.INT32: return read(4, (o) => view.getInt32(o, true));
    case DataType.FLOAT: return read(4, (o) => view.getFloat32(o, true));
    case DataType.DOUBLE: return read(8, (o) => view.getFloat64(o, true));
    default: return undefined;
  }
}

const unaryOps = new Set([
  'Identity', 'Cast', 'Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'LeakyRelu', 'Exp', 'Log', 'Sqrt', 'Neg',
  'Abs', 'Erf', 'Softmax', 'LogSoftmax', 'BatchNormalization', 'InstanceNormalization', 'LayerNormalization', 'Dropout',
  'Not', 'Floor', 'Ceil', 'Round', 'Reciprocal', 'Softplus', 'Softsign', 'Elu', 'Selu', 'Celu', 'Gelu', 'Mish', 'Sign',
  'DequantizeLinear', 'QuantizeLinear', 'DynamicQuantizeLinear', 'LpNormalization', 'Sin', 'Cos', 'IsNaN', 'IsInf',
  'ThresholdedRelu', 'Shrink', 'GroupNormalization', 'ReverseSequence', 'CumSum',
]);
const broadcastOps = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Where', 'PRelu', 'Mod', 'BitShift']);

function broadcast(shapes: ReadonlyArray<readonly number[]>): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, i) => {
    const dims = shapes.map((s) => s[s.length - rank + i] ?? 1);
    const big = dims.filter((d) => d !== 1);
    return big.length === 0 ? 1 : (big[0] as number);
  });
}

function elementwise(op: string, a: Values, b: Values): Values | undefined {
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return undefined;
  const n = Math.max(a.length, b.length);
  const at = (v: Values, i: number) => (v.length === 1 ? (v[0] as number) : (v[i] as number));
  const f: Record<string, (x: number, y: number) => number> = { Add: (x, y) => x + y, Sub: (x, y) => x - y, Mul: (x, y) => x * y, Div: (x, y) => Math.trunc(x / y), Max: Math.max, Min: Math.min };
  const fn = f[op];
  return fn ? Array.from({ length: n }, (_, i) => fn(at(a, i), at(b, i))) : undefined;
}

const normAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

/** One node's output shapes (and values, for shape arithmetic); false when it cannot tell. */
function inferNode(node: NodeProto, t: ShapeTable): boolean {
  const op = node.domain === '' || node.domain === 'ai.onnx' ? node.opType : node.domain === 'com.microsoft' ? node.opType : `${node.domain}.${node.opType}`;
  const x = t.shape(node.input[0]);
  const out = node.output[0];

  if (op === 'Constant') {
    const value = node.attribute.find((a) => a.name === 'value')?.t;
    if (value) {
      t.set(out, value.dims.map(Number), tensorValues(value));
      return true;
    }
    const ints = intsAttribute(node, 'value_ints');
    const int = intAttribute(node, 'value_int');
    if (ints) t.set(out, [ints.length], ints);
    else if (int !== undefined) t.set(out, [], [int]);
    else return false;
    return true;
  }
  if (!x && op !== 'ConstantOfShape' && op !== 'Range') return false;

  if (unaryOps.has(op)) {
    t.set(out, x, op === 'Cast' || op === 'Identity' ? t.value(node.input[0]) : undefined);
    if (op === 'DynamicQuantizeLinear') {
      t.set(node.output[1], []);
      t.set(node.output[2], []);
    }
    return true;
  }
  if (broadcastOps.has(op)) {
    const shapes = node.input.map((name) => t.shape(name));
    if (shapes.some((s) => !s)) return false;
    const a = t.value(node.input[0]);
    const b = t.value(node.input[1]);
    t.set(out, broadcast(shapes as number[][]), a && b ? elementwise(op, a, b) : undefined);
    return true;
  }
  const s = x as number[];
  switch (op) {
    case 'Conv': case 'ConvInteger': case 'FusedConv': case 'QLinearConv': {
      const w = t.shape(node.input[op === 'QLinearConv' ? 3 : 1]);
      if (!w) return false;
      t.set(out, [s[0] as number, w[0] as number, ...windowed(node, s.slice(2), w.slice(2))]);
      return true;
    }
    case 'ConvTranspose': {
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
    case 'MaxPool': case 'AveragePool': case 'LpPool': {
      const kernel = intsAttribute(node, 'kernel_shape');
      if (!kernel) return false;
      t.set(out, [s[0] as number, s[1] as number, ...windowed(node, s.slice(2), kernel)]);
      return true;
    }
    case 'GlobalAveragePool': case 'GlobalMaxPool': case 'GlobalLpPool':
      t.set(out, [s[0] as number, s[1] as number, ...s.slice(2).map(() => 1)]);
      return true;
    case 'MatMul': case 'MatMulInteger': case 'FusedMatMul': {
      const b = t.shape(node.input[1]);
      if (!b) return false;
      const a2 = s.length === 1 ? [1, s[0] as number] : s;
      const b2 = b.length === 1 ? [b[0] as number, 1] : b;
      const batch = broadcast([a2.slice(0, -2), b2.slice(0, -2)]);
      const shape = [...batch, a2[a2.length - 2] as number, b2[b2.length - 1] as number];
      if (s.length === 1) shape.splice(-2, 1);
      if (b.length === 1) shape.splice(-1, 1);
      t.set(out, shape);
      return true;
    }
    case 'Gemm': case 'FusedGemm': {
      const b = t.shape(node.input[1]);
      if (!b || s.length !== 2 || b.length !== 2) return false;
      const m = intAttribute(node, 'transA') ? s[1] : s[0];
      const n = intAttribute(node, 'transB') ? b[0] : b[1];
      t.set(out, [m as number, n as number]);
      return true;
    }
    case 'Flatten': {
      const axis = normAxis(intAttribute(node, 'axis') ?? 1, s.length);
      const prod = (d: number[]) => d.reduce((a, b) => a * b, 1);
      t.set(out, [prod(s.slice(0, axis)), prod(s.slice(axis))]);
      return true;
    }
    case 'Reshape': {
      const target = t.value(node.input[1]) ?? intsAttribute(node, 'shape');
      if (!target) return false;
      const total = s.reduce((a, b) => a * b, 1);
      const dims = target.map((d, i) => (d === 0 ? (s[i] as number) : d));
      const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
      t.set(out, dims.map((d) => (d === -1 ? total / known : d)), t.value(node.input[0]));
      return true;
    }
    case 'Transpose': {
      const perm = intsAttribute(node, 'perm') ?? s.map((_, i) => s.length - 1 - i);
      t.set(out, perm.map((p) => s[p] as number));
      return true;
    }
    case 'Concat': {
      const shapes = node.input.map((name) => t.shape(name));
      if (shapes.some((sh) => !sh)) return false;
      const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
      const shape = [...s];
      shape[axis] = (shapes as number[][]).reduce((n, sh) => n + (sh[axis] as number), 0);
      const values = node.input.map((name) => t.value(name));
      t.set(out, shape, values.every((v) => v !== undefined) ? (values as Values[]).flat() : undefined);
      return true;
    }
    case 'Split': {
      const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
      const sizes = t.value(node.input[1]) ?? intsAttribute(node, 'split') ?? node.output.map(() => (s[axis] as number) / node.output.length);
      node.output.forEach((name, i) => {
        const shape = [...s];
        shape[axis] = sizes[i] as number;
        t.set(name, shape);
      });
      return true;
    }
    case 'Squeeze': case 'Unsqueeze': {
      const axes = t.value(node.input[1]) ?? intsAttribute(node, 'axes');
      const values = t.value(node.input[0]);
      if (op === 'Squeeze') {
        const drop = axes ? axes.map((a) => normAxis(a, s.length)) : s.flatMap((d, i) => (d === 1 ? [i] : []));
        t.set(out, s.filter((_, i) => !drop.includes(i)), values);
      } else {
        if (!axes) return false;
        const rank = s.length + axes.length;
        const add = axes.map((a) => normAxis(a, rank));
        const shape: number[] = [];
        let from = 0;
        for (let i = 0; i < rank; i++) shape.push(add.includes(i) ? 1 : (s[from++] as number));
        t.set(out, shape, values);
      }
      return true;
    }
    case 'Resize': case 'Upsample': {
      const sizes = t.value(node.input[3]);
      const scales = op === 'Upsample' ? (t.value(node.input[1]) ?? (node.attribute.find((a) => a.name === 'scales')?.floats)) : t.value(node.input[2]);
      if (sizes && sizes.length === s.length) t.set(out, sizes);
      else if (scales && scales.length === s.length) t.set(out, s.map((d, i) => Math.floor(d * (scales[i] as number))));
      else return false;
      return true;
    }
    case 'Shape': {
      const start = normAxis(intAttribute(node, 'start') ?? 0, s.length);
      const endAttr = intAttribute(node, 'end');
      const end = endAttr === undefined ? s.length : normAxis(endAttr, s.length);
      const dims = s.slice(start, end);
      t.set(out, [dims.length], dims);
      return true;
    }
    case 'Size':
      t.set(out, [], [s.reduce((a, b) => a * b, 1)]);
      return true;
    case 'Gather': {
      const indices = t.shape(node.input[1]);
      if (!indices) return false;
      const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
      const data = t.value(node.input[0]);
      const idx = t.value(node.input[1]);
      const values = data && idx && s.length === 1 ? idx.map((i) => data[i < 0 ? i + data.length : i] as number) : undefined;
      t.set(out, [...s.slice(0, axis), ...indices, ...s.slice(axis + 1)], values);
      return true;
    }
    case 'Slice': {
      const starts = t.value(node.input[1]) ?? intsAttribute(node, 'starts');
      const ends = t.value(node.input[2]) ?? intsAttribute(node, 'ends');
      if (!starts || !ends) return false;
      const axes = t.value(node.input[3]) ?? intsAttribute(node, 'axes') ?? starts.map((_, i) => i);
      const steps = t.value(node.input[4]) ?? starts.map(() => 1);
      const shape = [...s];
      const data = t.value(node.input[0]);
      let values = data && s.length === 1 ? data : undefined;
      axes.forEach((axisRaw, i) => {
        const axis = normAxis(axisRaw, s.length);
        const dim = s[axis] as number;
        const step = steps[i] ?? 1;
        const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
        const begin = step > 0 ? clamp(starts[i] as number, 0, dim) : clamp(starts[i] as number, -1, dim - 1);
        const end = step > 0 ? clamp(ends[i] as number, 0, dim) : clamp(ends[i] as number, -1, dim - 1);
        shape[axis] = Math.max(0, Math.ceil((end - begin) / step));
        if (values && axis === 0) values = Array.from({ length: shape[axis] as number }, (_, k) => (values as Values)[begin + k * step] as number);
      });
      t.set(out, shape, values);
      return true;
    }
    case 'Pad': {
      const pads = t.value(node.input[1]) ?? intsAttribute(node, 'pads');
      if (!pads) return false;
      const axes = t.value(node.input[3]) ?? s.map((_, i) => i);
      const shape = [...s];
      axes.forEach((a, i) => {
        const axis = normAxis(a, s.length);
        shape[axis] = (s[axis] as number) + (pads[i] as number) + (pads[i + axes.length] as number);
      });
      t.set(out, shape);
      return true;
    }
    case 'ReduceMean': case 'ReduceSum': case 'ReduceMax': case 'ReduceMin': case 'ReduceProd': case 'ReduceL2': case 'ReduceSumSquare': case 'ArgMax': case 'ArgMin': {
      const keep = intAttribute(node, 'keepdims') ?? 1;
      const axisAttr = intAttribute(node, 'axis');
      const axes = (op.startsWith('Arg') ? [axisAttr ?? 0] : (t.value(node.input[1]) ?? intsAttribute(node, 'axes') ?? s.map((_, i) => i))).map((a) => normAxis(a, s.length));
      t.set(out, keep ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i)));
      return true;
    }
    case 'Expand': {
      const shape = t.value(node.input[1]);
      if (!shape) return false;
      t.set(out, broadcast([s, shape]));
      return true;
    }
    case 'Tile': {
      const repeats = t.value(node.input[1]);
      if (!repeats) return false;
      t.set(out, s.map((d, i) => d * (repeats[i] ?? 1)));
      return true;
    }
    case 'ConstantOfShape': {
      const shape = t.value(node.input[0]);
      if (!shape) return false;
      t.set(out, shape);
      return true;
    }
    case 'DepthToSpace': case 'SpaceToDepth': {
      const b = intAttribute(node, 'blocksize') ?? 1;
      const [n, c, h, w] = s as [number, number, number, number];
      t.set(out, op === 'DepthToSpace' ? [n, c / (b * b), h * b, w * b] : [n, c * b * b, h / b, w / b]);
      return true;
    }
  }
  return false;
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
