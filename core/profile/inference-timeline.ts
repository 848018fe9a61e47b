import { LabError } from '../api/errors.js';
import type { TimelineLane, TimelineSpan } from '../api/inference-trace.js';
import { readDeviceEvents } from './device-time.js';
import { readTraceEvents, type OrtTraceEvent } from './ort-trace.js';

const KERNEL_SUFFIX = '_kernel_time';
const CPU = 'CPUExecutionProvider';

export interface InferenceTimeline {
  inference: number;
  inferences: number;
  durationUs: number;
  spans: TimelineSpan[];
  lanes: TimelineLane[];
  timeBase: 'device' | 'host';
}

/**
 * The kernels of one inference, placed in time: the median-length profiled inference by default,
 * so the picture is a typical one rather than the first (which pays one-off allocations) or an
 * outlier. Lanes are the trace's thread ids, renumbered from 0.
 *
 * Where the trace has the device's own times for the inference (WebGPU timestamps, GPU kernel
 * events), the device's work is the first lane and the host node events of the accelerator's nodes
 * are drawn as what they are, dispatch: on an asynchronous device the CPU's node time is the
 * enqueueing (a Conv's 5 ms of dispatch next to 0.6 ms on the GPU), never the kernel's time.
 */
export function inferenceTimeline(trace: unknown, source: string, which?: number): InferenceTimeline {
  const events = readTraceEvents(trace, source);
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  if (runs.length === 0) {
    throw new LabError('input', `${source}: the trace has no model_run events, so no inference can be drawn.`, 'Profile the model again (edgelab profile, or a run with "Op-level profile" ticked).');
  }
  const byLength = runs.map((r, i) => ({ i, dur: r.dur })).sort((a, b) => a.dur - b.dur);
  const index = which !== undefined && which >= 0 && which < runs.length ? which : (byLength[Math.floor(byLength.length / 2)]?.i ?? 0);
  const run = runs[index] as (typeof runs)[number];
  const within = (e: { ts: number }) => e.ts >= run.ts && e.ts <= run.ts + run.dur;
  const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX) && within(e)).sort((a, b) => a.ts - b.ts);
  const device = (readDeviceEvents(events)?.events ?? []).filter(within).sort((a, b) => a.ts - b.ts);
  const provider = (e: OrtTraceEvent) => (typeof e.args.provider === 'string' ? e.args.provider : 'unknown');
  const accelerator = kernels.map(provider).find((p) => p !== CPU && p !== 'unknown') ?? 'unknown';
  const deviceLanes = device.length > 0 ? 1 : 0;
  const lanes: TimelineLane[] = deviceLanes ? [{ label: 'device', time: 'device' }] : [];
  const laneOf = new Map<string, number>();
  const hostLane = (tid: number, time: 'dispatch' | 'host') => {
    const key = `${time}:${tid}`;
    if (!laneOf.has(key)) {
      laneOf.set(key, lanes.length);
      const threads = [...laneOf.keys()].filter((k) => k.startsWith(`${time}:`)).length;
      lanes.push({ label: time === 'dispatch' ? `dispatch ${threads}` : `thread ${threads}`, time });
    }
    return laneOf.get(key) as number;
  };
  const spans: TimelineSpan[] = device.map((e) => ({
    name: e.node,
    opType: e.opType ?? 'unknown',
    provider: accelerator,
    startUs: e.ts - run.ts,
    durationUs: e.dur,
    lane: 0,
    time: 'device',
  }));
  for (const e of kernels) {
    // A node on an asynchronous provider is dispatch time whether or not the device's own times are
    // in the trace; only a CPU node's event holds its kernel.
    const time = provider(e) !== CPU && provider(e) !== 'unknown' ? 'dispatch' : 'host';
    spans.push({
      name: e.name.slice(0, -KERNEL_SUFFIX.length),
      opType: typeof e.args.op_name === 'string' ? e.args.op_name : 'unknown',
      provider: provider(e),
      startUs: e.ts - run.ts,
      durationUs: e.dur,
      lane: hostLane(e.tid ?? 0, time),
      time,
    });
  }
  spans.sort((a, b) => a.startUs - b.startUs || a.lane - b.lane);
  return { inference: index, inferences: runs.length, durationUs: run.dur, spans, lanes, timeBase: deviceLanes > 0 ? 'device' : 'host' };
}
