import type { OrtTraceEvent, TraceTensor } from './ort-trace.js';
import { traceNumber, traceTensors } from './ort-trace.js';
import { baseOpType, nodeCost, type NodeCost } from './cost-model.js';
import { matchGraphNode, type GraphIndex, type GraphNode } from './graph-nodes.js';

/**
 * The node events of an ONNX Runtime trace taken one at a time, as a trace read as a stream hands
 * them over: a first pass tallies the runs and session phases (which decide which node events
 * count), a second adds each counted kernel into its node's totals. Memory holds the runs and one
 * accumulator per node, never the events.
 */
export const KERNEL_SUFFIX = '_kernel_time';

export interface NodeAccumulator {
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

const NO_ARGS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** What the first pass gathers: the model_run windows, the other session events, and counts. */
export class TraceTally {
  readonly runs: OrtTraceEvent[] = [];
  readonly sessionEvents: OrtTraceEvent[] = [];
  events = 0;
  kernels = 0;

  add(e: OrtTraceEvent): void {
    this.events++;
    // Only their windows and names are kept (a run's as constants, one per inference): args are not read.
    if (e.cat === 'Session' && e.name === 'model_run') this.runs.push({ cat: 'Session', name: 'model_run', ts: e.ts, dur: e.dur, tid: e.tid, args: NO_ARGS });
    else if (e.cat === 'Session') this.sessionEvents.push({ ...e, args: NO_ARGS });
    else if (e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX)) this.kernels++;
  }

  /** The model_run events in time order. */
  sortedRuns(): OrtTraceEvent[] {
    return [...this.runs].sort((a, b) => a.ts - b.ts);
  }
}

const maxOrNull = (best: number | null, v: number | null) => (v !== null && (best === null || v > best) ? v : best);

/** The second pass: each node event into its node, skipping those inside the runs left out. */
/** The first kernel a trace ran, with the tensors it read. */
export interface FirstKernel {
  ts: number;
  name: string;
  inputs: TraceTensor[];
}

export class KernelAccumulator {
  readonly nodes = new Map<string, NodeAccumulator>();
  private readonly costCache = new Map<string, NodeCost | null>();
  /** Over every node event, counted or not, as the trace states them. */
  peakInUseBytes: number | null = null;
  arenaHeldBytes: number | null = null;

  constructor(
    private readonly runs: readonly OrtTraceEvent[],
    private readonly skippedRuns: number,
    private readonly graph: GraphIndex | undefined,
  ) {}

  /** True when the event falls in one of the runs left out (the first run that frames it is one of them). */
  private skipped(e: OrtTraceEvent): boolean {
    for (let i = 0; i < this.skippedRuns; i++) {
      const r = this.runs[i]!;
      if (e.ts >= r.ts && e.ts <= r.ts + r.dur) return true;
    }
    return false;
  }

  /**
   * The earliest kernel of the whole trace, warm-up runs included: nothing was computed before it,
   * so it reads a graph input (trace-input-shapes.ts holds that against the model's inputs).
   */
  firstKernel: FirstKernel | null = null;

  add(e: OrtTraceEvent): void {
    if (e.cat !== 'Node' || !e.name.endsWith(KERNEL_SUFFIX)) return;
    if (this.firstKernel === null || e.ts < this.firstKernel.ts) {
      this.firstKernel = { ts: e.ts, name: e.name.slice(0, -KERNEL_SUFFIX.length), inputs: traceTensors(e.args.input_type_shape) };
    }
    this.peakInUseBytes = maxOrNull(this.peakInUseBytes, traceNumber(e.args['mem_in_use_peak']));
    this.arenaHeldBytes = maxOrNull(this.arenaHeldBytes, traceNumber(e.args['mem_arena_held']));
    if (this.runs.length > 0 && this.skipped(e)) return;
    const { nodes, costCache, graph } = this;
    const name = e.name.slice(0, -KERNEL_SUFFIX.length);
    const opType = typeof e.args.op_name === 'string' ? e.args.op_name : 'unknown';
    let node = nodes.get(name);
    if (!node) {
      const graphNode = graph ? matchGraphNode(name, baseOpType(opType), graph) : null;
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
      cost = costOf(node, graph);
      costCache.set(key, cost);
    }
    node.cost = cost;
    if (cost) {
      node.flops += cost.flops;
      node.bytes += cost.bytes;
    }
  }
}

export function weightShape(graphNode: GraphNode | null, graph: GraphIndex | undefined): number[] | undefined {
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

