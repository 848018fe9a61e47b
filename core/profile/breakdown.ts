import type { CostMethod } from './cost-model.js';
import type { TraceTensor } from './ort-trace.js';

/**
 * What one profiled pass says about where the time went.
 *
 * Share: a node's (or op type's) kernel time over the sum of all kernel times in the profiled runs,
 * so shares add up to 100 %. Not over model_run: with the parallel executor kernels overlap and
 * would add up past 100 %, and the time model_run spends outside kernels (input and output copies,
 * executor bookkeeping) belongs to no node; it is reported once, as `kernelCoverage`.
 */
export interface NodeBreakdown {
  /** The node as ONNX Runtime named it after optimisation (the event name without `_kernel_time`). */
  name: string;
  opType: string;
  /** The graph node it maps back to, when it can be found. */
  graphNode: string | null;
  /** A reader's label such as '3×3 Conv' or '1×1 Conv'; the op type otherwise. */
  kind: string;
  provider: string;
  calls: number;
  /** Device time where the trace has it (see ProfileBreakdown.timeBase); host-side kernel time otherwise. */
  totalMs: number;
  meanMs: number;
  share: number;
  /**
   * Host-side time per call of a node whose times are the device's: what the CPU spent enqueueing
   * it (dispatch time). Null where the node's own time is host-side already.
   */
  dispatchMs: number | null;
  inputs: TraceTensor[];
  outputs: TraceTensor[];
  /** Bytes as the trace reports them (args activation_size, output_size). */
  activationBytes: number | null;
  /** The node's weights as the model holds them (the trace's parameter_size without the graph). */
  parameterBytes: number | null;
  outputBytes: number | null;
  /** Per call; null when the op has no cost model or its shapes are missing. */
  flops: number | null;
  bytesMoved: number | null;
  costMethod: CostMethod | null;
  /** FLOPs per call / mean time. */
  gflopsPerS: number | null;
  /** FLOPs per byte moved. */
  intensity: number | null;
}

export interface OpTypeBreakdown {
  opType: string;
  nodes: number;
  calls: number;
  totalMs: number;
  msPerRun: number;
  share: number;
  /** Summed over the op type's nodes for one inference; null when none of them has a cost. */
  flopsPerRun: number | null;
  bytesPerRun: number | null;
  gflopsPerS: number | null;
  intensity: number | null;
}

export interface ProviderBreakdown {
  provider: string;
  nodes: number;
  share: number;
}

export interface SessionPhase {
  name: string;
  durationMs: number;
}

export interface MemoryFigures {
  /** The model's weights, as `inspect` counts them (without the graph: the trace's parameter_size sum). */
  parameterBytes: number | null;
  /** Largest single output a node wrote (args.output_size). */
  largestOutputBytes: number | null;
  /** Sum over distinct nodes of args.output_size: activations written per inference. */
  outputBytesPerRun: number | null;
  /** Peak of the CPU arena's bytes in use (args mem_in_use_peak, newer ONNX Runtime on CPU). */
  peakInUseBytes: number | null;
  /** Most the arena held (args mem_arena_held). */
  arenaHeldBytes: number | null;
}

/**
 * What the node times are. 'device': the device's own timestamps (WebGPU Api events, GPU kernel
 * events) for nodes on an accelerator, and host time for nodes on the CPU, where host time is the
 * kernel's. 'host': every time is host-side; for nodes on an asynchronous provider that is dispatch
 * time, not kernel time.
 */
export type TimeBase = 'device' | 'host';

export interface DeviceTimeFigures {
  source: 'webgpu-timestamps' | 'gpu-kernels';
  /** False when the device's events lie outside the model_run windows (its clock was not converted). */
  alignedWithRuns: boolean;
  /** Device events inside the counted runs (all of them when not aligned). */
  events: number;
  /** Device events whose node has no Node event in the trace (named by the device event alone). */
  unmatchedEvents: number;
  /** Mean time per counted run the device was busy (union of its events inside model_run). */
  busyMsPerRun: number;
  /** Busy time / model_run per counted run, averaged; null without model_run events. */
  busyShare: number | null;
  /** Lowest and highest per-run busy share. */
  busyShareMin: number | null;
  busyShareMax: number | null;
  /** Host-side time per run of the nodes whose times are the device's: the CPU enqueueing them. */
  dispatchMsPerRun: number;
}

export interface ProfileBreakdown {
  timeBase: TimeBase;
  /** Device figures when timeBase is 'device'. */
  device: DeviceTimeFigures | null;
  /** model_run events whose nodes were counted. */
  runs: number;
  /** model_run events left out at the start (the first run pays one-off allocations). */
  skippedRuns: number;
  modelRunMeanMs: number | null;
  /** Median model_run time over the counted runs: what one profiled inference took, spikes aside. */
  modelRunMedianMs: number | null;
  /** Summed node time per run (device time for accelerator nodes when timeBase is 'device'). */
  kernelMsPerRun: number;
  /** Kernel time / model_run time; null without model_run events. Over 1 when kernels overlap. */
  kernelCoverage: number | null;
  sessionPhases: SessionPhase[];
  /** Slowest first. */
  nodes: NodeBreakdown[];
  opTypes: OpTypeBreakdown[];
  providers: ProviderBreakdown[];
  flopsPerRun: number | null;
  bytesPerRun: number | null;
  /** FLOPs of one inference / the mean kernel time of one inference. */
  gflopsPerS: number | null;
  memory: MemoryFigures;
}
