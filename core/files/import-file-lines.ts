import { createHash } from 'node:crypto';
import { LabError } from '../api/errors.js';
import { openRegularFileForImport, type ImportFileRef } from './import-file-stream.js';

/**
 * Reading an imported log line by line in bounded memory: a DeepStream log with latency measurement
 * on prints lines for every frame and component and runs to hundreds of MB, so no importer may hold
 * a whole file. The SHA-256 is taken over the same bytes the parser sees, in the same pass. Unlike
 * import-file-stream.ts's reader (OpenVINO's reports) it splits bytes, not decoded text, and says
 * whether the last line ended, which tells a log cut off mid-write; both open through its opener.
 */

/** A file to import and the argument it came from (`LOG`), as every streamed import names one. */
export type ImportFile = ImportFileRef;

export interface ReadLines {
  sha256: string;
  bytes: number;
  lines: number;
  /** False when the file's last line has no newline: a log cut off mid-write ends like that. */
  endsWithNewline: boolean;
}

/** One line longer than this is no log line: a binary file or a file with no line breaks. */
export const MAX_LINE_BYTES = 1 << 20;
const CHUNK_BYTES = 1 << 18;

/**
 * Calls `onLine` for every line (without its `\n` or `\r\n`), numbered from 1. A NUL byte or a line
 * over MAX_LINE_BYTES is refused with the line's number: the file is not a text log.
 */
export async function readImportLines(file: ImportFile, onLine: (line: string, lineNo: number) => void): Promise<ReadLines> {
  const { handle } = await openRegularFileForImport(file);
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let bytes = 0;
  const emit = (buf: Buffer, start: number, end: number) => {
    lineNo += 1;
    if (end > start && buf[end - 1] === 13) end -= 1;
    onLine(buf.toString('utf8', start, end), lineNo);
  };
  const notText = (what: string) =>
    new LabError('input', `${file.given} ${file.path}: line ${lineNo + 1} ${what}: this is not a text log.`, 'Give the console output the tool printed, saved as text.');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      bytes += bytesRead;
      hash.update(chunk.subarray(0, bytesRead));
      const buf = chunk.subarray(0, bytesRead);
      let start = 0;
      if (carry.length > 0) {
        const newline = buf.indexOf(10);
        if (newline === -1) {
          if (carry.length + buf.length > MAX_LINE_BYTES) throw notText(`is longer than ${MAX_LINE_BYTES} bytes`);
          carry = Buffer.concat([carry, buf]);
          continue;
        }
        const joined = Buffer.concat([carry, buf.subarray(0, newline)]);
        if (joined.includes(0)) throw notText('holds a NUL byte');
        emit(joined, 0, joined.length);
        carry = Buffer.alloc(0);
        start = newline + 1;
      }
      if (buf.indexOf(0, start) !== -1) {
        // Name the line that holds it: count the lines before the NUL.
        const at = buf.indexOf(0, start);
        let n = start;
        while ((n = buf.indexOf(10, n)) !== -1 && n < at) { lineNo += 1; n += 1; }
        throw notText('holds a NUL byte');
      }
      // One decode per chunk, up to its last newline: a newline byte is never inside a UTF-8
      // sequence, so no character is split; the rest waits for the next chunk.
      const last = buf.lastIndexOf(10);
      if (last >= start) {
        const lines = buf.toString('utf8', start, last).split('\n');
        for (const line of lines) {
          lineNo += 1;
          onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo);
        }
        start = last + 1;
      }
      if (start < buf.length) {
        if (buf.length - start > MAX_LINE_BYTES) throw notText(`is longer than ${MAX_LINE_BYTES} bytes`);
        // The chunk buffer is reused: the tail is copied out before the next read overwrites it.
        carry = Buffer.from(buf.subarray(start));
      }
    }
    const endsWithNewline = carry.length === 0;
    if (!endsWithNewline) emit(carry, 0, carry.length);
    return { sha256: hash.digest('hex'), bytes, lines: lineNo, endsWithNewline };
  } finally {
    await handle.close();
  }
}
