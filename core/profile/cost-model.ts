import type { GraphAttribute } from '../model/attributes.js';
import type { TraceTensor } from './ort-trace.js';

/**
 * FLOPs and bytes of one execution of a node, from its op type, the shapes ONNX Runtime recorded
 * and (when the node maps back to the graph) its attributes and weight shapes.
 *
 * Conventions:
 * - 1 multiply-accumulate = 2 FLOPs. Conv, ConvTranspose, MatMul and Gemm count only their MACs:
 *   bias adds, Gemm's alpha/beta scaling and fused activations are not counted (they add under
 *   1/K of the work). These four are 'exact' under that convention.
 * - Everything else is an 'estimate' from a fixed cost per element (table below).
 * - Bytes are compulsory traffic: every input (activations and weights) read once and every output
 *   written once, at the element size of its dtype. Caches can only make the real traffic larger.
 */
export type CostMethod = 'exact' | 'estimate';

export interface NodeCost {
  flops: number;
  bytes: number;
  method: CostMethod;
}

export interface CostInput {
  /** The op type as the trace reports it (may be a fused or contrib op). */
  opType: string;
  inputs: readonly TraceTensor[];
  outputs: readonly TraceTensor[];
  attributes?: Readonly<Record<string, GraphAttribute>>;
  /** Shape of the weight (input 1) from the graph, for kernels whose trace omits pre-packed weights. */
  weightShape?: readonly number[] | undefined;
}

/** Fused and contrib ops ONNX Runtime substitutes, costed as the op they compute. */
const baseOps: Record<string, string> = {
  FusedConv: 'Conv', NhwcConv: 'Conv', NhwcFusedConv: 'Conv', QLinearConv: 'Conv', ConvInteger: 'Conv',
  FusedGemm: 'Gemm', QGemm: 'Gemm',
  FusedMatMul: 'MatMul', MatMulInteger: 'MatMul', QLinearMatMul: 'MatMul', MatMulNBits: 'MatMul',
  DynamicQuantizeMatMul: 'MatMul', MatMulIntegerToFloat: 'MatMul',
  NhwcMaxPool: 'MaxPool', QLinearAveragePool: 'AveragePool', QLinearGlobalAveragePool: 'GlobalAveragePool',
  Upsample: 'Resize', QLinearAdd: 'Add', QLinearMul: 'Mul', QLinearSigmoid: 'Sigmoid', QLinearLeakyRelu: 'LeakyRelu',
  QLinearSoftmax: 'Softmax',
};

export const baseOpType = (opType: string): string => baseOps[opType] ?? opType;

/** FLOPs per output element for elementwise ops; transcendental functions count as 4. */
const perElement: Record<string, number> = {
  Add: 1, Sub: 1, Mul: 1, Div: 1, Max: 1, Min: 1, Sum: 1, Mean: 1, Pow: 1, Neg: 1, Abs: 1, Sqrt: 1, Reciprocal: 1,
  Exp: 4, Log: 4, Erf: 4, Sin: 4, Cos: 4, Floor: 1, Ceil: 1, Round: 1, Sign: 1, Not: 1, And: 1, Or: 1,
  Equal: 1, Less: 1, Greater: 1, LessOrEqual: 1, GreaterOrEqual: 1, Where: 1,
  Relu: 1, Clip: 2, LeakyRelu: 2, PRelu: 2, Elu: 4, Selu: 5, Celu: 5, ThresholdedRelu: 1,
  Sigmoid: 4, Tanh: 4, HardSigmoid: 3, HardSwish: 4, Softplus: 5, Softsign: 3, Mish: 10,
  Gelu: 8, FastGelu: 8, BiasGelu: 9, QuickGelu: 6, BiasAdd: 1,
  // Inference BatchNormalization is a folded scale and shift.
  BatchNormalization: 2,
  // Mean, centre, square-accumulate (2), normalise, scale and shift (2).
  LayerNormalization: 7, InstanceNormalization: 7, GroupNormalization: 7, SkipLayerNormalization: 8,
  SimplifiedLayerNormalization: 4, SkipSimplifiedLayerNormalization: 5,
  // Running max, subtract, exp, sum, divide.
  Softmax: 5, LogSoftmax: 5,
  // Per input element.
  ReduceMean: 1, ReduceSum: 1, ReduceMax: 1, ReduceMin: 1, ReduceProd: 1, ReduceL2: 2, ReduceSumSquare: 2,
  GlobalAveragePool: 1, GlobalMaxPool: 1,
  QuantizeLinear: 2, DequantizeLinear: 2, DynamicQuantizeLinear: 4,
};

