import type { GraphIndex } from '../../profile/graph-nodes.js';
import type { ExecGraph } from './exec-graph.js';
import { execPrecision, type LayerStatus, type ParsedCounters } from './perf-counters.js';

/**
 * OpenVINO's per-layer counters as the record's profile section (`extras.profile`), in the shape
 * TensorRT's layer profile has (core/engines/trtexec/trtexec-profile.ts): topNodes, opTypes,
 * providers, layers, findings and summary, so reports, the op breakdown and the ladder read both the
 * same way. Each layer is averaged over the infer requests' blocks, and mapped onto the ONNX graph
 * when a model is given: through the execution graph's originalLayersNames, else by name.
 */
export interface OpenvinoLayer {
  name: string;
  kind: 'layer';
  layerType: string;
  execType: string;
  /** The precision the implementation ran in, from its exec type's suffix. */
  precision: string | null;
  status: LayerStatus;
  device: string;
  averageMs: number;
  medianMs: null;
  share: number;
  /** The ONNX nodes this executed layer stands for (fused ones included), when mapped. */
  graphNodes: string[];
  inputs: string[];
  outputs: string[];
}

export interface ProfileFinding {
  code: string;
  message: string;
  advice: string;
  share: number | null;
  nodes: string[];
}

export interface OpenvinoProfileSummary {
  engine: 'openvino';
  traceFile: string;
  traceSha256: string;
  execGraphFile: string | null;
  countersFormat: string;
  profiledRuns: number;
  skippedRuns: 0;
  modelRunMeanMs: null;
  kernelMsPerRun: number;
  kernelCoverage: null;
  sessionPhases: [];
  providers: { provider: string; nodes: number; share: number }[];
  flopsPerRun: null;
  bytesPerRun: null;
  gflopsPerS: null;
  peakFraction: null;
  memory: { parameterBytes: null; largestOutputBytes: null; outputBytesPerRun: null; peakInUseBytes: null; arenaHeldBytes: null };
  peaks: null;
  topNodes: unknown[];
  opTypes: unknown[];
  layers: OpenvinoLayer[];
  /** Share of layer time placed on a node of the given model; null without a model. */
  placedShare: number | null;
  findings: ProfileFinding[];
  summary: string;
}

/** OpenVINO names a split-off bias `<node>/WithoutBiases` and a reorder `<a>_<layouts>_<b>`; strip what it adds. */
function byLayerName(name: string, graph: GraphIndex): string[] {
  for (const candidate of [name, name.replace(/\/WithoutBiases$/, ''), name.replace(/\/sink_port_\d+$/, '')]) {
    if (graph.byName.has(candidate)) return [candidate];
    const producer = graph.byOutput.get(candidate);
    if (producer) return [producer.name];
  }
  return [];
}

export function mapToGraph(name: string, graph: GraphIndex | null, exec: ExecGraph | null): string[] {
  if (!graph) return [];
  const node = exec?.nodes.get(name);
  if (node) {
    const mapped = node.originalNames.flatMap((n) => byLayerName(n, graph));
    if (mapped.length > 0) return [...new Set(mapped)];
  }
  return byLayerName(name, graph);
}

export function openvinoLayers(counters: ParsedCounters, device: string, graph: GraphIndex | null, exec: ExecGraph | null): OpenvinoLayer[] {
  // Each layer's mean over the blocks it appears in, in the order of its first appearance.
  const averaged = counters.layers.filter((l) => l.status === 'EXECUTED').map((l) => ({ ...l, averageMs: l.realTimeSumMs / l.count }));
  const total = averaged.reduce((s, l) => s + l.averageMs, 0);
  return averaged.map((l) => {
    const graphNodes = mapToGraph(l.name, graph, exec);
    const first = graphNodes[0] ? graph?.byName.get(graphNodes[0]) : undefined;
    return {
      name: l.name, kind: 'layer', layerType: l.layerType, execType: l.execType,
      precision: execPrecision(l.execType) ?? exec?.nodes.get(l.name)?.runtimePrecision ?? null,
      status: l.status, device, averageMs: l.averageMs, medianMs: null,
      share: total > 0 ? l.averageMs / total : 0,
      graphNodes, inputs: first?.inputs ?? [], outputs: first?.outputs ?? [],
    };
  });
}

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

export function openvinoProfileSummary(
  counters: ParsedCounters,
  layers: readonly OpenvinoLayer[],
  files: { countersFile: string; countersSha256: string; execGraphFile: string | null },
  graphGiven: boolean,
  findings: ProfileFinding[],
): OpenvinoProfileSummary {
  const ranked = [...layers].sort((a, b) => b.share - a.share);
  const msPerRun = layers.reduce((s, l) => s + l.averageMs, 0);
  const groups = new Map<string, OpenvinoLayer[]>();
  for (const l of layers) groups.set(l.layerType, [...(groups.get(l.layerType) ?? []), l]);
  const runs = counters.blockCount;
  const opTypes = [...groups.entries()].map(([opType, ls]) => ({
    opType, nodes: ls.length, calls: ls.length * runs, msPerRun: ls.reduce((s, l) => s + l.averageMs, 0), share: ls.reduce((s, l) => s + l.share, 0),
    flopsPerRun: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null,
  })).sort((a, b) => b.share - a.share);
  const devices = [...new Set(layers.map((l) => l.device))].map((d) => ({ provider: d, nodes: layers.filter((l) => l.device === d).length, share: layers.filter((l) => l.device === d).reduce((s, l) => s + l.share, 0) }));
  const topNodes = ranked.slice(0, 10).map((l) => ({
    name: l.name, opType: l.layerType, kind: l.kind, graphNode: l.graphNodes[0] ?? null, provider: l.device, calls: runs,
    meanMs: l.averageMs, medianMs: null, precision: l.precision, execType: l.execType, share: l.share, inputs: l.inputs, outputs: l.outputs,
    flops: null, bytesMoved: null, costMethod: null, gflopsPerS: null, intensity: null, bound: null, roofFraction: null,
  }));
  const placed = layers.filter((l) => l.graphNodes.length > 0).reduce((s, l) => s + l.share, 0);
  const top = ranked[0];
  const blocksWord = counters.format === 'average-csv' || (runs === 1 && counters.firstRequest === null) ? 'benchmark_app\'s average over its infer requests' : `${runs} infer request${runs === 1 ? '' : 's'}, averaged`;
  return {
    engine: 'openvino',
    traceFile: files.countersFile,
    traceSha256: files.countersSha256,
    execGraphFile: files.execGraphFile,
    countersFormat: counters.format,
    profiledRuns: runs,
    skippedRuns: 0,
    modelRunMeanMs: null,
    kernelMsPerRun: msPerRun,
    kernelCoverage: null,
    sessionPhases: [],
    providers: devices,
    flopsPerRun: null, bytesPerRun: null, gflopsPerS: null, peakFraction: null,
    memory: { parameterBytes: null, largestOutputBytes: null, outputBytesPerRun: null, peakInUseBytes: null, arenaHeldBytes: null },
    peaks: null,
    topNodes,
    opTypes,
    layers: [...layers],
    placedShare: graphGiven ? placed : null,
    findings,
    summary: top
      ? `OpenVINO per-layer counters (${blocksWord}): ${layers.length} executed layers, ${msPerRun.toFixed(3)} ms of layer time per inference. The largest is ${top.name} (${top.execType}) with ${pct(top.share)}.`
      : 'OpenVINO per-layer counters: no layer executed with a time (all NOT_RUN or zero).',
  };
}
