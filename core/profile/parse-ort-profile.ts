import { LabError } from '../api/errors.js';
import type { DeviceTimeFigures, MemoryFigures, NodeBreakdown, OpTypeBreakdown, ProfileBreakdown, ProviderBreakdown, SessionPhase } from './breakdown.js';
import { busyUsWithin, readDeviceEvents, webGpuConvKernel, type DeviceEvent } from './device-time.js';
import { baseOpType, nodeCost, nodeKind, type NodeCost } from './cost-model.js';
import { matchGraphNode, type GraphIndex, type GraphNode } from './graph-nodes.js';
import { readTraceEvents, traceNumber, traceTensors, type OrtTraceEvent, type TraceTensor } from './ort-trace.js';

export interface ParseOptions {
  /** Leave out this many model_run events at the start; at least one run is always kept. */
  skipRuns?: number;
  /** The model's graph, for attributes and pre-packed weight shapes; costs are rougher without it. */
  graph?: GraphIndex;
  /** Named in error messages. */
  source?: string;
}

const KERNEL_SUFFIX = '_kernel_time';
// Executor spans repeat model_run's time and are not phases a reader acts on.
const notPhases = new Set(['model_run', 'SequentialExecutor::Execute', 'ParallelExecutor::Execute']);

interface NodeAccumulator {
  name: string;
  opType: string;
  provider: string;
  calls: number;
  totalUs: number;
  /** Host-side µs when totalUs was replaced by the device's time; null otherwise. */
  dispatchUs: number | null;
  /** Conv kernel size as the device's dispatch states it, for a kind label when the graph is not given. */
  deviceKernel: [number, number] | null;
  flops: number;
  bytes: number;
  cost: NodeCost | null;
  inputs: TraceTensor[];
  outputs: TraceTensor[];
  args: Record<string, unknown>;
  graphNode: GraphNode | null;
}

const usToMs = (us: number): number => us / 1000;

/** Which model_run (by index) an event falls in; -1 when none frames it. */
function runIndexOf(event: OrtTraceEvent, runs: readonly OrtTraceEvent[]): number {
  return runs.findIndex((r) => event.ts >= r.ts && event.ts <= r.ts + r.dur);
}

function maxOf(events: readonly OrtTraceEvent[], field: string): number | null {
  let best: number | null = null;
  for (const e of events) {
    const v = traceNumber(e.args[field]);
    if (v !== null && (best === null || v > best)) best = v;
  }
  return best;
}