const perInputElement = new Set(['ReduceMean', 'ReduceSum', 'ReduceMax', 'ReduceMin', 'ReduceProd', 'ReduceL2', 'ReduceSumSquare', 'GlobalAveragePool', 'GlobalMaxPool']);

/** Ops that only move or view data: no arithmetic, bytes only. */
export const dataMovementOps = new Set([
  'Transpose', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze', 'Concat', 'Split', 'Slice', 'Gather', 'GatherElements',
  'GatherND', 'Pad', 'Expand', 'Tile', 'Identity', 'Cast', 'Shape', 'Size', 'Dropout', 'DepthToSpace', 'SpaceToDepth',
  'MemcpyToHost', 'MemcpyFromHost', 'ReorderInput', 'ReorderOutput', 'ScatterND', 'ScatterElements', 'ConstantOfShape',
]);

const elementSizes: Record<string, number> = {
  float: 4, float32: 4, double: 8, float64: 8, MLFloat16: 2, float16: 2, BFloat16: 2, bfloat16: 2,
  int8: 1, uint8: 1, bool: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8,
  Float8E4M3FN: 1, Float8E4M3FNUZ: 1, Float8E5M2: 1, Float8E5M2FNUZ: 1,
};

export const elementSize = (dtype: string): number => elementSizes[dtype] ?? 4;
export const elements = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const tensorBytes = (t: TraceTensor): number => elements(t.shape) * elementSize(t.dtype);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function ints(value: GraphAttribute | undefined): number[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : null;
}

function compulsoryBytes(c: CostInput, extraWeightElements = 0): number {
  const dtype = c.inputs[0]?.dtype ?? c.outputs[0]?.dtype ?? 'float';
  return sum(c.inputs.map(tensorBytes)) + sum(c.outputs.map(tensorBytes)) + extraWeightElements * elementSize(dtype);
}

/**
 * The weight as the graph declares it, else as the trace shows it: a kernel may report its own
 * re-blocked copy (NCHWc) or none at all once it has pre-packed the weight.
 */
function weightOf(c: CostInput, rank: number): readonly number[] | null {
  if (c.weightShape && c.weightShape.length === rank) return c.weightShape;
  const traced = c.inputs[1]?.shape;
  return traced && traced.length === rank ? traced : null;
}

function convCost(c: CostInput): NodeCost | null {
  const x = c.inputs[0];
  const y = c.outputs[0];
  if (!x || !y) return null;
  const w = weightOf(c, x.shape.length);
  if (!w || w.length < 3) return null;
  // W is [Cout, Cin/group, k...]: each output element takes Cin/group × prod(k) MACs, in any layout.
  const macsPerOutput = elements(w.slice(1));
  const tracedWeight = c.inputs[1]?.shape.length === x.shape.length;
  return { flops: 2 * elements(y.shape) * macsPerOutput, bytes: compulsoryBytes(c, tracedWeight ? 0 : elements(w)), method: 'exact' };
}

function convTransposeCost(c: CostInput): NodeCost | null {
  const x = c.inputs[0];
  if (!x || x.shape.length < 3) return null;
  const w = weightOf(c, x.shape.length);
  if (!w) return null;
  // W is [Cin, Cout/group, k...]: every input element scatters into Cout/group × prod(k) outputs.
  const tracedWeight = c.inputs[1]?.shape.length === x.shape.length;
  return { flops: 2 * elements(x.shape) * elements(w.slice(1)), bytes: compulsoryBytes(c, tracedWeight ? 0 : elements(w)), method: 'exact' };
}

/** K of Gemm from A's shape and the output's M; transA from the graph when known. */
function gemmK(a: readonly number[], m: number, transA: number | undefined): number | null {
  if (a.length !== 2) return null;
  const [a0, a1] = a as [number, number];
  if (transA !== undefined) return transA ? a0 : a1;
  return a0 === m ? a1 : a0;
}

