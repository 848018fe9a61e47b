import { LabError } from '../api/errors.js';
import type { BenchWarning } from '../api/warnings.js';
import type { ProfileBreakdown } from './breakdown.js';

/**
 * Below this share of a trace's nodes naming a node of the given model's graph, the trace was not
 * made with that model, and recording it under the model's SHA-256 and weights would be false.
 * Traces of the right model map 83–97 % of their nodes (the rest are nodes ONNX Runtime inserts:
 * ReorderOutput, Memcpy, InsertedPrecisionFreeCast, WebGPU's Transposes); another model's trace
 * maps few or none.
 */
export const MIN_MAPPED_SHARE = 0.5;
/** Below this, the record says how much of the trace did not map. */
export const WARN_MAPPED_SHARE = 0.9;

/**
 * How much of the trace belongs to the model given with it: refused below MIN_MAPPED_SHARE, a
 * warning (with the share, and the first unmapped names) below WARN_MAPPED_SHARE.
 */
export function checkTraceMatchesModel(breakdown: ProfileBreakdown, tracePath: string, modelPath: string): BenchWarning | null {
  const total = breakdown.nodes.length;
  if (total === 0) return null;
  const unmapped = breakdown.nodes.filter((n) => n.graphNode === null);
  const share = (total - unmapped.length) / total;
  const said = `${total - unmapped.length} of the trace's ${total} nodes (${Math.round(share * 100)} %) name a node of ${modelPath}'s graph`;
  const examples = unmapped.slice(0, 5).map((n) => n.name).join(', ') + (unmapped.length > 5 ? ', …' : '');
  if (share < MIN_MAPPED_SHARE) {
    throw new LabError('input', `${tracePath} was not made with ${modelPath}: only ${said}; at least ${MIN_MAPPED_SHARE * 100} % must (unmatched: ${examples}).`,
      'Give --model the .onnx file the trace was made with, or leave --model out (the record then has no FLOPs and no model identity).');
  }
  if (share >= WARN_MAPPED_SHARE) return null;
  return {
    code: 'trace-model-partial',
    message: `Only ${said}; the others (${examples}) have no graph node, so they have no FLOPs or weights.`,
    advice: 'Nodes ONNX Runtime inserts (Reorder*, Memcpy*, Inserted*Cast) never map; if others do not either, check --model is the file the trace was made with.',
  };
}
