import { isLabError, LabError } from '../api/errors.js';
import { JsonSyntaxError, JsonValueStream } from '../inputs/json-stream.js';
import { GzipDataError, streamFile, type StreamedBytes } from '../inputs/read-stream.js';
import { openRegularFile } from '../files/regular-file.js';
import type { ProfileBreakdown } from './breakdown.js';
import { countingPass, type ParseOptions } from './parse-ort-profile.js';
import { TraceTally, type FirstKernel } from './node-kernels.js';
import { notAChromeTrace, traceEvent, type OrtTraceEvent } from './ort-trace.js';

/**
 * Reads an ONNX Runtime profile, plain or gzipped (traces are large and often shared as .json.gz),
 * as a stream: gzip is recognised by its magic bytes, not the file name, and decompressed as it is
 * read; the JSON is parsed an event at a time, so memory holds the tallies, never the trace's text
 * or its parsed tree. Errors name the file and what to do.
 */
const traceHint = 'Pass the .json file ONNX Runtime wrote with profiling on (onnxruntime_perf_test -p FILE, or SessionOptions.enable_profiling).';

/**
 * The largest trace read, plain or once decompressed. Streaming keeps memory bounded whatever the
 * size, but not time: a small gzip file that inflates to gigabytes would keep an import (or, in a
 * server, a request) busy for minutes, so it is refused once it passes this many bytes.
 */
export const MAX_TRACE_BYTES = 500_000_000;

function tooLarge(path: string, what: string): LabError {
  return new LabError('input', `${path} ${what}; edgelab reads ONNX Runtime traces of up to ${formatBytes(MAX_TRACE_BYTES)}.`,
    'Profile fewer inferences (a trace of a few hundred runs says as much), or split the profiling session; if the file is not a trace, give the one ONNX Runtime wrote.');
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`;
}

/** Each complete event of the trace to `onEvent`, in file order; the hash is of the file's bytes. */
export async function streamTraceEvents(path: string, onEvent: (e: OrtTraceEvent) => void): Promise<StreamedBytes> {
  let opened;
  try {
    opened = await openRegularFile(path, { what: 'The ONNX Runtime trace', hint: traceHint });
  } catch (e) {
    if (isLabError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError('input', `${path}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(e))}).`,
      traceHint, { cause: e });
  }
  const { handle, stats } = opened;
  try {
    if (stats.size > MAX_TRACE_BYTES) throw tooLarge(path, `is ${formatBytes(stats.size)}`);
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const gzip = bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    // A JSON trace never holds a NUL byte; an .onnx model, an engine or an image does. Said plainly
    // here, because a JSON parser's own message would quote the binary bytes back at the user.
    const binary = () => new LabError('input', `${path}: not an ONNX Runtime trace: the file holds binary data (an .onnx model, an engine or an image?), not JSON.`,
      'Give the profile ONNX Runtime wrote (a .json or .json.gz file); the model goes in the model field (--model).');
    if (!gzip && head.subarray(0, bytesRead).includes(0)) throw binary();
    let events = 0;
    // ONNX Runtime writes an array of events; the Chrome object form (Perfetto) holds it in traceEvents.
    const json = new JsonValueStream(
      (first) => (first === '[' ? ['$.*'] : first === '{' ? ['$.traceEvents.*'] : []),
      ({ value, key }) => {
        events++;
        const event = traceEvent(value, Number(key), path);
        if (event) onEvent(event);
      },
    );
    let streamed: StreamedBytes;
    try {
      // A gzip file is decompressed to its end (or to the bound) even when its text is refused early,
      // so a bomb of zeros is named for its size, not for the binary data or bad JSON it begins with.
      let inflated = 0;
      let refused: unknown = null;
      streamed = await streamFile(handle, (chunk) => {
        if (gzip && inflated === 0 && chunk.subarray(0, 4096).includes(0)) refused = binary();
        inflated += chunk.length;
        if (inflated > MAX_TRACE_BYTES) throw tooLarge(path, `decompresses to more than ${formatBytes(MAX_TRACE_BYTES)}`);
        if (refused !== null) return;
        try {
          json.write(chunk);
        } catch (e) {
          if (!gzip || !(e instanceof JsonSyntaxError)) throw e;
          refused = e;
        }
      }, { gunzip: gzip });
      if (refused !== null) throw refused;
      json.end();
    } catch (e) {
      if (e instanceof GzipDataError) throw new LabError('input', `${path}: a gzip file that does not decompress (${e.message}).`, 'The download or copy was probably cut short: copy the trace again.', { cause: e });
      if (e instanceof JsonSyntaxError) throw new LabError('input', `${path}: not valid JSON (${e.problem}).`, 'Pass the .json file ONNX Runtime wrote with enableProfiling; a trace cut off mid-write cannot be read.');
      throw e;
    }
    if (json.first !== '[' && (json.first !== '{' || events === 0)) throw notAChromeTrace(path);
    return streamed;
  } finally {
    await handle.close();
  }
}

export interface ReadOrtProfile {
  breakdown: ProfileBreakdown;
  /** The trace's first kernel and what it read: a graph input, to hold against the model's. */
  firstKernel: FirstKernel | null;
  /** The model_run events in time order. */
  runs: OrtTraceEvent[];
  sha256: string;
}

/**
 * The breakdown in two passes over the file: the first finds the runs (which decide the node events
 * left out with the first runs) and the session phases, the second adds up the node events. `beforeCounting`
 * runs between them (loading the model's graph, which the second pass uses).
 */
export async function readOrtProfile(path: string, options: { skipRuns: number; beforeCounting: () => Promise<Pick<ParseOptions, 'graph'>> }): Promise<ReadOrtProfile> {
  const tally = new TraceTally();
  const first = await streamTraceEvents(path, (e) => tally.add(e));
  const { graph } = await options.beforeCounting();
  const pass = countingPass(tally, { skipRuns: options.skipRuns, source: path, ...(graph ? { graph } : {}) });
  const second = await streamTraceEvents(path, (e) => pass.add(e));
  if (second.sha256 !== first.sha256) {
    throw new LabError('input', `${path} changed while it was being imported: its bytes differ between two readings.`, 'Import the trace once ONNX Runtime has finished writing it.');
  }
  return { breakdown: pass.breakdown(), firstKernel: pass.firstKernel(), runs: tally.sortedRuns(), sha256: first.sha256 };
}