function sumOrNull(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

/**
 * ONNX Runtime profile (Chrome-trace JSON) → per-node, per-op-type and per-provider breakdown over
 * the profiled runs, with session phases, memory figures the trace carries and, where the cost model
 * knows the op, FLOPs, bytes and achieved GFLOP/s.
 */
export function parseOrtProfile(trace: unknown, options: ParseOptions = {}): ProfileBreakdown {
  const source = options.source ?? 'profile';
  const events = readTraceEvents(trace, source);
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX));
  if (kernels.length === 0) {
    throw new LabError(
      'input',
      `${source}: the profile has no node events (${runs.length} model_run events, ${events.length} events in all).`,
      'Profile at least one inference: create the session with enableProfiling and call run() before endProfiling().',
    );
  }
  const skippedRuns = runs.length === 0 ? 0 : Math.min(Math.max(0, options.skipRuns ?? 0), runs.length - 1);
  const countedRuns = runs.slice(skippedRuns);
  const runCount = Math.max(1, countedRuns.length);

  const nodes = new Map<string, NodeAccumulator>();
  const costCache = new Map<string, NodeCost | null>();
  for (const e of kernels) {
    if (runs.length > 0) {
      const index = runIndexOf(e, runs);
      if (index >= 0 && index < skippedRuns) continue;
    }
    const name = e.name.slice(0, -KERNEL_SUFFIX.length);
    const opType = typeof e.args.op_name === 'string' ? e.args.op_name : 'unknown';
    let node = nodes.get(name);
    if (!node) {
      const graphNode = options.graph ? matchGraphNode(name, baseOpType(opType), options.graph) : null;
      node = {
        name, opType, provider: typeof e.args.provider === 'string' ? e.args.provider : 'unknown',
        calls: 0, totalUs: 0, dispatchUs: null, deviceKernel: null, flops: 0, bytes: 0, cost: null, inputs: [], outputs: [], args: {}, graphNode,
      };
      nodes.set(name, node);
    }
    node.calls++;
    node.totalUs += e.dur;
    node.inputs = traceTensors(e.args.input_type_shape);
    node.outputs = traceTensors(e.args.output_type_shape);
    node.args = e.args;
    // Shapes can change between calls (dynamic dims), so cost each call; identical shapes hit the cache.
    const key = `${name}|${JSON.stringify(e.args.input_type_shape)}|${JSON.stringify(e.args.output_type_shape)}`;
    let cost = costCache.get(key);
    if (cost === undefined) {
      cost = costOf(node, options.graph);
      costCache.set(key, cost);
    }
    node.cost = cost;
    if (cost) {
      node.flops += cost.flops;
      node.bytes += cost.bytes;
    }
  }

  const countedWindows = runs.length === 0 ? null : countedRuns;
  const device = applyDeviceTimes(events, nodes, runs, countedWindows, runCount, options.graph);

  const totalKernelUs = [...nodes.values()].reduce((a, n) => a + n.totalUs, 0);
  const share = (us: number) => (totalKernelUs > 0 ? us / totalKernelUs : 0);

  const nodeRows: NodeBreakdown[] = [...nodes.values()].map((n) => {
    const meanMs = usToMs(n.totalUs) / n.calls;
    const flops = n.cost ? n.flops / n.calls : null;
    const bytes = n.cost ? n.bytes / n.calls : null;
    return {
      name: n.name,
      opType: n.opType,
      graphNode: n.graphNode?.name ?? null,
      kind: kindOf(n, options.graph),
      provider: n.provider,
      calls: n.calls,
      totalMs: usToMs(n.totalUs),
      meanMs,
      share: share(n.totalUs),
      dispatchMs: n.dispatchUs === null ? null : usToMs(n.dispatchUs) / n.calls,
      inputs: n.inputs,
      outputs: n.outputs,
      activationBytes: traceNumber(n.args.activation_size),
      parameterBytes: nodeWeightBytes(n.graphNode, options.graph) ?? traceNumber(n.args.parameter_size),
      outputBytes: traceNumber(n.args.output_size),
      flops,
      bytesMoved: bytes,
      costMethod: n.cost?.method ?? null,
      gflopsPerS: flops !== null && meanMs > 0 ? flops / (meanMs * 1e6) : null,
      intensity: flops !== null && bytes ? flops / bytes : null,
    };
  });
  nodeRows.sort((a, b) => b.totalMs - a.totalMs);

  const kernelMsPerRun = usToMs(totalKernelUs) / runCount;
  const flopsPerRun = sumOrNull(nodeRows.map((n) => (n.flops === null ? null : (n.flops * n.calls) / runCount)));
  const bytesPerRun = sumOrNull(nodeRows.map((n) => (n.bytesMoved === null ? null : (n.bytesMoved * n.calls) / runCount)));
  const modelRunMeanMs = countedRuns.length ? usToMs(countedRuns.reduce((a, r) => a + r.dur, 0)) / countedRuns.length : null;
  const runDurations = countedRuns.map((r) => usToMs(r.dur)).sort((a, b) => a - b);
  const middle = Math.floor(runDurations.length / 2);
  const modelRunMedianMs = runDurations.length === 0 ? null : runDurations.length % 2 ? (runDurations[middle] as number) : ((runDurations[middle - 1] as number) + (runDurations[middle] as number)) / 2;

  return {
    timeBase: device ? 'device' : 'host',
    device,
    runs: runCount,
    skippedRuns,
    modelRunMeanMs,
    modelRunMedianMs,
    kernelMsPerRun,
    kernelCoverage: modelRunMeanMs ? kernelMsPerRun / modelRunMeanMs : null,
    sessionPhases: sessionPhases(events),
    nodes: nodeRows,
    opTypes: opTypeRows(nodeRows, runCount),
    providers: providerRows(nodeRows),
    flopsPerRun,
    bytesPerRun,
    gflopsPerS: flopsPerRun !== null && kernelMsPerRun > 0 ? flopsPerRun / (kernelMsPerRun * 1e6) : null,
    memory: memoryFigures(nodeRows, kernels, options.graph),
  };
}

const CPU = 'CPUExecutionProvider';

/**
 * Replaces the host-side times of accelerator nodes by the device's own, keeping the host times as
 * dispatch time. Nodes on the CPU keep their host time: there the CPU is the device and the kernel
 * runs inside its Node event. Returns null (and changes nothing) when the trace has no device times.
 */
