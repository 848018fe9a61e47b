import type { ExecutionProvider } from '../api/run-spec.js';
import type { NodeBreakdown } from './breakdown.js';
import type { DeviceTimeSummary, Finding, ProfileNode, ProfileOpType } from './profile-summary.js';
import { roofText } from './roof-text.js';

const pct = (share: number): string => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %`;
const names = (nodes: readonly { name: string }[]): string[] => nodes.slice(0, 10).map((n) => n.name);
const shareOf = (nodes: readonly { share: number }[]): number => nodes.reduce((a, n) => a + n.share, 0);

const memcpyOps = new Set(['MemcpyToHost', 'MemcpyFromHost']);
// Layout changes that do no arithmetic: explicit transposes and the NCHWc pass's reorders.
const layoutOps = new Set(['Transpose', 'ReorderInput', 'ReorderOutput', 'NhwcTranspose']);
const CPU = 'CPUExecutionProvider';

export interface FindingContext {
  nodes: readonly NodeBreakdown[];
  opTypes: readonly ProfileOpType[];
  topNodes: readonly ProfileNode[];
  kernelCoverage: number | null;
  /** The providers the session asked for, when known; otherwise inferred from the trace. */
  requestedProviders?: readonly ExecutionProvider[] | undefined;
  /** Where the node times come from; host-side when absent. */
  timeBase?: 'device' | 'host';
  /** What the times are called in messages ('kernel time', 'device time', 'host-side time'). */
  timeLabel?: string;
  device?: DeviceTimeSummary | null;
  modelRunMeanMs?: number | null;
  /** Profiled inferences counted, for per-inference figures. */
  runs?: number;
}

/** Below this busy share of the profiled inference, the device waits on the host more than it works. */
export const DEVICE_IDLE_SHARE = 0.5;

/** Below this fraction of the attainable roof, an op type that matters is worth a look. */
export const BELOW_ROOF_FRACTION = 0.25;
/** Op types under this share are not worth a reviewer's time, however slow they are. */
const MATTERS_SHARE = 0.05;

export function profileFindings(ctx: FindingContext): Finding[] {
  const findings: Finding[] = [];
  const time = ctx.timeLabel ?? 'kernel time';
  const top = ctx.nodes.slice(0, 3);
  if (top.length > 0) {
    findings.push({
      code: 'top-nodes',
      message: `The ${top.length} slowest nodes take ${pct(shareOf(top))} of ${time}: ${top.map((n) => `${n.name} (${n.opType}, ${pct(n.share)})`).join(', ')}.`,
      advice: 'Start with these: a change elsewhere cannot save more than the rest of the time.',
      share: shareOf(top),
      nodes: names(top),
    });
  }
  const topOp = ctx.opTypes[0];
  if (topOp) {
    const roof = topOp.roofFraction === null ? '' : topOp.roofFraction > 1
      ? ` and runs ${roofText(topOp.roofFraction, topOp.bound)}`
      : ` and reaches ${pct(topOp.roofFraction)} of the roofline (${topOp.bound}-bound)`;
    findings.push({
      code: 'top-op-type',
      message: `${topOp.opType} (${topOp.nodes} node${topOp.nodes === 1 ? '' : 's'}) takes ${pct(topOp.share)} of ${time}${roof}.`,
      advice: topOp.bound === 'memory'
        ? 'Memory-bound: fusing neighbours, a smaller dtype (fp16/int8) or a smaller activation layout cuts bytes moved.'
        : 'Reducing its work (fewer channels, quantisation, a provider with faster kernels for this op) moves the total most.',
      share: topOp.share,
      nodes: names(ctx.nodes.filter((n) => n.opType === topOp.opType)),
    });
  }

  const nonCpu = new Set(ctx.nodes.map((n) => n.provider).filter((p) => p !== CPU));
  const askedForAccelerator = ctx.requestedProviders
    ? ctx.requestedProviders.some((p) => p !== 'cpu')
    : nonCpu.size > 0;
  const onCpu = ctx.nodes.filter((n) => n.provider === CPU);
  if (askedForAccelerator && onCpu.length > 0) {
    const asked = ctx.requestedProviders?.filter((p) => p !== 'cpu').join(', ') ?? [...nonCpu].join(', ');
    findings.push({
      code: 'cpu-fallback',
      message: `${onCpu.length} node${onCpu.length === 1 ? '' : 's'} ran on the CPU although ${asked} was requested (${pct(shareOf(onCpu))} of ${time}): ${onCpu.slice(0, 5).map((n) => `${n.name} (${n.opType})`).join(', ')}${onCpu.length > 5 ? ', …' : ''}.`,
      advice: 'The provider has no kernel for these ops at this opset or dtype. Shape arithmetic on the CPU is normal; for heavy ops, re-export with a supported opset or op, or replace the op, so that the graph stays on the device.',
      share: shareOf(onCpu),
      nodes: names(onCpu),
    });
  }

  const copies = ctx.nodes.filter((n) => memcpyOps.has(n.opType));
  if (copies.length > 0 && ctx.timeBase === 'device') {
    // Copies are not dispatches: the device's timestamps leave them out, and their host time
    // includes waiting for the device to finish the work queued before them.
    const hostMsPerRun = copies.reduce((a, n) => a + (n.dispatchMs ?? 0) * n.calls, 0) / Math.max(1, ctx.runs ?? 1);
    findings.push({
      code: 'memcpy',
      message: `${copies.length} host↔device copies (MemcpyToHost/MemcpyFromHost) sit in each inference, ${hostMsPerRun.toFixed(2)} ms host-side per inference including the wait for queued device work; the device's timestamps do not cover them.`,
      advice: 'Copies sit at the borders of CPU-fallback nodes: keeping those ops on the device removes them. The copy split measures the download of the outputs directly; graph outputs can stay on the device (preferredOutputLocation).',
      share: null,
      nodes: names(copies),
    });
  } else if (copies.length > 0) {
    findings.push({
      code: 'memcpy',
      message: `${copies.length} host↔device copies (MemcpyToHost/MemcpyFromHost) take ${pct(shareOf(copies))} of ${time}.`,
      advice: 'Copies sit at the borders of CPU-fallback nodes: keeping those ops on the device removes them. Graph inputs and outputs copied every run can stay on the device with IO binding.',
      share: shareOf(copies),
      nodes: names(copies),
    });
  }

  const layout = ctx.nodes.filter((n) => layoutOps.has(n.opType));
  if (layout.length > 0 && shareOf(layout) >= 0.01) {
    findings.push({
      code: 'layout-transform',
      message: `${layout.length} layout transforms (${[...new Set(layout.map((n) => n.opType))].join(', ')}) take ${pct(shareOf(layout))} of ${time}.`,
      advice: 'They do no arithmetic. ReorderInput/ReorderOutput mark where ONNX Runtime leaves its blocked NCHWc layout, at ops without an NCHWc kernel; explicit Transposes often come from exporting NHWC code: export in the layout the provider runs.',
      share: shareOf(layout),
      nodes: names(layout),
    });
  }

  const slow = ctx.opTypes.filter((o) => o.share >= MATTERS_SHARE && o.roofFraction !== null && o.roofFraction < BELOW_ROOF_FRACTION);
  for (const o of slow) {
    findings.push({
      code: 'below-roofline',
      message: `${o.opType} runs at ${(o.gflopsPerS ?? 0).toFixed(1)} GFLOP/s, ${pct(o.roofFraction ?? 0)} of what this machine's measured ${o.bound === 'memory' ? 'bandwidth' : 'compute'} peak allows at its intensity (${(o.intensity ?? 0).toFixed(1)} FLOP/byte), for ${pct(o.share)} of ${time}.`,
      advice: o.bound === 'memory'
        ? 'Far below the bandwidth roof usually means small tensors where per-call overhead dominates: batch inputs, or fuse the op into its neighbour.'
        : 'Far below the compute roof: check the thread count (intraOpNumThreads), whether the kernel has a fast path for this shape (e.g. depthwise or grouped Conv), and try graphOptimizationLevel all.',
      share: o.share,
      nodes: names(ctx.nodes.filter((n) => n.opType === o.opType)),
    });
  }

  const device = ctx.device ?? null;
  if (ctx.timeBase === 'device' && device && device.busyShare !== null && device.busyShare < DEVICE_IDLE_SHARE) {
    const run = ctx.modelRunMeanMs === null || ctx.modelRunMeanMs === undefined ? '' : ` of ${ctx.modelRunMeanMs.toFixed(2)} ms`;
    const timed = device.timedP50Ms === null || device.busyShareOfTimedP50 === null
      ? ''
      : ` The timed run, without the profiler, took ${device.timedP50Ms.toFixed(2)} ms at p50, of which the same device time is ${pct(device.busyShareOfTimedP50)}.`;
    findings.push({
      code: 'device-idle',
      message: `The device was busy ${device.busyMsPerRun.toFixed(2)} ms${run} per profiled inference (${pct(device.busyShare)}); it idled for the rest, waiting on host-side dispatch, synchronisation and copies.${timed}`,
      advice: 'Profiling gives every dispatch its own pass, so the profiled inference is slower than the timed one: judge the gap against the timed p50 too. A host-bound model gains from fewer, larger dispatches (batching, fused ops), outputs kept on the device (see the copy split), and fewer CPU-fallback nodes between device nodes.',
      share: 1 - device.busyShare,
      nodes: [],
    });
  }

  const asyncNodes = ctx.nodes.filter((n) => n.provider !== CPU);
  if (ctx.timeBase !== 'device' && asyncNodes.length > 0) {
    const providers = [...new Set(asyncNodes.map((n) => n.provider.replace(/ExecutionProvider$/, '')))].join(', ');
    findings.push({
      code: 'host-side-times',
      message: `This trace has no device timestamps: the times of the ${asyncNodes.length} ${providers} nodes are host-side, the CPU enqueueing each node, not the kernel running. They show placement, op order, CPU fallback and host overhead; they cannot rank device kernels, because work runs asynchronously and whichever node waits on the device absorbs that wait.`,
      advice: 'For device time, profile with a build that records it: WebGPU writes GPU timestamps (Api events) in its profile; CUDA needs an ONNX Runtime built with GPU profiling (CUPTI), or use Nsight Systems. TensorRT engines: import trtexec --exportProfile.',
      share: null,
      nodes: [],
    });
  }

  if (ctx.timeBase !== 'device' && ctx.kernelCoverage !== null && ctx.kernelCoverage < 0.7) {
    findings.push({
      code: 'outside-kernels',
      message: `Only ${pct(ctx.kernelCoverage)} of each inference is spent inside kernels; the rest is executor overhead and input/output copies.`,
      advice: 'Typical of very small models: fewer, larger ops (batching, fusion) amortise it. Compare with the headline latency, which has no profiler overhead.',
      share: null,
      nodes: [],
    });
  }
  return findings;
}