function matmulCost(c: CostInput, opType: 'MatMul' | 'Gemm'): NodeCost | null {
  const a = c.inputs[0];
  const y = c.outputs[0];
  if (!a || !y || a.shape.length === 0 || y.shape.length === 0) return null;
  const transA = typeof c.attributes?.transA === 'number' ? c.attributes.transA : undefined;
  const k = opType === 'Gemm' ? gemmK(a.shape, y.shape[0] ?? 0, transA) : (a.shape[a.shape.length - 1] ?? null);
  if (k === null) return null;
  const n = y.shape[y.shape.length - 1] ?? 1;
  const weightElements = k * n;
  // A pre-packed constant B is missing from the trace's inputs; count its K×N elements anyway.
  const bPresent = c.inputs.slice(1).some((t) => elements(t.shape) >= weightElements && t.shape.length >= 2);
  return { flops: 2 * elements(y.shape) * k, bytes: compulsoryBytes(c, bPresent ? 0 : weightElements), method: 'exact' };
}

function poolCost(c: CostInput): NodeCost | null {
  const x = c.inputs[0];
  const y = c.outputs[0];
  if (!x || !y) return null;
  const kernel = ints(c.attributes?.kernel_shape);
  // Without the graph's kernel_shape, assume non-overlapping windows: each input read once.
  const flops = kernel ? elements(y.shape) * elements(kernel) : elements(x.shape);
  return { flops, bytes: compulsoryBytes(c), method: 'estimate' };
}

function resizeCost(c: CostInput): NodeCost | null {
  const x = c.inputs[0];
  const y = c.outputs[0];
  if (!x || !y) return null;
  const mode = typeof c.attributes?.mode === 'string' ? c.attributes.mode : 'nearest';
  const resizedAxes = y.shape.filter((d, i) => d !== x.shape[i]).length;
  // Per output element: linear blends 2 neighbours per resized axis, cubic 4, a multiply and an
  // add per neighbour; nearest maps each output coordinate back to a source element (1).
  const perOutput = mode === 'linear' ? 2 * 2 ** resizedAxes : mode === 'cubic' ? 2 * 4 ** resizedAxes : 1;
  return { flops: elements(y.shape) * perOutput, bytes: compulsoryBytes(c), method: 'estimate' };
}

export function nodeCost(c: CostInput): NodeCost | null {
  const op = baseOpType(c.opType);
  switch (op) {
    case 'Conv': return convCost(c);
    case 'ConvTranspose': return convTransposeCost(c);
    case 'MatMul': return matmulCost(c, 'MatMul');
    case 'Gemm': return matmulCost(c, 'Gemm');
    case 'MaxPool': case 'AveragePool': case 'LpPool': return poolCost(c);
    case 'Resize': return resizeCost(c);
  }
  if (dataMovementOps.has(op)) return { flops: 0, bytes: compulsoryBytes(c), method: 'estimate' };
  const cost = perElement[op];
  if (cost === undefined) return null;
  const counted = perInputElement.has(op) ? c.inputs[0] : c.outputs[0];
  if (!counted) return null;
  return { flops: cost * elements(counted.shape), bytes: compulsoryBytes(c), method: 'estimate' };
}

/**
 * A reader's name for what a node is, finer than its op type where that changes the story:
 * '3×3 Conv', '3×3 depthwise Conv', '1×1 Conv'. Falls back to the op type.
 */
export function nodeKind(c: CostInput): string {
  const op = baseOpType(c.opType);
  if (op !== 'Conv') return c.opType;
  const x = c.inputs[0];
  const w = weightOf(c, x?.shape.length ?? 4);
  if (!x || !w || w.length < 3) return c.opType;
  const kernel = w.slice(2).join('×');
  const group = typeof c.attributes?.group === 'number' ? c.attributes.group : null;
  const depthwise = w[1] === 1 && (group === null ? (w[0] ?? 0) > 1 && (x.shape[1] ?? 0) > 1 : group > 1);
  return `${kernel} ${depthwise ? 'depthwise ' : ''}Conv`;
}
