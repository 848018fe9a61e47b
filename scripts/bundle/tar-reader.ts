import { createReadStream } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';

/**
 * Unpacks a registry tarball (.tgz) in this process. A bundle unpacks over a hundred of them; one tar
 * and one gzip process each cost more than the unpacking on a busy machine, and here the keep rule
 * applies as entries stream by, so the other platforms' binaries are never written.
 *
 * npm tarballs are POSIX ustar written by node-tar: regular files and folders, with pax extended
 * headers (and, from old publishers, GNU long names) for paths over 100 bytes. Links and devices do
 * not occur in them and are skipped rather than trusted.
 */
export interface TarEntryFilter {
  /** Path inside the archive after its top folder (`package/`) is stripped. */
  (relativePath: string): boolean;
}

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const raw = block.subarray(offset, offset + length);
  // GNU base-256 for sizes over 8 GiB: high bit of the first byte set. Not in npm tarballs, refuse it.
  if ((raw[0] ?? 0) & 0x80) throw new Error('tar entry larger than 8 GiB');
  const text = field(block, offset, length).trim();
  return text ? parseInt(text, 8) : 0;
}

/** `path=…` records of a pax header: "LEN key=value\n" each. */
function paxPath(data: Buffer): string | undefined {
  let at = 0;
  let found: string | undefined;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const length = parseInt(data.subarray(at, space).toString('utf8'), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, at + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    at += length;
  }
  return found;
}

/** Reads the whole decompressed archive; npm packages here are at most ~150 MB unpacked, read once. */
async function gunzipFile(file: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file).pipe(createGunzip())) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function extractTgz(file: string, dest: string, keep: TarEntryFilter = () => true): Promise<number> {
  const tar = await gunzipFile(file);
  const root = path.resolve(dest);
  let written = 0;
  let longName: string | undefined;
  const made = new Set<string>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      longName = paxPath(body) ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = field(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue; // folders are made as files need them
    // Strip the one top folder (`package/` in registry tarballs, whatever its name).
    const relative = name.split('/').slice(1).join('/');
    if (!relative || !keep(relative)) continue;
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep)) throw new Error(`${file}: entry ${name} points outside the package folder`);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(target, body);
    // Keep the executable bits (node, shell scripts); drop setuid and anything group/other-writable.
    const mode = octal(header, 100, 8) & 0o755;
    await chmod(target, mode & 0o111 ? 0o755 : 0o644);
    written++;
  }
  return written;
}
