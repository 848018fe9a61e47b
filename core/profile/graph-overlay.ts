import type { ModelProto } from 'onnx-buf';
import type { GraphNodeProfile, GraphNodeView, GraphProfileOverlay, ModelGraph } from '../api/model-graph.js';
import type { NodeBreakdown } from './breakdown.js';
import { indexGraph } from './graph-nodes.js';
import { parseOrtProfile } from './parse-ort-profile.js';
import type { MachinePeaks } from './peaks.js';
import { rooflinePoint } from './roofline.js';

export interface OverlaySource {
  runId: string;
  traceFile: string;
  /** The trace as written by the profiled pass (its hash already checked against the record). */
  traceText: string;
  skippedRuns: number;
  peaks: MachinePeaks | null;
}

/**
 * Puts a profiled run's kernel times on the graph's nodes: each kernel ONNX Runtime ran is mapped
 * back to the graph node it came from (core/profile/graph-nodes.ts matchGraphNode, which follows
 * the optimiser's fusions), and a node's time, FLOPs and roofline bound are those of its kernels
 * per inference. Times are the trace's own: device time where the provider reports it.
 */
export function overlayProfile(graph: Omit<ModelGraph, 'profile'>, model: ModelProto, source: OverlaySource): ModelGraph {
  const breakdown = parseOrtProfile(source.traceText, { graph: indexGraph(model), skipRuns: source.skippedRuns, source: source.traceFile });
  const runs = Math.max(1, breakdown.runs);
  const byName = new Map<string, GraphNodeView>();
  const byOutput = new Map<string, GraphNodeView>();
  for (const node of graph.nodes) {
    if (node.name !== '') byName.set(node.name, node);
    for (const out of node.outputs) byOutput.set(out.name, node);
  }
  const kernelsOf = new Map<GraphNodeView, NodeBreakdown[]>();
  let placedMs = 0;
  for (const kernel of breakdown.nodes) {
    const node = (kernel.graphNode !== null ? byName.get(kernel.graphNode) : undefined) ?? byName.get(kernel.name) ?? byOutput.get(kernel.name);
    if (!node) continue;
    kernelsOf.set(node, [...(kernelsOf.get(node) ?? []), kernel]);
    placedMs += kernel.totalMs / runs;
  }
  const totalMs = breakdown.nodes.reduce((a, n) => a + n.totalMs, 0) / runs;
  const shapes = new Map<string, number[]>();
  const nodes = graph.nodes.map((node): GraphNodeView => {
    const kernels = kernelsOf.get(node);
    if (!kernels) return node;
    // Shapes only from a kernel that is the node itself: a layout-transformed one (`…_nchwc`) pads
    // channels to its block size, and its shapes are not the model's.
    const main = kernels.find((k) => k.name === node.name && k.opType === node.opType);
    if (main && main.outputs.length === node.outputs.length) main.outputs.forEach((t, i) => shapes.set(node.outputs[i]?.name ?? '', t.shape));
    return { ...node, profile: nodeProfile(kernels, runs, totalMs, source.peaks) };
  });
  // Shapes the model did not declare, as the profiled run saw them.
  const withShape = <T extends { name: string; shape: unknown }>(t: T): T => (t.shape === null && shapes.has(t.name) ? { ...t, shape: shapes.get(t.name) ?? null } : t);
  const shaped = nodes.map((n) => ({ ...n, inputs: n.inputs.map(withShape), outputs: n.outputs.map(withShape) }));
  const providers = [...new Set(breakdown.nodes.map((n) => n.provider))];
  const overlay: GraphProfileOverlay = {
    runId: source.runId,
    traceFile: source.traceFile,
    kernelMsPerRun: totalMs,
    placedShare: totalMs > 0 ? placedMs / totalMs : 0,
    timeKind: providers.some((p) => !/^CPU/i.test(p)) ? 'device' : 'host',
    providers,
  };
  return { ...graph, nodes: shaped, profile: overlay };
}

function nodeProfile(kernels: readonly NodeBreakdown[], runs: number, totalMs: number, peaks: MachinePeaks | null): GraphNodeProfile {
  const meanMs = kernels.reduce((a, k) => a + k.totalMs, 0) / runs;
  const costed = kernels.every((k) => k.flops !== null);
  const flops = costed ? kernels.reduce((a, k) => a + (k.flops ?? 0) * k.calls, 0) / runs : null;
  const bytes = costed && kernels.every((k) => k.bytesMoved !== null) ? kernels.reduce((a, k) => a + (k.bytesMoved ?? 0) * k.calls, 0) / runs : null;
  const gflopsPerS = flops !== null && meanMs > 0 ? flops / (meanMs * 1e6) : null;
  const intensity = flops !== null && bytes ? flops / bytes : null;
  const provider = kernels[0]?.provider ?? '';
  const roof = rooflinePoint(intensity, gflopsPerS, provider, peaks);
  return {
    meanMs,
    share: totalMs > 0 ? meanMs / totalMs : 0,
    provider,
    kernels: kernels.map((k) => k.name),
    flops,
    gflopsPerS,
    intensity,
    bound: roof?.bound ?? null,
    roofFraction: roof?.roofFraction ?? null,
  };
}
