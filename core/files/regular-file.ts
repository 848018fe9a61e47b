import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LabError } from '../api/errors.js';

/**
 * What a path names when it is not a regular file, in words a user recognises. A FIFO, a terminal
 * or /dev/zero would make a plain readFile wait for a writer or read forever; a folder reads as EISDIR.
 */
export function fileKindOf(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Thrown for a path that exists but is not a regular file; a LabError the caller may pass on as is. */
export class NotRegularFileError extends LabError {
  constructor(
    readonly path: string,
    readonly fileKind: string,
    what: string,
    hint: string,
  ) {
    super('input', `${what} ${path} is ${fileKind}, not a regular file.`, hint);
  }
}

export interface RegularFileOptions {
  /** What the file is to the user ("ONNX Runtime trace", "labels file"), to start the message. */
  what: string;
  /** What to do instead; the default asks for a file saved on disk. */
  hint?: string;
}

const defaultHint = 'Give a file saved on disk: edgelab reads its inputs whole, so a pipe, a device or a folder cannot stand in for one.';

/**
 * Opens `path` without blocking (O_NONBLOCK: opening a FIFO with no writer would otherwise wait
 * forever) and checks with fstat, on the opened descriptor, that it is a regular file. The same
 * descriptor is then read, so the file checked is the file read. Errors other than "not a regular
 * file" (ENOENT, EACCES, ERR_FS_FILE_TOO_LARGE) are rethrown as they are, for the caller's own words.
 */
export async function openRegularFile(path: string, options: RegularFileOptions): Promise<{ handle: FileHandle; stats: Stats }> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    const kind = fileKindOf(stats);
    if (kind !== null) throw new NotRegularFileError(path, kind, options.what, options.hint ?? defaultHint);
    return { handle, stats };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/** The whole of a regular file, refusing a FIFO, a device or a folder with a message that names it. */
export async function readRegularFile(path: string, options: RegularFileOptions): Promise<Buffer> {
  const { handle } = await openRegularFile(path, options);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
