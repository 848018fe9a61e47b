import { LabError } from '../api/errors.js';
import type { MemoryFigures, NodeBreakdown, OpTypeBreakdown, ProfileBreakdown, ProviderBreakdown, SessionPhase } from './breakdown.js';
import { applyDeviceTimes } from './device-attribution.js';
import { DeviceEventCollector, type DeviceEvents } from './device-time.js';
import { baseOpType, nodeKind } from './cost-model.js';
import type { GraphIndex, GraphNode } from './graph-nodes.js';
import { KernelAccumulator, TraceTally, weightShape, type FirstKernel, type NodeAccumulator } from './node-kernels.js';
import { readTraceEvents, traceNumber, type OrtTraceEvent } from './ort-trace.js';

export interface ParseOptions {
  /** Leave out this many model_run events at the start; at least one run is always kept. */
  skipRuns?: number;
  /** The model's graph, for attributes and pre-packed weight shapes; costs are rougher without it. */
  graph?: GraphIndex;
  /** Named in error messages. */
  source?: string;
}

// Executor spans repeat model_run's time and are not phases a reader acts on.
const notPhases = new Set(['model_run', 'SequentialExecutor::Execute', 'ParallelExecutor::Execute']);

const usToMs = (us: number): number => us / 1000;

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
  const tally = new TraceTally();
  for (const e of events) tally.add(e);
  const pass = countingPass(tally, options);
  for (const e of events) pass.add(e);
  return pass.breakdown();
}

/**
 * The second pass over a trace, set up from the first's tally: `add` each event again, in file
 * order, then `breakdown()`. Refuses a trace with no node events before any is added.
 */
export function countingPass(tally: TraceTally, options: ParseOptions = {}): { add: (e: OrtTraceEvent) => void; breakdown: () => ProfileBreakdown; firstKernel: () => FirstKernel | null } {
  const source = options.source ?? 'profile';
  const runs = tally.sortedRuns();
  if (tally.kernels === 0) {
    throw new LabError(
      'input',
      `${source}: the profile has no node events (${runs.length} model_run events, ${tally.events} events in all).`,
      'Profile at least one inference: create the session with enableProfiling and call run() before endProfiling().',
    );
  }
  const skippedRuns = runs.length === 0 ? 0 : Math.min(Math.max(0, options.skipRuns ?? 0), runs.length - 1);
  const kernels = new KernelAccumulator(runs, skippedRuns, options.graph);
  const device = new DeviceEventCollector();
  return {
    add: (e) => {
      kernels.add(e);
      device.add(e);
    },
    breakdown: () => assembleBreakdown(tally, runs, skippedRuns, kernels, device.result(), options.graph),
    firstKernel: () => kernels.firstKernel,
  };
}

function assembleBreakdown(tally: TraceTally, runs: OrtTraceEvent[], skippedRuns: number, kernels: KernelAccumulator, found: DeviceEvents | null, graph: GraphIndex | undefined): ProfileBreakdown {
  const countedRuns = runs.slice(skippedRuns);
  const runCount = Math.max(1, countedRuns.length);
  const nodes = kernels.nodes;
  const options = { graph };
  const countedWindows = runs.length === 0 ? null : countedRuns;
  const device = applyDeviceTimes(found, nodes, runs, countedWindows, runCount, options.graph);

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
    sessionPhases: sessionPhases(tally.sessionEvents),
    nodes: nodeRows,
    opTypes: opTypeRows(nodeRows, runCount),
    providers: providerRows(nodeRows),
    flopsPerRun,
    bytesPerRun,
    gflopsPerS: flopsPerRun !== null && kernelMsPerRun > 0 ? flopsPerRun / (kernelMsPerRun * 1e6) : null,
    memory: memoryFigures(nodeRows, kernels, options.graph),
  };
}

function kindOf(n: NodeAccumulator, graph: GraphIndex | undefined): string {
  const kind = nodeKind({ opType: n.opType, inputs: n.inputs, outputs: n.outputs, attributes: n.graphNode?.attributes, weightShape: weightShape(n.graphNode, graph) });
  if (kind !== n.opType || baseOpType(n.opType) !== 'Conv' || n.deviceKernel === null) return kind;
  return `${n.deviceKernel[0]}×${n.deviceKernel[1]} Conv`;
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

function memoryFigures(nodes: readonly NodeBreakdown[], kernels: KernelAccumulator, graph: GraphIndex | undefined): MemoryFigures {
  const outputs = nodes.map((n) => n.outputBytes).filter((v): v is number => v !== null);
  return {
    // The model's weights as inspect counts them; the trace's parameter_size is 0 for a weight the
    // kernel pre-packed, and counts a re-blocked (padded) copy for others.
    parameterBytes: graph ? graph.parameterBytes : sumOrNull(nodes.map((n) => n.parameterBytes)),
    largestOutputBytes: outputs.length ? Math.max(...outputs) : null,
    outputBytesPerRun: sumOrNull(nodes.map((n) => n.outputBytes)),
    peakInUseBytes: kernels.peakInUseBytes,
    arenaHeldBytes: kernels.arenaHeldBytes,
  };
}