function applyDeviceTimes(
  events: readonly OrtTraceEvent[],
  nodes: Map<string, NodeAccumulator>,
  allRuns: readonly OrtTraceEvent[],
  countedRuns: readonly OrtTraceEvent[] | null,
  runCount: number,
  graph: GraphIndex | undefined,
): DeviceTimeFigures | null {
  const found = readDeviceEvents(events);
  if (!found) return null;
  const within = (e: DeviceEvent, r: OrtTraceEvent) => e.ts >= r.ts && e.ts <= r.ts + r.dur;
  // A build that does not convert the device's clock to the profiler's puts its events outside every
  // model_run. Then they are all taken, scaled to the counted runs, and no per-inference share is given.
  const aligned = allRuns.length === 0 || found.events.filter((e) => allRuns.some((r) => within(e, r))).length * 2 >= found.events.length;
  const scale = aligned ? 1 : runCount / allRuns.length;
  const counted = aligned ? found.events.filter((e) => countedRuns === null || countedRuns.some((r) => within(e, r))) : found.events;
  const byNode = new Map<string, { us: number; opType: string | null; events: DeviceEvent[] }>();
  for (const e of counted) {
    const entry = byNode.get(e.node) ?? { us: 0, opType: e.opType, events: [] };
    entry.us += e.dur * scale;
    entry.events.push(e);
    byNode.set(e.node, entry);
  }
  const accelerators = [...nodes.values()].filter((n) => n.provider !== CPU);
  const mainProvider = mostCommon(accelerators.map((n) => n.provider)) ?? 'unknown';
  for (const n of accelerators) {
    n.dispatchUs = n.totalUs;
    n.totalUs = byNode.get(n.name)?.us ?? 0;
    // A kernel size only when every dispatch of the node ran the same program.
    const dispatches = byNode.get(n.name)?.events ?? [];
    n.deviceKernel = dispatches[0] && new Set(dispatches.map((e) => e.program)).size === 1 ? webGpuConvKernel(dispatches[0]) : null;
  }
  let unmatchedEvents = 0;
  for (const [name, entry] of byNode) {
    if (nodes.has(name)) continue;
    unmatchedEvents += entry.events.length;
    const opType = entry.opType ?? 'unknown';
    const graphNode = graph ? matchGraphNode(name, baseOpType(opType), graph) : null;
    nodes.set(name, {
      name, opType, provider: mainProvider, calls: runCount, totalUs: entry.us, dispatchUs: 0, deviceKernel: null, flops: 0, bytes: 0,
      cost: null, inputs: [], outputs: [], args: {}, graphNode,
    });
  }
  const shares = countedRuns === null || !aligned ? [] : countedRuns.map((r) => (r.dur > 0 ? busyUsWithin(counted, r.ts, r.ts + r.dur) / r.dur : 0));
  const busyUs = countedRuns === null || !aligned
    ? busyUsWithin(counted, -Infinity, Infinity) * scale
    : countedRuns.reduce((a, r) => a + busyUsWithin(counted, r.ts, r.ts + r.dur), 0);
  const dispatchUs = accelerators.reduce((a, n) => a + (n.dispatchUs ?? 0), 0);
  return {
    source: found.source,
    alignedWithRuns: aligned,
    events: counted.length,
    unmatchedEvents,
    busyMsPerRun: usToMs(busyUs) / runCount,
    busyShare: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
    busyShareMin: shares.length ? Math.min(...shares) : null,
    busyShareMax: shares.length ? Math.max(...shares) : null,
    dispatchMsPerRun: usToMs(dispatchUs) / runCount,
  };
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function kindOf(n: NodeAccumulator, graph: GraphIndex | undefined): string {
  const kind = nodeKind({ opType: n.opType, inputs: n.inputs, outputs: n.outputs, attributes: n.graphNode?.attributes, weightShape: weightShape(n.graphNode, graph) });
  if (kind !== n.opType || baseOpType(n.opType) !== 'Conv' || n.deviceKernel === null) return kind;
  return `${n.deviceKernel[0]}×${n.deviceKernel[1]} Conv`;
}

function weightShape(graphNode: GraphNode | null, graph: GraphIndex | undefined): number[] | undefined {
  const weight = graphNode?.inputs[1];
  return weight === undefined ? undefined : graph?.initializerShapes.get(weight);
}

function costOf(n: NodeAccumulator, graph: GraphIndex | undefined): NodeCost | null {
  const shapes = graphTensors(n, graph);
  return nodeCost({ opType: n.opType, inputs: shapes?.inputs ?? n.inputs, outputs: shapes?.outputs ?? n.outputs, attributes: n.graphNode?.attributes, weightShape: weightShape(n.graphNode, graph) });
}

/**
 * The node's tensors as the graph gives them (shape inference on the model, not the runtime's
 * NCHWc-padded copies), with the trace's dtypes. Only for a node that is the graph node's own op
 * (a Conv the runtime fused with its Relu still computes that Conv); null where the graph's shapes
 * are not all known, and the trace's shapes are used instead.
 */
function graphTensors(n: NodeAccumulator, graph: GraphIndex | undefined): { inputs: TraceTensor[]; outputs: TraceTensor[] } | null {
  const node = n.graphNode;
  const shapes = graph?.tensorShapes;
  if (!node || !shapes || baseOpType(node.opType) !== baseOpType(n.opType)) return null;
  const dtype = (i: number, traced: readonly TraceTensor[]) => traced[i]?.dtype ?? n.inputs[0]?.dtype ?? 'float';
  const tensors = (names: readonly string[], traced: readonly TraceTensor[]) => {
    const present = names.filter((name) => name !== '');
    const found = present.map((name, i) => ({ dtype: dtype(i, traced), shape: shapes.get(name) }));
    return found.every((t) => t.shape !== undefined) ? (found as TraceTensor[]) : null;
  };
  const inputs = tensors(node.inputs, n.inputs);
  const outputs = tensors(node.outputs.slice(0, 1), n.outputs);
  return inputs && outputs ? { inputs, outputs } : null;
}

/** Bytes of the weights a node reads, from the model: a pre-packed weight is absent from the trace's args. */
function nodeWeightBytes(graphNode: GraphNode | null, graph: GraphIndex | undefined): number | null {
  if (!graphNode || !graph) return null;
  return graphNode.inputs.reduce((sum, name) => sum + (graph.weightBytes.get(name) ?? 0), 0);
}

function sessionPhases(events: readonly OrtTraceEvent[]): SessionPhase[] {
  return events
    .filter((e) => e.cat === 'Session' && !notPhases.has(e.name))
    .sort((a, b) => a.ts - b.ts)
    .map((e) => ({ name: e.name, durationMs: usToMs(e.dur) }));
}

function opTypeRows(nodes: readonly NodeBreakdown[], runs: number): OpTypeBreakdown[] {
  const groups = new Map<string, NodeBreakdown[]>();
  for (const n of nodes) groups.set(n.opType, [...(groups.get(n.opType) ?? []), n]);
  const rows = [...groups].map(([opType, members]): OpTypeBreakdown => {
    const totalMs = members.reduce((a, n) => a + n.totalMs, 0);
    const costed = members.filter((n) => n.flops !== null);
    const flopsPerRun = costed.length ? costed.reduce((a, n) => a + (n.flops ?? 0) * n.calls, 0) / runs : null;
    const bytesPerRun = costed.length ? costed.reduce((a, n) => a + (n.bytesMoved ?? 0) * n.calls, 0) / runs : null;
    const costedMsPerRun = costed.reduce((a, n) => a + n.totalMs, 0) / runs;
    return {
      opType,
      nodes: members.length,
      calls: members.reduce((a, n) => a + n.calls, 0),
      totalMs,
      msPerRun: totalMs / runs,
      share: members.reduce((a, n) => a + n.share, 0),
      flopsPerRun,
      bytesPerRun,
      gflopsPerS: flopsPerRun !== null && costedMsPerRun > 0 ? flopsPerRun / (costedMsPerRun * 1e6) : null,
      intensity: flopsPerRun !== null && bytesPerRun ? flopsPerRun / bytesPerRun : null,
    };
  });
  return rows.sort((a, b) => b.totalMs - a.totalMs);
}

function providerRows(nodes: readonly NodeBreakdown[]): ProviderBreakdown[] {
  const rows = new Map<string, ProviderBreakdown>();
  for (const n of nodes) {
    const row = rows.get(n.provider) ?? { provider: n.provider, nodes: 0, share: 0 };
    row.nodes++;
    row.share += n.share;
    rows.set(n.provider, row);
  }
  return [...rows.values()].sort((a, b) => b.share - a.share);
}

function memoryFigures(nodes: readonly NodeBreakdown[], kernels: readonly OrtTraceEvent[], graph: GraphIndex | undefined): MemoryFigures {
  const outputs = nodes.map((n) => n.outputBytes).filter((v): v is number => v !== null);
  return {
    // The model's weights as inspect counts them; the trace's parameter_size is 0 for a weight the
    // kernel pre-packed, and counts a re-blocked (padded) copy for others.
    parameterBytes: graph ? graph.parameterBytes : sumOrNull(nodes.map((n) => n.parameterBytes)),
    largestOutputBytes: outputs.length ? Math.max(...outputs) : null,
    outputBytesPerRun: sumOrNull(nodes.map((n) => n.outputBytes)),
    peakInUseBytes: maxOf(kernels, 'mem_in_use_peak'),
    arenaHeldBytes: maxOf(kernels, 'mem_arena_held'),
  };
}
