import { z } from 'zod';
import { LabError } from '../api/errors.js';
import { parseJsonText } from '../inputs/json-text.js';

/**
 * ONNX Runtime's profiler writes Chrome-trace JSON: an array of complete ('X') events with µs
 * timestamps. Session events (model_loading_*, session_initialization, model_run) frame the
 * Node events (`<node>_kernel_time`) that carry op type, provider and shapes in `args`.
 */
export interface OrtTraceEvent {
  cat: string;
  name: string;
  /** Start, µs since the profiler started. */
  ts: number;
  /** Duration, µs. */
  dur: number;
  tid: number | null;
  args: Record<string, unknown>;
}

/** A tensor as the trace names it: ONNX Runtime's element type name ('float', 'int64', 'MLFloat16') and dims. */
export interface TraceTensor {
  dtype: string;
  shape: number[];
}

const EventSchema = z.looseObject({
  cat: z.string(),
  name: z.string(),
  ph: z.string().optional(),
  // zod refuses NaN and ±Infinity (JSON's 1e999) on its own; a negative duration is as impossible.
  ts: z.number({ error: 'not a finite number' }),
  dur: z.number({ error: 'not a finite number' })
    .min(0, { error: (issue) => `${String(issue.input)} µs, a negative duration that no event can take` })
    // A day, in µs: no profiled event lasts longer; past it a figure is damage and overflows the statistics.
    .max(86_400_000_000, { error: (issue) => `${String(issue.input)} µs, longer than a day, which no event takes` }),
  tid: z.number().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
});

const MetadataOnly = z.looseObject({ ph: z.string() });

/**
 * Accepts the trace as text or parsed JSON, in ONNX Runtime's array form or the Chrome object form
 * (`{ traceEvents: [...] }`) that Perfetto also writes. Instant and metadata events carry no
 * duration and are dropped; anything else malformed is an error naming the event.
 */
export function readTraceEvents(trace: unknown, source = 'profile'): OrtTraceEvent[] {
  let json = trace;
  if (typeof trace === 'string') {
    json = parseJsonText(trace, (problem) => new LabError('input', `${source}: not valid JSON (${problem}).`,
      'Pass the .json file ONNX Runtime wrote with enableProfiling; a trace cut off mid-write cannot be read.'));
  }
  const list = Array.isArray(json)
    ? json
    : json !== null && typeof json === 'object' && Array.isArray((json as { traceEvents?: unknown }).traceEvents)
      ? (json as { traceEvents: unknown[] }).traceEvents
      : null;
  if (list === null) throw notAChromeTrace(source);
  const events: OrtTraceEvent[] = [];
  list.forEach((raw, index) => {
    const event = traceEvent(raw, index, source);
    if (event) events.push(event);
  });
  return events;
}

/**
 * One element of the trace's event list, checked: a complete event, or null for an instant or
 * metadata event (no duration); anything else malformed is an error naming the event by index.
 */
export function traceEvent(raw: unknown, index: number, source: string): OrtTraceEvent | null {
  const parsed = EventSchema.safeParse(raw);
  if (!parsed.success) {
    if (MetadataOnly.safeParse(raw).success && (raw as { ph: string }).ph !== 'X') return null;
    const field = parsed.error.issues[0]?.path.join('.') ?? '?';
    throw new LabError(
      'input',
      `${source}: event ${index} is not a complete trace event (field '${field}': ${parsed.error.issues[0]?.message ?? 'invalid'}).`,
      'Each event needs cat, name, ts and dur, as ONNX Runtime writes them; check the file was not edited or truncated.',
    );
  }
  const e = parsed.data;
  if (e.ph !== undefined && e.ph !== 'X') return null;
  return { cat: e.cat, name: e.name, ts: e.ts, dur: e.dur, tid: e.tid ?? null, args: e.args ?? {} };
}

/** Said when the top-level value is neither an event list nor an object holding one. */
export const notAChromeTrace = (source: string) => new LabError(
  'input',
  `${source}: not a Chrome-trace profile (expected a JSON array of events or an object with traceEvents).`,
  'Pass the .json file ONNX Runtime wrote with enableProfiling.',
);

/** `[{"float":[1,3,224,224]}, …]` → tensors; entries that are not of that form are skipped. */
export function traceTensors(value: unknown): TraceTensor[] {
  if (!Array.isArray(value)) return [];
  const tensors: TraceTensor[] = [];
  for (const entry of value) {
    if (entry === null || typeof entry !== 'object') continue;
    const [dtype, dims] = Object.entries(entry as Record<string, unknown>)[0] ?? [];
    if (dtype === undefined || !Array.isArray(dims) || !dims.every((d) => typeof d === 'number')) continue;
    tensors.push({ dtype, shape: dims as number[] });
  }
  return tensors;
}

/** ONNX Runtime writes sizes as decimal strings ("832"); null when absent or not a number. */
export function traceNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export const formatTensor = (t: TraceTensor): string => `${t.dtype}[${t.shape.join(',')}]`;
