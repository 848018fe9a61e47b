import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * Reading an opened regular file (see regular-file.ts) as a stream: each chunk goes to the caller
 * as it arrives and the SHA-256 is taken of the same bytes, so the hash recorded is of exactly what
 * was parsed, and memory holds a chunk, never the file.
 */
export interface StreamedBytes {
  sha256: string;
  sizeBytes: number;
}

/** The gzip stream of a .json.gz did not decompress: cut short or not gzip after all. */
export class GzipDataError extends Error {
  override readonly name = 'GzipDataError';
}

/** Bytes of the file (decompressed when `gunzip`) to `onChunk`, in order; the hash is of the file's own bytes. */
export async function streamFile(handle: FileHandle, onChunk: (chunk: Uint8Array) => void, options: { gunzip?: boolean } = {}): Promise<StreamedBytes> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  // The caller's own errors (a refused value) are told apart from the stream's (a broken gzip).
  let own: unknown = null;
  const consume = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      try {
        onChunk(chunk);
      } catch (e) {
        own = e;
        throw e;
      }
    }
  };
  const input = handle.createReadStream({ start: 0, autoClose: false });
  try {
    if (options.gunzip) await pipeline(input, tap, createGunzip(), consume);
    else await pipeline(input, tap, consume);
  } catch (e) {
    if (own !== null) throw own;
    if (options.gunzip && (e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new GzipDataError((e as Error).message, { cause: e });
    throw e;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/**
 * Calls `onLine` for each line of the file (split at `\n`, a `\r` before it dropped: the lines
 * `text.split(/\r?\n/)` gives, the last one included even when empty), 1-based.
 */
export async function streamLines(handle: FileHandle, onLine: (line: string, lineNo: number) => void): Promise<StreamedBytes> {
  // Buffer.toString keeps a byte-order mark; so does this decoder.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = '';
  let lineNo = 0;
  const emit = (line: string, ended: boolean) => onLine(ended && line.endsWith('\r') ? line.slice(0, -1) : line, ++lineNo);
  const streamed = await streamFile(handle, (chunk) => {
    pending += decoder.decode(chunk, { stream: true });
    let from = 0;
    let at = pending.indexOf('\n');
    while (at >= 0) {
      emit(pending.slice(from, at), true);
      from = at + 1;
      at = pending.indexOf('\n', from);
    }
    pending = pending.slice(from);
  });
  emit(pending + decoder.decode(), false);
  return streamed;
}
