import type { GraphNodeProfile, GraphNodeView, GraphProfileOverlay, ModelGraph } from '../api/model-graph.js';

/**
 * Puts a profile another runtime measured per layer (OpenVINO's counters) on the model's graph:
 * each layer already names the graph nodes it stands for (through the execution graph's
 * originalLayersNames, or its own name). A layer fused from several nodes is drawn on the first,
 * its compute node, with the others named beside it; nothing is split by a guess.
 */
export interface PlacedLayer {
  name: string;
  averageMs: number;
  device: string;
  graphNodes: string[];
}

export function overlayLayers(graph: Omit<ModelGraph, 'profile'>, layers: readonly PlacedLayer[], source: { runId: string; traceFile: string; timeKind: 'device' | 'host' }): ModelGraph {
  const totalMs = layers.reduce((s, l) => s + l.averageMs, 0);
  const byNode = new Map<string, PlacedLayer[]>();
  let placedMs = 0;
  const names = new Set(graph.nodes.map((n) => n.name));
  for (const layer of layers) {
    const node = layer.graphNodes.find((n) => names.has(n));
    if (!node) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), layer]);
    placedMs += layer.averageMs;
  }
  const nodes = graph.nodes.map((node): GraphNodeView => {
    const placed = byNode.get(node.name);
    if (!placed) return node;
    const meanMs = placed.reduce((s, l) => s + l.averageMs, 0);
    const profile: GraphNodeProfile = {
      meanMs, share: totalMs > 0 ? meanMs / totalMs : 0, provider: placed[0]!.device, kernels: placed.map((l) => l.name),
      flops: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null,
    };
    return { ...node, profile };
  });
  const overlay: GraphProfileOverlay = {
    runId: source.runId, traceFile: source.traceFile, kernelMsPerRun: totalMs, placedShare: totalMs > 0 ? placedMs / totalMs : 0,
    timeKind: source.timeKind, providers: [...new Set(layers.map((l) => l.device))],
  };
  return { ...graph, nodes, profile: overlay };
}
