import { broadcast, type NodeShapes, type ShapeRule, type Values } from './shape-table.js';

/**
 * Elementwise ops: one input's shape passed on, or several inputs' shapes broadcast together. The
 * arithmetic of small integer tensors is carried out, so shape vectors computed with Add, Mul or
 * Div stay known.
 */
const unaryOps = new Set([
  'Identity', 'Cast', 'Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'LeakyRelu', 'Exp', 'Log', 'Sqrt', 'Neg',
  'Abs', 'Erf', 'Softmax', 'LogSoftmax', 'BatchNormalization', 'InstanceNormalization', 'LayerNormalization', 'Dropout',
  'Not', 'Floor', 'Ceil', 'Round', 'Reciprocal', 'Softplus', 'Softsign', 'Elu', 'Selu', 'Celu', 'Gelu', 'Mish', 'Sign',
  'DequantizeLinear', 'QuantizeLinear', 'DynamicQuantizeLinear', 'LpNormalization', 'Sin', 'Cos', 'IsNaN', 'IsInf',
  'ThresholdedRelu', 'Shrink', 'GroupNormalization', 'ReverseSequence', 'CumSum',
]);
const broadcastOps = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual', 'And', 'Or', 'Xor', 'Where', 'PRelu', 'Mod', 'BitShift']);

function elementwise(op: string, a: Values, b: Values): Values | undefined {
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return undefined;
  const n = Math.max(a.length, b.length);
  const at = (v: Values, i: number) => (v.length === 1 ? (v[0] as number) : (v[i] as number));
  const f: Record<string, (x: number, y: number) => number> = { Add: (x, y) => x + y, Sub: (x, y) => x - y, Mul: (x, y) => x * y, Div: (x, y) => Math.trunc(x / y), Max: Math.max, Min: Math.min };
  const fn = f[op];
  return fn ? Array.from({ length: n }, (_, i) => fn(at(a, i), at(b, i))) : undefined;
}

function unary({ node, t, s, out, op }: NodeShapes): boolean {
  t.set(out, s, op === 'Cast' || op === 'Identity' ? t.value(node.input[0]) : undefined);
  if (op === 'DynamicQuantizeLinear') {
    t.set(node.output[1], []);
    t.set(node.output[2], []);
  }
  return true;
}

function broadcasting({ node, t, out, op }: NodeShapes): boolean {
  const shapes = node.input.map((name) => t.shape(name));
  if (shapes.some((s) => !s)) return false;
  const a = t.value(node.input[0]);
  const b = t.value(node.input[1]);
  t.set(out, broadcast(shapes as number[][]), a && b ? elementwise(op, a, b) : undefined);
  return true;
}

export const elementwiseRules: Record<string, ShapeRule> = Object.fromEntries([
  ...[...unaryOps].map((op) => [op, unary] as const),
  ...[...broadcastOps].map((op) => [op, broadcasting] as const),
]);
