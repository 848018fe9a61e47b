import { LabError } from '../../api/errors.js';
import { foreignToolOf } from '../../files/foreign-log.js';
import { readImportLines, type ImportFile, type ReadLines } from '../../files/import-file-lines.js';
import { BATCH_LINE, FRAME_LINE, parseComponentLine, LatencyAccumulator, type LatencySummary } from './latency-lines.js';
import { NvinferAccumulator, type NvinferEngine } from './nvinfer-lines.js';
import { PERF_PREFIX, PerfAccumulator, parsePerfLine, type StreamFps } from './perf-lines.js';

/** A deepstream-app or deepstream-test log as read, line by line, in bounded memory. */
export interface DeepstreamLog {
  file: ReadLines;
  deepstreamVersion: string | null;
  perfReports: number;
  streams: StreamFps[];
  fpsSeries: { report: number[]; fpsByStream: Record<string, (number | null)[]> };
  latency: LatencySummary;
  engines: NvinferEngine[];
  /** `App run successful` / `App run failed`, or null when the log stops before either. */
  outcome: 'successful' | 'failed' | null;
  /** The first `** ERROR:` line, for a failed run. */
  firstError: string | null;
}

const VERSION = /deepstream-(\d+\.\d+(?:\.\d+)?)/;
const ERROR_LINE = /^\*\* ERROR: (?:<[^>]*>: )?(.*)$/;

function refused(file: ImportFile, line: number, what: string): LabError {
  return new LabError('input', `${file.given} ${file.path}, line ${line}: ${what}.`, 'Give the console output deepstream-app (or a deepstream-test app) printed, saved whole: `deepstream-app -c config.txt 2>&1 | tee run.log`.');
}

export async function readDeepstreamLog(file: ImportFile): Promise<DeepstreamLog> {
  const perf = new PerfAccumulator();
  const latency = new LatencyAccumulator();
  const nvinfer = new NvinferAccumulator();
  let version: string | null = null;
  let outcome: DeepstreamLog['outcome'] = null;
  let firstError: string | null = null;
  let recognised = 0;
  // A malformed measurement line is only an error if it is not the file's last line cut off mid-write;
  // either way the import stops there, but the message says which.
  let pending: { line: number; what: string } | null = null;

  const onLine = (raw: string, n: number) => {
    if (pending) throw refused(file, pending.line, pending.what);
    // Copies of logs in Markdown keep an indent; DeepStream itself prints none.
    const line = raw.trimStart();
    if (line.length === 0) return;
    const foreign = n <= 2000 || recognised === 0 ? foreignToolOf(line, 'DeepStream output') : null;
    if (foreign) throw refused(file, n, `this is ${foreign}, not DeepStream output ("${line.slice(0, 80)}"); expected deepstream-app lines: **PERF:, Comp name = …, nvinfer engine info`);
    const c = line.charCodeAt(0);
    if (c === 42 /* * */) {
      const prefix = PERF_PREFIX.exec(line);
      if (prefix) {
        recognised += 1;
        const reading = parsePerfLine(line.slice(prefix[0].length), Number(prefix[1] ?? 0));
        if (!reading) pending = { line: n, what: `a **PERF: line that does not read as "FPS (Avg)" per stream: "${line.slice(0, 120)}"` };
        else {
          const misfit = perf.add(reading, n);
          if (misfit) throw refused(file, n, `a **PERF: line with ${misfit}`);
        }
        return;
      }
      if (BATCH_LINE.test(line)) {
        recognised += 1;
        latency.batch();
        return;
      }
      const error = ERROR_LINE.exec(line);
      if (error && firstError === null) firstError = error[1]!.trim();
      return;
    }
    if (line.startsWith('Comp name')) {
      recognised += 1;
      const m = parseComponentLine(line);
      if (!m) pending = { line: n, what: `a component latency line without "in_system_timestamp = … out_system_timestamp = … component latency= …": "${line.slice(0, 120)}"` };
      else latency.component(m.name, m.inMs, m.latencyMs);
      return;
    }
    if (line.startsWith('Source id') || line.startsWith('Src id')) {
      recognised += 1;
      const m = FRAME_LINE.exec(line);
      if (!m) pending = { line: n, what: `a frame latency line without "Frame latency = <ms> (ms)": "${line.slice(0, 120)}"` };
      else latency.frame(Number(m[3]));
      return;
    }
    if (nvinfer.line(line)) {
      recognised += 1;
      if (version === null) version = VERSION.exec(line)?.[1] ?? null;
      return;
    }
    if (line.startsWith('App run ')) {
      recognised += 1;
      outcome = line.startsWith('App run successful') ? 'successful' : line.startsWith('App run failed') ? 'failed' : outcome;
      return;
    }
    if (version === null && line.includes('deepstream-')) version = VERSION.exec(line)?.[1] ?? null;
  };

  const read = await readImportLines(file, onLine);
  if (pending) {
    const p: { line: number; what: string } = pending;
    const cut = p.line === read.lines && !read.endsWithNewline;
    throw refused(file, p.line, cut ? `the file ends mid-line, cut off: ${p.what}` : p.what);
  }
  if (recognised === 0) {
    throw refused(file, read.lines, read.lines === 0 ? 'the file is empty' : `no DeepStream line in all ${read.lines} lines: expected **PERF: reports, latency lines (Comp name = …, Frame latency = …) or nvinfer engine lines`);
  }
  const perfResult = perf.result();
  return {
    file: read,
    deepstreamVersion: version,
    perfReports: perf.reports,
    streams: perfResult.streams,
    fpsSeries: perfResult.series,
    latency: latency.result(),
    engines: nvinfer.engines,
    outcome,
    firstError,
  };
}
