import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { isLabError, LabError } from '../api/errors.js';
import { openRegularFile } from '../inputs/regular-file.js';

const gunzipAsync = promisify(gunzip);

/**
 * The largest trace read, plain or once decompressed: a little under the longest string V8 holds
 * (2^29 − 24 characters), so the text can be parsed at all. A bound also keeps a small gzip file
 * that inflates to gigabytes from taking the machine's memory (or, in a server, its event loop).
 */
export const MAX_TRACE_BYTES = 500_000_000;

/** The bytes of a trace file as read, and its text (gunzipped when the file is gzip). */
export interface TraceFile {
  bytes: Buffer;
  text: string;
}

/**
 * Reads an ONNX Runtime profile, plain or gzipped (traces are large and often shared as .json.gz);
 * gzip is recognised by its magic bytes, not the file name. Errors name the file and what to do.
 */
const traceHint = 'Pass the .json file ONNX Runtime wrote with profiling on (onnxruntime_perf_test -p FILE, or SessionOptions.enable_profiling).';

export async function readTraceFile(path: string): Promise<TraceFile> {
  let bytes: Buffer;
  try {
    const { handle, stats } = await openRegularFile(path, { what: 'The ONNX Runtime trace', hint: traceHint });
    try {
      if (stats.size > MAX_TRACE_BYTES) throw tooLarge(path, `is ${formatBytes(stats.size)}`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (isLabError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError('input', `${path}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(e))}).`,
      traceHint, { cause: e });
  }
  let json = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      json = await gunzipAsync(bytes, { maxOutputLength: MAX_TRACE_BYTES });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(path, `decompresses to more than ${formatBytes(MAX_TRACE_BYTES)}`);
      throw new LabError('input', `${path}: a gzip file that does not decompress (${e instanceof Error ? e.message : String(e)}).`, 'The download or copy was probably cut short: copy the trace again.', { cause: e });
    }
  }
  // A JSON trace never holds a NUL byte; an .onnx model, an engine or an image does. Said plainly
  // here, because JSON.parse's own message would quote the binary bytes back at the user.
  if (json.subarray(0, 4096).includes(0)) {
    throw new LabError('input', `${path}: not an ONNX Runtime trace: the file holds binary data (an .onnx model, an engine or an image?), not JSON.`,
      'Give the profile ONNX Runtime wrote (a .json or .json.gz file); the model goes in the model field (--model).');
  }
  return { bytes, text: json.toString('utf8') };
}

function tooLarge(path: string, what: string): LabError {
  return new LabError('input', `${path} ${what}; edgelab reads ONNX Runtime traces of up to ${formatBytes(MAX_TRACE_BYTES)}.`,
    'Profile fewer inferences (a trace of a few hundred runs says as much), or split the profiling session; if the file is not a trace, give the one ONNX Runtime wrote.');
}

function formatBytes(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.round(n / 1e6)} MB`;
}
