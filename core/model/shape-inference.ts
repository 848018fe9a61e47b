import type { GraphProto, NodeProto } from 'onnx-buf';
import { elementwiseRules } from './shapes/elementwise-ops.js';
import { layoutRules } from './shapes/layout-ops.js';
import { reduceRules } from './shapes/reduce-ops.js';
import { ShapeTable, tensorValues, type ShapeRule } from './shapes/shape-table.js';
import { shapeRules } from './shapes/shape-ops.js';
import { windowRules } from './shapes/window-ops.js';

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

/** Every op's rule, by ONNX op type (com.microsoft's fused ops by their bare name). */
const rules = new Map<string, ShapeRule>(Object.entries({ ...elementwiseRules, ...windowRules, ...reduceRules, ...layoutRules, ...shapeRules }));

/** Ops whose output does not depend on an input's shape: inferred before that shape is known. */
const NEEDS_NO_INPUT_SHAPE = new Set(['Constant', 'ConstantOfShape', 'Range']);

/** One node's output shapes (and values, for shape arithmetic); false when it cannot tell. */
function inferNode(node: NodeProto, t: ShapeTable): boolean {
  const op = node.domain === '' || node.domain === 'ai.onnx' ? node.opType : node.domain === 'com.microsoft' ? node.opType : `${node.domain}.${node.opType}`;
  const x = t.shape(node.input[0]);
  if (!x && !NEEDS_NO_INPUT_SHAPE.has(op)) return false;
  const rule = rules.get(op);
  return rule ? rule({ node, t, s: x as number[], out: node.output[0], op }) : false;
}
