import { jsonSyntaxProblem } from '../../inputs/json-text.js';

/**
 * trtexec `--exportTimes=FILE`: one record per timed iteration, with the start and end of its
 * enqueue, host-to-device copy, GPU compute and device-to-host copy on one clock. `latencyMs` is
 * trtexec's end-to-end host latency (H2D + compute + D2H): the figure targets judge.
 */
export interface IterationTimes {
  latencyMs: number;
  computeMs: number;
  h2dMs: number;
  d2hMs: number;
  /** endEnqMs − startEnqMs: the host time spent enqueueing the iteration. */
  enqueueMs: number;
  startMs: number;
  endMs: number;
}

/**
 * A times file edgelab cannot read. Whose fault that is depends on who gave it: a file trtexec just
 * wrote during an edgelab run is the engine's failure (a failed run, exit 3); a file a user passes to
 * `import` is bad input (exit 2). So the parser throws this one type, and each caller decides.
 */
export class ExportTimesError extends Error {
  override readonly name = 'ExportTimesError';
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

const REQUIRED = ['latencyMs', 'computeMs', 'h2dMs', 'd2hMs', 'startEnqMs', 'endEnqMs'] as const;
/** Durations: none can be negative. (Start and end stamps may be anything, on trtexec's own clock.) */
const DURATIONS = ['latencyMs', 'computeMs', 'h2dMs', 'd2hMs'] as const;
/** No trtexec iteration lasts a day; past that a figure is damage, and its square overflows the statistics. */
const MAX_ITERATION_MS = 86_400_000;

/**
 * An --exportTimes iteration whose times cannot have happened: a negative or non-finite duration, or
 * an enqueue that ends before it starts. Refused, never averaged into a record (it once gave "mean
 * -2.25 ms").
 */
export class ImpossibleIterationTimeError extends ExportTimesError {
  constructor(
    readonly file: string,
    readonly iteration: number,
    readonly field: string,
    readonly value: number,
  ) {
    // An ExportTimesError like any other unreadable times file: the caller decides whose fault it is.
    super(`${file}: iteration ${iteration} has ${field} ${value}: ${!Number.isFinite(value) ? 'not a finite number' : value < 0 ? 'a negative time' : 'longer than a day'}, which no run can take.`,
      'The file was edited or damaged after trtexec wrote it: export the times again with --exportTimes=FILE.');
  }
}

function checkPossible(r: Record<string, unknown>, i: number, file: string): void {
  for (const k of [...DURATIONS, 'startEnqMs', 'endEnqMs'] as const) {
    const v = r[k] as number;
    const duration = (DURATIONS as readonly string[]).includes(k);
    if (!Number.isFinite(v) || (duration && (v < 0 || v > MAX_ITERATION_MS))) throw new ImpossibleIterationTimeError(file, i, k, v);
  }
  const enqueueMs = (r['endEnqMs'] as number) - (r['startEnqMs'] as number);
  if (enqueueMs < 0) throw new ImpossibleIterationTimeError(file, i, 'endEnqMs − startEnqMs', enqueueMs);
}

export function parseExportTimes(text: string, file: string): IterationTimes[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw notJson(file, jsonSyntaxProblem(e));
  }
  if (!Array.isArray(data)) throw notAnArray(file);
  const times = new ExportTimesReader(file);
  data.forEach((entry: unknown, i) => times.add(entry, i));
  return times.result();
}

// The problem in words that quote none of the text: serve sends this message to its client.
export const notJson = (file: string, problem: string) =>
  new ExportTimesError(`${file} is not JSON (${problem}).`, 'Pass the file trtexec wrote with --exportTimes=FILE, as it wrote it.');

export const notAnArray = (file: string) =>
  new ExportTimesError(`${file} is not a trtexec --exportTimes file: expected a JSON array of per-iteration records.`, 'Pass the file trtexec wrote with --exportTimes=FILE.');

/** The iterations one at a time, as a streaming parser hands them over; each is checked as it comes. */
export class ExportTimesReader {
  private readonly times: IterationTimes[] = [];
  constructor(private readonly file: string) {}

  add(entry: unknown, i: number): void {
    const file = this.file;
    const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const missing = REQUIRED.filter((k) => typeof r[k] !== 'number');
    if (missing.length > 0) {
      throw new ExportTimesError(`${file}: iteration ${i} has no numeric ${missing.join(', ')}.`, 'This is not the per-iteration file of trtexec --exportTimes (is it the --exportProfile file?).');
    }
    checkPossible(r, i, file);
    const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : NaN);
    const startMs = Math.min(n('startEnqMs'), Number.isFinite(n('startH2dMs')) ? n('startH2dMs') : Infinity);
    const endMs = Number.isFinite(n('endD2hMs')) ? n('endD2hMs') : n('endEnqMs');
    this.times.push({ latencyMs: n('latencyMs'), computeMs: n('computeMs'), h2dMs: n('h2dMs'), d2hMs: n('d2hMs'), enqueueMs: n('endEnqMs') - n('startEnqMs'), startMs, endMs });
  }

  result(): IterationTimes[] {
    if (this.times.length === 0) throw new ExportTimesError(`${this.file} holds no iterations.`, 'Run trtexec long enough to time at least one iteration (--iterations, --duration).');
    return this.times;
  }
}

/** Wall time the timed iterations span, from the first one's start to the last one's end. */
export function spanMs(times: readonly IterationTimes[]): number {
  // A loop, not Math.max(...): spreading a million iterations overflows the call stack.
  let end = -Infinity;
  let start = Infinity;
  for (const t of times) {
    if (t.endMs > end) end = t.endMs;
    if (t.startMs < start) start = t.startMs;
  }
  return end - start;
}
