import { gunzipSync } from 'node:zlib';
import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../inputs/regular-file.js';

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
    bytes = await readRegularFile(path, { what: 'The ONNX Runtime trace', hint: traceHint });
  } catch (e) {
    if (isLabError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError('input', `${path}: cannot read the trace (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? String(e))}).`,
      traceHint, { cause: e });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return { bytes, text: gunzipSync(bytes).toString('utf8') };
    } catch (e) {
      throw new LabError('input', `${path}: a gzip file that does not decompress (${e instanceof Error ? e.message : String(e)}).`, 'The download or copy was probably cut short: copy the trace again.', { cause: e });
    }
  }
  // A JSON trace never holds a NUL byte; an .onnx model, an engine or an image does. Said plainly
  // here, because JSON.parse's own message would quote the binary bytes back at the user.
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new LabError('input', `${path}: not an ONNX Runtime trace: the file holds binary data (an .onnx model, an engine or an image?), not JSON.`,
      'Give the profile ONNX Runtime wrote (a .json or .json.gz file); the model goes in the model field (--model).');
  }
  return { bytes, text: bytes.toString('utf8') };
}
