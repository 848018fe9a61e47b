import { LabError } from '../api/errors.js';
import type { BenchWarning } from '../api/warnings.js';
import type { ValueInfo } from '../api/model-info.js';
import type { NodeBreakdown, ProfileBreakdown } from './breakdown.js';
import { baseOpType } from './cost-model.js';
import type { GraphIndex } from './graph-nodes.js';
import type { FirstKernel } from './node-kernels.js';
import { checkTraceInputShapes } from './trace-input-shapes.js';

/**
 * Below this share of a trace's nodes naming a node of the given model's graph, the trace was not
 * made with that model, and recording it under the model's SHA-256 and weights would be false.
 * Traces of the right model map every node but those ONNX Runtime inserts (measured on the
 * generated models' CPU traces and the H200 PP-OCRv4 WebGPU trace); another model's trace maps few
 * or none (the PP-OCRv4 trace against the MobileNet model: 0 of 320).
 */
export const MIN_MAPPED_SHARE = 0.5;
/** Below this, the record says how much of the trace did not map. */
export const WARN_MAPPED_SHARE = 0.9;

/**
 * Nodes ONNX Runtime adds to the graph it runs, which no model file holds: NCHWc layout reorders,
 * copies between devices, the precision-free casts of float16 inputs, WebGPU's layout Transposes.
 * Unmatched, they say nothing about which model the trace was made with.
 */
const INSERTED_BY_RUNTIME = /^(Reorder(Input|Output)|Memcpy(FromHost|ToHost)?|InsertedPrecisionFreeCast_|Transpose(_token_\d+)?$)/;

// Fusions that keep a graph node's name for an op of another type: MatMul+Add → Gemm.
const FUSED_INTO: Record<string, string[]> = { Gemm: ['MatMul'] };

/**
 * Whether the trace's op can be the graph node its name matched: generated models share names
 * (`head/fc`), so a name alone does not say the node is the model's.
 */
function opTypeAgrees(n: NodeBreakdown, graph: GraphIndex): boolean {
  const node = n.graphNode === null ? undefined : graph.byName.get(n.graphNode);
  if (!node) return false;
  // Both sides as the op they compute: a model may hold a contrib op itself (MatMulNBits, QLinearConv).
  const traced = baseOpType(n.opType);
  const held = baseOpType(node.opType);
  return traced === held || (FUSED_INTO[traced] ?? []).includes(held);
}

/**
 * How much of the trace belongs to the model given with it: refused below MIN_MAPPED_SHARE, a
 * warning (with the share, and the first unmapped names) below WARN_MAPPED_SHARE. A node whose name
 * matches but whose op type does not counts as unmapped; a graph input read with a shape the model
 * cannot take refuses the trace outright.
 */
export function checkTraceMatchesModel(
  trace: { breakdown: ProfileBreakdown; firstKernel: FirstKernel | null }, model: { graph: GraphIndex; inputs: readonly ValueInfo[] }, tracePath: string, modelPath: string,
): BenchWarning | null {
  const { breakdown } = trace;
  const unmapped = breakdown.nodes.filter((n) => !opTypeAgrees(n, model.graph));
  const inserted = unmapped.filter((n) => INSERTED_BY_RUNTIME.test(n.name)).length;
  const foreign = unmapped.filter((n) => !INSERTED_BY_RUNTIME.test(n.name));
  const total = breakdown.nodes.length - inserted;
  if (total === 0) {
    checkTraceInputShapes(breakdown.nodes, trace.firstKernel, model.graph, model.inputs, tracePath, modelPath);
    return null;
  }
  const share = (total - foreign.length) / total;
  const also = inserted > 0 ? `, besides ${inserted} that ONNX Runtime inserted` : '';
  const said = `${total - foreign.length} of the trace's ${total} nodes (${Math.round(share * 100)} %) match a node of ${modelPath}'s graph by name and op type${also}`;
  const examples = foreign.slice(0, 5).map((n) => n.name).join(', ') + (foreign.length > 5 ? ', …' : '');
  if (share < MIN_MAPPED_SHARE) {
    throw new LabError('input', `${tracePath} was not made with ${modelPath}: only ${said}; at least ${MIN_MAPPED_SHARE * 100} % must (unmatched: ${examples}).`,
      'Give --model the .onnx file the trace was made with, or leave --model out (the record then has no FLOPs and no model identity).');
  }
  // Names can agree by chance (generated models share `head/fc`); the shapes a model takes cannot.
  checkTraceInputShapes(breakdown.nodes, trace.firstKernel, model.graph, model.inputs, tracePath, modelPath);
  if (share >= WARN_MAPPED_SHARE) return null;
  return {
    code: 'trace-model-partial',
    message: `Only ${said}; the others (${examples}) have no graph node, so they have no FLOPs or weights.`,
    advice: 'Check that --model is the very file the trace was made with: a re-export renames nodes.',
  };
}
