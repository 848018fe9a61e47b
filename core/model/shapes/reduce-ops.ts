import { intAttribute, intsAttribute } from '../attributes.js';
import { broadcast, normAxis, type NodeShapes, type ShapeRule } from './shape-table.js';

/** Ops that collapse axes: MatMul and Gemm contract one, the reductions and ArgMax/ArgMin the ones named. */
export const reduceRules: Record<string, ShapeRule> = {
  MatMul: matMul,
  MatMulInteger: matMul,
  FusedMatMul: matMul,
  Gemm: gemm,
  FusedGemm: gemm,
  ReduceMean: reduction,
  ReduceSum: reduction,
  ReduceMax: reduction,
  ReduceMin: reduction,
  ReduceProd: reduction,
  ReduceL2: reduction,
  ReduceSumSquare: reduction,
  ArgMax: reduction,
  ArgMin: reduction,
};

function matMul({ node, t, s, out }: NodeShapes): boolean {
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

function gemm({ node, t, s, out }: NodeShapes): boolean {
  const b = t.shape(node.input[1]);
  if (!b || s.length !== 2 || b.length !== 2) return false;
  const m = intAttribute(node, 'transA') ? s[1] : s[0];
  const n = intAttribute(node, 'transB') ? b[0] : b[1];
  t.set(out, [m as number, n as number]);
  return true;
}

function reduction({ node, t, s, out, op }: NodeShapes): boolean {
  const keep = intAttribute(node, 'keepdims') ?? 1;
  const axisAttr = intAttribute(node, 'axis');
  const axes = (op.startsWith('Arg') ? [axisAttr ?? 0] : (t.value(node.input[1]) ?? intsAttribute(node, 'axes') ?? s.map((_, i) => i))).map((a) => normAxis(a, s.length));
  t.set(out, keep ? s.map((d, i) => (axes.includes(i) ? 1 : d)) : s.filter((_, i) => !axes.includes(i)));
  return true;
}
