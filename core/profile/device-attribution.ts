import type { DeviceTimeFigures } from './breakdown.js';
import { busyUsWithin, webGpuConvKernel, type DeviceEvent, type DeviceEvents } from './device-time.js';
import { baseOpType } from './cost-model.js';
import { matchGraphNode, type GraphIndex } from './graph-nodes.js';
import type { NodeAccumulator } from './node-kernels.js';
import type { OrtTraceEvent } from './ort-trace.js';

const usToMs = (us: number): number => us / 1000;

const CPU = 'CPUExecutionProvider';

/**
 * Replaces the host-side times of accelerator nodes by the device's own, keeping the host times as
 * dispatch time. Nodes on the CPU keep their host time: there the CPU is the device and the kernel
 * runs inside its Node event. Returns null (and changes nothing) when the trace has no device times.
 */
export function applyDeviceTimes(
  found: DeviceEvents | null,
  nodes: Map<string, NodeAccumulator>,
  allRuns: readonly OrtTraceEvent[],
  countedRuns: readonly OrtTraceEvent[] | null,
  runCount: number,
  graph: GraphIndex | undefined,
): DeviceTimeFigures | null {
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

