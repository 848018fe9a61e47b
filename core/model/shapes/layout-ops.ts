import { intAttribute, intsAttribute } from '../attributes.js';
import { broadcast, normAxis, type NodeShapes, type ShapeRule, type Values } from './shape-table.js';

/**
 * Ops that rearrange, cut, join or repeat a tensor's elements without computing new ones. Where
 * their input is a small integer tensor (a shape being assembled), they carry its values along.
 */
export const layoutRules: Record<string, ShapeRule> = {
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Concat: concat,
  Split: split,
  Squeeze: squeezeOrUnsqueeze,
  Unsqueeze: squeezeOrUnsqueeze,
  Expand: expand,
  Tile: tile,
  Pad: pad,
  Slice: slice,
  Gather: gather,
  Resize: resize,
  Upsample: resize,
  DepthToSpace: depthToSpace,
  SpaceToDepth: depthToSpace,
};

function flatten({ node, t, s, out }: NodeShapes): boolean {
  const axis = normAxis(intAttribute(node, 'axis') ?? 1, s.length);
  const prod = (d: number[]) => d.reduce((a, b) => a * b, 1);
  t.set(out, [prod(s.slice(0, axis)), prod(s.slice(axis))]);
  return true;
}

function reshape({ node, t, s, out }: NodeShapes): boolean {
  const target = t.value(node.input[1]) ?? intsAttribute(node, 'shape');
  if (!target) return false;
  const total = s.reduce((a, b) => a * b, 1);
  const dims = target.map((d, i) => (d === 0 ? (s[i] as number) : d));
  const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  t.set(out, dims.map((d) => (d === -1 ? total / known : d)), t.value(node.input[0]));
  return true;
}

function transpose({ node, t, s, out }: NodeShapes): boolean {
  const perm = intsAttribute(node, 'perm') ?? s.map((_, i) => s.length - 1 - i);
  t.set(out, perm.map((p) => s[p] as number));
  return true;
}

function concat({ node, t, s, out }: NodeShapes): boolean {
  const shapes = node.input.map((name) => t.shape(name));
  if (shapes.some((sh) => !sh)) return false;
  const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
  const shape = [...s];
  shape[axis] = (shapes as number[][]).reduce((n, sh) => n + (sh[axis] as number), 0);
  const values = node.input.map((name) => t.value(name));
  t.set(out, shape, values.every((v) => v !== undefined) ? (values as Values[]).flat() : undefined);
  return true;
}

function split({ node, t, s }: NodeShapes): boolean {
  const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
  const sizes = t.value(node.input[1]) ?? intsAttribute(node, 'split') ?? node.output.map(() => (s[axis] as number) / node.output.length);
  node.output.forEach((name, i) => {
    const shape = [...s];
    shape[axis] = sizes[i] as number;
    t.set(name, shape);
  });
  return true;
}

function squeezeOrUnsqueeze({ node, t, s, out, op }: NodeShapes): boolean {
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

function expand({ node, t, s, out }: NodeShapes): boolean {
  const shape = t.value(node.input[1]);
  if (!shape) return false;
  t.set(out, broadcast([s, shape]));
  return true;
}

function tile({ node, t, s, out }: NodeShapes): boolean {
  const repeats = t.value(node.input[1]);
  if (!repeats) return false;
  t.set(out, s.map((d, i) => d * (repeats[i] ?? 1)));
  return true;
}

function pad({ node, t, s, out }: NodeShapes): boolean {
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

function slice({ node, t, s, out }: NodeShapes): boolean {
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

function gather({ node, t, s, out }: NodeShapes): boolean {
  const indices = t.shape(node.input[1]);
  if (!indices) return false;
  const axis = normAxis(intAttribute(node, 'axis') ?? 0, s.length);
  const data = t.value(node.input[0]);
  const idx = t.value(node.input[1]);
  const values = data && idx && s.length === 1 ? idx.map((i) => data[i < 0 ? i + data.length : i] as number) : undefined;
  t.set(out, [...s.slice(0, axis), ...indices, ...s.slice(axis + 1)], values);
  return true;
}

function resize({ node, t, s, out, op }: NodeShapes): boolean {
  const sizes = t.value(node.input[3]);
  const scales = op === 'Upsample' ? (t.value(node.input[1]) ?? (node.attribute.find((a) => a.name === 'scales')?.floats)) : t.value(node.input[2]);
  if (sizes && sizes.length === s.length) t.set(out, sizes);
  else if (scales && scales.length === s.length) t.set(out, s.map((d, i) => Math.floor(d * (scales[i] as number))));
  else return false;
  return true;
}

function depthToSpace({ node, t, s, out, op }: NodeShapes): boolean {
  const b = intAttribute(node, 'blocksize') ?? 1;
  const [n, c, h, w] = s as [number, number, number, number];
  t.set(out, op === 'DepthToSpace' ? [n, c / (b * b), h * b, w * b] : [n, c * b * b, h / b, w / b]);
  return true;
}
