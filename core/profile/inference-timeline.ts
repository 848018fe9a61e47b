import { LabError } from '../api/errors.js';
import type { TimelineSpan } from '../api/inference-trace.js';
import { readTraceEvents } from './ort-trace.js';

const KERNEL_SUFFIX = '_kernel_time';

/**
 * The kernels of one inference, placed in time: the median-length profiled inference by default,
 * so the picture is a typical one rather than the first (which pays one-off allocations) or an
 * outlier. Lanes are the trace's thread ids, renumbered from 0.
 */
export function inferenceTimeline(trace: unknown, source: string, which?: number): { inference: number; inferences: number; durationUs: number; spans: TimelineSpan[] } {
  const events = readTraceEvents(trace, source);
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  if (runs.length === 0) {
    throw new LabError('input', `${source}: the trace has no model_run events, so no inference can be drawn.`, 'Profile the model again (edgelab profile, or a run with "Op-level profile" ticked).');
  }
  const byLength = runs.map((r, i) => ({ i, dur: r.dur })).sort((a, b) => a.dur - b.dur);
  const index = which !== undefined && which >= 0 && which < runs.length ? which : (byLength[Math.floor(byLength.length / 2)]?.i ?? 0);
  const run = runs[index] as (typeof runs)[number];
  const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX) && e.ts >= run.ts && e.ts <= run.ts + run.dur).sort((a, b) => a.ts - b.ts);
  const lanes = new Map<number, number>();
  const spans = kernels.map((e): TimelineSpan => {
    const tid = e.tid ?? 0;
    if (!lanes.has(tid)) lanes.set(tid, lanes.size);
    return {
      name: e.name.slice(0, -KERNEL_SUFFIX.length),
      opType: typeof e.args.op_name === 'string' ? e.args.op_name : 'unknown',
      provider: typeof e.args.provider === 'string' ? e.args.provider : 'unknown',
      startUs: e.ts - run.ts,
      durationUs: e.dur,
      lane: lanes.get(tid) ?? 0,
    };
  });
  return { inference: index, inferences: runs.length, durationUs: run.dur, spans };
}
