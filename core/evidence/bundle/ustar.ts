/**
 * The POSIX ustar header (512-byte blocks), written and read here rather than through a library so
 * that what a bundle may hold is decided in one place: regular files only, names of at most 255
 * bytes split into prefix and name, sizes in octal. GNU and BSD tar read these archives as they are.
 */
export const BLOCK = 512;

export interface UstarEntry {
  /** "/"-separated, relative. */
  name: string;
  size: number;
  /** '0' regular file; anything else is refused when read. */
  type: string;
  mtime: number;
}

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, length, 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

/** Splits a path into ustar's prefix (≤155) and name (≤100) fields at a "/"; null when it cannot be. */
function splitName(path: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name !== '') return { prefix, name };
  }
  return null;
}

export function encodeHeader(path: string, size: number, mtime: number): Buffer {
  const split = splitName(path);
  if (split === null) throw new Error(`the path ${path} is too long for a ustar archive (at most 255 bytes, split at a "/")`);
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, split.name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(mtime));
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, '0');
  writeString(block, 257, 6, 'ustar\0');
  writeString(block, 263, 2, '00');
  writeString(block, 345, 155, split.prefix);
  writeOctal(block, 148, 7, checksum(block));
  block[155] = 0x20;
  return block;
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] as number);
  return sum;
}

function readString(block: Buffer, offset: number, length: number): string {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(block: Buffer, offset: number, length: number): number | null {
  const text = readString(block, offset, length).trim();
  // Base-256 sizes (a high bit set) are GNU's way past 8 GiB: far beyond any bound a bundle allows.
  if (!/^[0-7]*$/.test(text)) return null;
  return text === '' ? 0 : parseInt(text, 8);
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** A header as written, or why it is not one. */
export function decodeHeader(block: Buffer): UstarEntry | string {
  const stored = readOctal(block, 148, 8);
  if (stored === null || stored !== checksum(block)) return 'a header block whose checksum does not match (not a tar archive, or damaged)';
  if (readString(block, 257, 6) !== 'ustar') return 'a header that is not POSIX ustar';
  const size = readOctal(block, 124, 12);
  if (size === null) return 'a header whose size is not an octal number';
  const name = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  const type = String.fromCharCode(block[156] as number);
  return { name: prefix === '' ? name : `${prefix}/${name}`, size, type: type === '\0' ? '0' : type, mtime: readOctal(block, 136, 12) ?? 0 };
}

export function paddingOf(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
