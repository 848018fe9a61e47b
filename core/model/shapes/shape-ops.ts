import { intAttribute, intsAttribute } from '../attributes.js';
import { normAxis, tensorValues, type NodeShapes, type ShapeRule } from './shape-table.js';

/** Ops whose output is a shape, or is made from one: the values that exporters' dynamic reshapes are computed from. */
export const shapeRules: Record<string, ShapeRule> = {
  Constant: constant,
  Shape: shapeOf,
  Size: sizeOf,
  ConstantOfShape: constantOfShape,
};

function constant({ node, t, out }: NodeShapes): boolean {
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

function shapeOf({ node, t, s, out }: NodeShapes): boolean {
  const start = normAxis(intAttribute(node, 'start') ?? 0, s.length);
  const endAttr = intAttribute(node, 'end');
  const end = endAttr === undefined ? s.length : normAxis(endAttr, s.length);
  const dims = s.slice(start, end);
  t.set(out, [dims.length], dims);
  return true;
}

function sizeOf({ t, s, out }: NodeShapes): boolean {
  t.set(out, [], [s.reduce((a, b) => a * b, 1)]);
  return true;
}

function constantOfShape({ node, t, out }: NodeShapes): boolean {
  const shape = t.value(node.input[0]);
  if (!shape) return false;
  t.set(out, shape);
  return true;
}
