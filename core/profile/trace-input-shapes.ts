import type { Dim, ValueInfo } from '../api/model-info.js';
import { LabError } from '../api/errors.js';
import type { NodeBreakdown } from './breakdown.js';
import type { GraphIndex } from './graph-nodes.js';
import { formatTensor } from './ort-trace.js';
import type { FirstKernel } from './node-kernels.js';

// NCHWc pads a channel count up to its block (8 or 16 floats); nothing else changes a dim's size.
const isNchwcPadding = (traced: number, declared: number): boolean => traced > declared && traced < declared + 16 && traced % 8 === 0;

/**
 * Whether a graph input the trace saw with `traced` dims cannot be the model's input declared as
 * `declared`. Only concrete dims are compared. The runtime may have changed the layout on the way
 * (WebGPU's NHWC Transpose permutes the dims, NCHWc pads one channel count), so the dims are
 * compared as a multiset that allows one padded channel count, never position by position.
 */
export function shapesContradict(traced: readonly number[], declared: readonly Dim[]): boolean {
  if (traced.length !== declared.length) return true;
  const pool = [...traced];
  const unmatched: number[] = [];
  for (const d of declared) {
    if (typeof d !== 'number') continue;
    const at = pool.indexOf(d);
    if (at >= 0) pool.splice(at, 1);
    else unmatched.push(d);
  }
  if (unmatched.length > 1) return true;
  return unmatched.length === 1 && !pool.some((p) => isNchwcPadding(p, unmatched[0] as number));
}

const formatDims = (shape: readonly Dim[]): string => `[${shape.map((d) => (d === null ? '?' : String(d))).join(',')}]`;

/**
 * Refuses a trace whose nodes read a graph input with a shape the model's declared input cannot
 * have: the trace was made with another model (or another export), whatever its node names say.
 */
export function checkTraceInputShapes(
  nodes: readonly NodeBreakdown[], first: FirstKernel | null, graph: GraphIndex, declared: readonly ValueInfo[], tracePath: string, modelPath: string,
): void {
  const inputs = new Map(declared.filter((v) => v.shape !== null).map((v) => [v.name, v.shape as Dim[]]));
  if (first !== null && first.inputs.length > 0 && inputs.size > 0
    && first.inputs.every((t) => [...inputs.values()].every((shape) => shapesContradict(t.shape, shape)))) {
    const declaredList = [...inputs].map(([name, shape]) => `'${name}' ${formatDims(shape)}`).join(', ');
    throw new LabError('input',
      `${tracePath} was not made with ${modelPath}: the trace's first node ${first.name} read ${first.inputs.map(formatTensor).join(', ')}, none of which can be the model's declared input${inputs.size === 1 ? '' : 's'} ${declaredList}.`,
      'Give --model the .onnx file the trace was made with, or leave --model out (the record then has no FLOPs and no model identity).');
  }
  for (const n of nodes) {
    const node = n.graphNode === null ? undefined : graph.byName.get(n.graphNode);
    // Positions line up only while the runtime kept the node's input list as the graph has it.
    if (!node || node.inputs.length !== n.inputs.length) continue;
    node.inputs.forEach((name, i) => {
      const shape = inputs.get(name);
      const traced = n.inputs[i];
      if (shape === undefined || traced === undefined || !shapesContradict(traced.shape, shape)) return;
      throw new LabError('input',
        `${tracePath} was not made with ${modelPath}: its node ${n.name} read the graph input '${name}' as ${formatTensor(traced)}, but ${modelPath} declares '${name}' as ${formatDims(shape)}.`,
        'Give --model the .onnx file the trace was made with, or leave --model out (the record then has no FLOPs and no model identity).');
    });
  }
}
