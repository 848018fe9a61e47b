import { BoundedSeries } from '../../stats/bounded-series.js';

/**
 * deepstream-app's `**PERF:` lines (deepstream_app_main.c `perf_cb()`, deepstream_perf.c): a header
 * `**PERF:  FPS 0 (Avg)\tFPS 1 (Avg)` before the first report and every 20 after, then one line per
 * `perf-measurement-interval-sec` with `fps (avg)` per source: fps over the last interval and the
 * average since that source's first frame. Several app instances print `PERF(<n>):` instead; the
 * Python samples print a dict of current FPS with no average.
 */
export const PERF_PREFIX = /^\*\*PERF(?:\((\d+)\))?:\s*/;
const HEADER_COLUMN = /FPS\s+(\d+)\s+\(Avg\)/g;
const PAIR = /^(\d+(?:\.\d+)?)\s*\((\d+(?:\.\d+)?)\)$/;
const DICT_ENTRY = /'([^']+)':\s*(\d+(?:\.\d+)?)/g;

export interface PerfReading {
  instance: number;
  kind: 'header' | 'sample';
  /** Per source: fps in the last interval and the average so far (null in the Python dict form). */
  values: { stream: string; fps: number; averageFps: number | null }[];
}

/** Null when the line is a PERF line that does not read as one: the caller names the line. */
export function parsePerfLine(rest: string, instance: number): PerfReading | null {
  const body = rest.trim();
  if (/^FPS\s+\d+\s+\(Avg\)/.test(body)) {
    const columns = [...body.matchAll(HEADER_COLUMN)].map((m) => m[1]!);
    return { instance, kind: 'header', values: columns.map((c) => ({ stream: c, fps: 0, averageFps: null })) };
  }
  if (body.startsWith('{')) {
    if (!body.endsWith('}')) return null;
    const entries = [...body.matchAll(DICT_ENTRY)];
    return entries.length === 0 ? null : { instance, kind: 'sample', values: entries.map((m) => ({ stream: m[1]!, fps: Number(m[2]), averageFps: null })) };
  }
  // `33.71 (33.14)\t33.58 (33.20)\t`; a Markdown copy may have turned the tabs into runs of spaces.
  const cells = body.split(/\s*\t\s*|\s{2,}/).filter((c) => c.length > 0);
  if (cells.length === 0) return null;
  const values: PerfReading['values'] = [];
  for (const [i, cell] of cells.entries()) {
    const m = PAIR.exec(cell);
    if (!m) return null;
    values.push({ stream: String(i), fps: Number(m[1]), averageFps: Number(m[2]) });
  }
  return { instance, kind: 'sample', values };
}

/** What a pipeline record keeps of one stream: DeepStream's own average, and the intervals' spread. */
export interface StreamFps {
  stream: string;
  /** The last average DeepStream printed: frames since the stream's first frame over the wall time since. */
  averageFps: number | null;
  /** Over the intervals from the stream's first non-zero report on (before it, the pipeline was starting). */
  intervals: number;
  meanFps: number;
  minFps: number;
  maxFps: number;
  /** stddev / mean of the interval FPS: how steady the stream ran. */
  coefficientOfVariation: number;
  /** Intervals after the start with no frame at all: a stall. */
  stalledIntervals: number;
  /** Reports before the stream's first frame (pre-roll). */
  startupReports: number;
}

class StreamStats {
  n = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  stalled = 0;
  startup = 0;
  lastAverage: number | null = null;

  add(fps: number, averageFps: number | null): void {
    if (averageFps !== null) this.lastAverage = averageFps;
    if (this.n === 0 && fps === 0) {
      this.startup += 1;
      return;
    }
    if (fps === 0) this.stalled += 1;
    this.n += 1;
    const delta = fps - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (fps - this.mean);
    if (fps < this.min) this.min = fps;
    if (fps > this.max) this.max = fps;
  }
}

/** Every PERF report folded into per-stream figures and a bounded series for the chart. */
export class PerfAccumulator {
  private readonly streams = new Map<string, StreamStats>();
  private readonly order: string[] = [];
  reports = 0;
  /** The number of columns the last header named, per instance, and the line it was on. */
  readonly headers = new Map<number, { columns: number; line: number }>();
  private series: BoundedSeries | null = null;
  private seriesStreams: string[] = [];

  /** Returns why the reading does not fit the header before it, or null. */
  add(reading: PerfReading, line: number): string | null {
    if (reading.kind === 'header') {
      this.headers.set(reading.instance, { columns: reading.values.length, line });
      return null;
    }
    const header = this.headers.get(reading.instance);
    if (header && reading.values[0]?.averageFps !== null && header.columns !== reading.values.length) {
      return `${reading.values.length} stream${reading.values.length === 1 ? '' : 's'} where the header on line ${header.line} named ${header.columns}`;
    }
    this.reports += 1;
    const values: (number | null)[] = [];
    for (const v of reading.values) {
      const key = reading.instance > 0 ? `${reading.instance}:${v.stream}` : v.stream;
      let stats = this.streams.get(key);
      if (!stats) {
        stats = new StreamStats();
        this.streams.set(key, stats);
        this.order.push(key);
      }
      stats.add(v.fps, v.averageFps);
      values.push(v.fps);
    }
    // The chart follows the first stream set seen; a later instance joining does not reshape it.
    if (!this.series) {
      this.seriesStreams = reading.values.map((v) => (reading.instance > 0 ? `${reading.instance}:${v.stream}` : v.stream));
      this.series = new BoundedSeries(this.seriesStreams.length);
    }
    if (this.seriesStreams.length === values.length) this.series.push(this.reports, values);
    return null;
  }

  result(): { streams: StreamFps[]; series: { report: number[]; fpsByStream: Record<string, (number | null)[]> } } {
    const streams = this.order.map((stream) => {
      const s = this.streams.get(stream)!;
      const stddev = s.n > 1 ? Math.sqrt(s.m2 / (s.n - 1)) : 0;
      return {
        stream,
        averageFps: s.lastAverage,
        intervals: s.n,
        meanFps: s.n > 0 ? s.mean : 0,
        minFps: s.n > 0 ? s.min : 0,
        maxFps: s.n > 0 ? s.max : 0,
        coefficientOfVariation: s.n > 0 && s.mean > 0 ? stddev / s.mean : 0,
        stalledIntervals: s.stalled,
        startupReports: s.startup,
      };
    });
    const r = this.series?.result() ?? { x: [], values: [] };
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    return {
      streams,
      series: { report: r.x.map((x) => Math.round(x * 10) / 10), fpsByStream: Object.fromEntries(this.seriesStreams.map((s, i) => [s, (r.values[i] ?? []).map(round)])) },
    };
  }
}
