import { readFileSync, writeFileSync } from 'node:fs';
import { BLOCK, decodeHeader, encodeHeader, isZeroBlock, paddingOf } from '../../core/evidence/bundle/ustar.js';

/** One entry of a ustar archive as a test reads and rewrites it, to plant what a forger would. */
export interface RawEntry {
  name: string;
  body: Buffer;
  /** ustar typeflag: '0' file, '2' symbolic link, '3' character device … */
  type?: string;
  linkname?: string;
}

export function readTarFile(path: string): RawEntry[] {
  const bytes = readFileSync(path);
  const entries: RawEntry[] = [];
  for (let offset = 0; offset + BLOCK <= bytes.length; ) {
    const block = bytes.subarray(offset, offset + BLOCK);
    if (isZeroBlock(block)) break;
    const header = decodeHeader(block);
    if (typeof header === 'string') throw new Error(header);
    offset += BLOCK;
    entries.push({ name: header.name, body: Buffer.from(bytes.subarray(offset, offset + header.size)), type: header.type });
    offset += header.size + paddingOf(header.size);
  }
  return entries;
}

/** Writes entries as ustar, with whatever type and link name each says (the header checksum made right, as a forger would). */
export function writeTarFile(path: string, entries: RawEntry[], options: { end?: boolean } = {}): void {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const header = encodeHeader(e.name, e.body.length, 0);
    if (e.type !== undefined && e.type !== '0') {
      header.write(e.type, 156, 1, 'ascii');
      if (e.linkname) header.write(e.linkname, 157, 100, 'utf8');
      header.fill(0x20, 148, 156);
      let sum = 0;
      for (const byte of header) sum += byte;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    }
    parts.push(header, e.body, Buffer.alloc(paddingOf(e.body.length)));
  }
  if (options.end !== false) parts.push(Buffer.alloc(BLOCK * 2));
  writeFileSync(path, Buffer.concat(parts));
}
