import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { BLOCK, decodeHeader, isZeroBlock, paddingOf } from './ustar.js';

/**
 * What a bundle may hold, checked before a byte of an entry is used: an archive is untrusted input
 * (a file from another machine, or an upload to `edgelab serve`).
 */
export const BUNDLE_LIMITS = {
  /** One record or file inside a bundle. */
  maxEntryBytes: 512 * 1024 * 1024,
  /** Entries in one bundle: 10,000 runs with a few files each fit many times over. */
  maxEntries: 500_000,
  /** manifest.json, which is read whole. */
  maxManifestBytes: 64 * 1024 * 1024,
  /** A bundle uploaded to `edgelab serve`. */
  maxUploadBytes: 8 * 1024 * 1024 * 1024,
} as const;

const TYPE_NAMES: Record<string, string> = {
  '1': 'a hard link', '2': 'a symbolic link', '3': 'a character device', '4': 'a block device', '5': 'a folder', '6': 'a FIFO',
  x: 'a pax extended header', g: 'a pax global header', L: 'a GNU long-name entry', K: 'a GNU long-link entry',
};

export class ArchiveProblem extends Error {
  constructor(readonly entry: string | null, detail: string) {
    super(detail);
  }
}

/** Why `name` may not be an entry of a bundle whose folder is `top`; null when it may. */
export function unsafeEntryName(name: string, top: string | null): string | null {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.includes('\\')) return 'a path with a backslash';
  if (name.includes('\0')) return 'a path with a NUL byte';
  const parts = name.split('/');
  if (parts.some((p) => p === '..')) return 'a path that climbs out of its folder ("..")';
  if (parts.some((p) => p === '' || p === '.')) return 'a path with an empty or "." part';
  if (top !== null && parts[0] !== top) return `a path outside the bundle's folder ${top}/`;
  if (parts.length < 2) return 'a file outside any folder';
  return null;
}

export interface TarEntry {
  /** The path inside the bundle's folder ("manifest.json", "runs/<id>.json"). */
  path: string;
  size: number;
  /** The body, in chunks; must be read (or skipped with `drain`) before the next entry. */
  chunks(): AsyncGenerator<Buffer>;
}

const CHUNK = 1024 * 1024;

/**
 * The entries of a ustar archive, read from the file a chunk at a time. Refuses (ArchiveProblem)
 * anything but regular files under one top folder, unsafe or repeated names, entries over the
 * bounds, and an archive that ends before its end-of-archive blocks.
 */
export async function* readTarEntries(path: string): AsyncGenerator<TarEntry & { top: string }> {
  const handle = await open(path, 'r');
  try {
    let offset = 0;
    let top: string | null = null;
    let count = 0;
    const seen = new Set<string>();
    for (;;) {
      const block = await readExactly(handle, offset, BLOCK);
      if (block === null) throw new ArchiveProblem(null, offset === 0 ? notATar(await handle.read(Buffer.alloc(BLOCK), 0, BLOCK, 0)) : `the archive ends at byte ${offset} without its end-of-archive blocks: it was cut short (truncated download or copy)`);
      if (offset === 0 && isGzip(block)) throw new ArchiveProblem(null, 'it is gzip-compressed: a bundle is a plain tar (gunzip it first, or bundle again without compressing)');
      offset += BLOCK;
      if (isZeroBlock(block)) return;
      const header = decodeHeader(block);
      if (typeof header === 'string') throw new ArchiveProblem(null, `at byte ${offset - BLOCK}: ${header}`);
      const what = TYPE_NAMES[header.type];
      if (header.type !== '0') throw new ArchiveProblem(header.name, `is ${what ?? `an entry of type "${header.type}"`}; a bundle holds regular files only`);
      top ??= header.name.split('/')[0] ?? '';
      const unsafe = unsafeEntryName(header.name, top);
      if (unsafe !== null) throw new ArchiveProblem(header.name, `is ${unsafe}`);
      if (seen.has(header.name)) throw new ArchiveProblem(header.name, 'appears twice in the archive');
      seen.add(header.name);
      if (++count > BUNDLE_LIMITS.maxEntries) throw new ArchiveProblem(header.name, `is entry ${count}: a bundle holds at most ${BUNDLE_LIMITS.maxEntries} entries`);
      if (header.size > BUNDLE_LIMITS.maxEntryBytes) throw new ArchiveProblem(header.name, `is ${header.size} bytes: a bundle entry holds at most ${BUNDLE_LIMITS.maxEntryBytes} bytes`);
      const start = offset;
      const size = header.size;
      const name = header.name;
      yield {
        top,
        path: name.slice(top.length + 1),
        size,
        async *chunks() {
          for (let at = 0; at < size; at += CHUNK) {
            const chunk = await readExactly(handle, start + at, Math.min(CHUNK, size - at));
            if (chunk === null) throw new ArchiveProblem(name, `is cut short: the archive ends inside it (truncated)`);
            yield chunk;
          }
        },
      };
      offset = start + size + paddingOf(size);
    }
  } finally {
    await handle.close();
  }
}

function isGzip(block: Buffer): boolean {
  return block[0] === 0x1f && block[1] === 0x8b;
}

/** A file shorter than one tar header: named by what it starts with, since it cannot be an archive cut short after a header. */
function notATar(first: { bytesRead: number; buffer: Buffer }): string {
  if (first.bytesRead === 0) return 'it is empty (0 bytes), not a tar archive';
  if (isGzip(first.buffer)) return 'it is gzip-compressed: a bundle is a plain tar (gunzip it first, or bundle again without compressing)';
  return `it is ${first.bytesRead} bytes, shorter than one tar header (512): not a tar archive, or a copy cut short`;
}

/** Reads `length` bytes at `position`; null when the file ends first. */
async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer | null> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) return null;
    filled += bytesRead;
  }
  return buffer;
}

/** An entry's whole body, for the small ones read whole (the manifest, a record). */
export async function readWhole(entry: TarEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of entry.chunks()) parts.push(chunk);
  return Buffer.concat(parts, entry.size);
}
