/**
 * The palette indices of an indexed-colour PNG (colour type 3), as Pascal VOC stores its class masks:
 * the index is the class, the palette only how it shows. Decoders (sharp included) hand back the
 * colours, so the indices are read here from the PNG itself: IDAT inflated, scanlines unfiltered
 * (PNG spec §9: None, Sub, Up, Average, Paeth), samples of 1, 2, 4 or 8 bits unpacked.
 */
import { inflateSync } from 'node:zlib';

export interface PaletteIndices {
  width: number;
  height: number;
  indices: Uint8Array;
  /** RGB per palette entry, as PLTE lists them. */
  palette: [number, number, number][];
}

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Returns the indices, or a reason the file cannot be read this way. */
export function readPaletteIndices(png: Buffer): PaletteIndices | string {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) return 'it is not a PNG';
  let width = 0;
  let height = 0;
  let depth = 0;
  let colourType = -1;
  let interlace = 0;
  const palette: [number, number, number][] = [];
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8] ?? 0;
      colourType = data[9] ?? -1;
      interlace = data[12] ?? 0;
    } else if (type === 'PLTE') {
      for (let k = 0; k + 2 < data.length; k += 3) palette.push([data[k]!, data[k + 1]!, data[k + 2]!]);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (colourType !== 3) return 'it is not an indexed-colour PNG';
  if (interlace !== 0) return 'it is interlaced (Adam7)';
  if (![1, 2, 4, 8].includes(depth)) return `its bit depth ${depth} is not a palette depth`;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (e) {
    return `its image data does not inflate: ${(e as Error).message}`;
  }
  const stride = Math.ceil((width * depth) / 8);
  if (raw.length < height * (stride + 1)) return 'its image data is shorter than its size';
  const rows = unfilter(raw, stride, height);
  if (typeof rows === 'string') return rows;
  const indices = new Uint8Array(width * height);
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = rows[y * stride + Math.floor(x / perByte)]!;
      indices[y * width + x] = (byte >> ((perByte - 1 - (x % perByte)) * depth)) & mask;
    }
  }
  return { width, height, indices, palette };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Scanlines with their filters undone; a palette pixel is at most one byte, so the filter unit is 1. */
function unfilter(raw: Buffer, stride: number, height: number): Uint8Array | string {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x > 0 ? out[row + x - 1]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x > 0 && y > 0 ? out[prev + x - 1]! : 0;
      const v = raw[src + x]!;
      const predicted = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (predicted < 0) return `row ${y} has filter type ${filter}, which PNG does not define`;
      out[row + x] = (v + predicted) & 0xff;
    }
  }
  return out;
}
