import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import { NotRegularFileError, openRegularFile } from './regular-file.js';

/**
 * Reading an imported file as a stream, in bounded memory, with its SHA-256 taken from the same
 * bytes the parser saw. Only a regular file is read: the path is opened with O_NONBLOCK and checked
 * with fstat before any read, so a FIFO or a device named by mistake is refused at once instead of
 * blocking the import (or the lab) forever.
 */
export interface ImportFileRef {
  path: string;
  /** The flag or argument it came from, for messages (`--counters`). */
  given: string;
}

/** A line longer than this is not from a text report; refusing it keeps memory bounded. */
export const MAX_IMPORT_LINE_CHARS = 1 << 20;

/**
 * The one opener every streamed import uses (OpenVINO's reports, a DeepStream or tegrastats log):
 * O_NONBLOCK and fstat on the opened descriptor (core/files/regular-file.ts), so a FIFO with no
 * writer is refused at once and the file checked is the file read; the message names the argument.
 */
export async function openRegularFileForImport(file: ImportFileRef): Promise<{ handle: FileHandle; sizeBytes: number }> {
  let opened: Awaited<ReturnType<typeof openRegularFile>>;
  try {
    opened = await openRegularFile(file.path, { what: `${file.given}` });
  } catch (e) {
    if (e instanceof NotRegularFileError) {
      throw new LabError('input', `${file.given} ${file.path}: is ${e.fileKind}, not a regular file.`, e.fileKind === 'a folder'
        ? 'Name the file inside it that the tool wrote (benchmark_report.csv in benchmark_app\'s -report_folder, the log deepstream-app printed).'
        : 'Save the tool\'s output to a file first (e.g. `deepstream-app -c cfg.txt 2>&1 | tee run.log`) and import that file.');
    }
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot be opened (${code ?? (e as Error).message})`;
    throw new LabError('input', `${file.given} ${file.path}: ${why}.`, 'Check the path; give the file the tool wrote.');
  }
  return { handle: opened.handle, sizeBytes: opened.stats.size };
}

export interface StreamedFile {
  sha256: string;
  sizeBytes: number;
  lines: number;
}

/**
 * Calls `onLine` for each line (without its end of line; `\r\n` and `\n` both end one), 1-based.
 * Throws a LabError naming the file and line for NUL bytes (a binary file) and over-long lines.
 */
export async function readImportLines(file: ImportFileRef, onLine: (line: string, lineNo: number) => void): Promise<StreamedFile> {
  const { handle, sizeBytes } = await openRegularFileForImport(file);
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineNo = 0;
  const emit = (line: string) => {
    lineNo += 1;
    if (line.includes('\0')) {
      throw new LabError('input', `${file.given} ${file.path}, line ${lineNo}: binary data (a NUL byte), not a text report.`, 'Give the text file the tool wrote (a .csv report, a .log of its output, a .json or .xml file).');
    }
    onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNo);
  };
  try {
    for await (const chunk of handle.readableWebStream() as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      pending += decoder.decode(chunk, { stream: true });
      let at = pending.indexOf('\n');
      while (at >= 0) {
        emit(pending.slice(0, at));
        pending = pending.slice(at + 1);
        at = pending.indexOf('\n');
      }
      if (pending.length > MAX_IMPORT_LINE_CHARS) {
        throw new LabError('input', `${file.given} ${file.path}, line ${lineNo + 1}: longer than ${MAX_IMPORT_LINE_CHARS} characters, which no report line is.`, 'Give the text file the tool wrote, not a binary or minified file.');
      }
    }
    pending += decoder.decode();
    if (pending !== '') emit(pending);
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), sizeBytes, lines: lineNo };
}

/** Feeds the file's bytes to `onChunk` in order (for a streaming JSON parser), returning its hash. */
export async function readImportChunks(file: ImportFileRef, onChunk: (chunk: Uint8Array) => void): Promise<Omit<StreamedFile, 'lines'>> {
  const { handle, sizeBytes } = await openRegularFileForImport(file);
  const hash = createHash('sha256');
  try {
    for await (const chunk of handle.readableWebStream() as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      onChunk(chunk);
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
