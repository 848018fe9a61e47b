/**
 * Small labelled sets written for real on disk: images encoded by sharp, label files as the tools
 * of each format write them. No labelled photos can be had on these machines, so the tests make them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

export function tempSet(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `edgelab-${prefix}-`));
}

export async function writeImage(file: string, width: number, height: number, options: { exifOrientation?: number } = {}): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  let img = sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 } } });
  if (options.exifOrientation) img = img.withMetadata({ orientation: options.exifOrientation });
  await (file.endsWith('.png') ? img.png() : img.jpeg({ quality: 90 })).toFile(file);
  return file;
}

/** An 8-bit greyscale PNG from one value per pixel (row-major). */
export async function writeGreyPng(file: string, width: number, height: number, values: ArrayLike<number>): Promise<string> {
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(Uint8Array.from(values)), { raw: { width, height, channels: 1 } }).png().toFile(file);
  return file;
}

export function writeText(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An 8-bit indexed-colour PNG as Pascal VOC writes its class masks, encoded here so the indices are
 * known: row y uses filter type y % 5 (None, Sub, Up, Average, Paeth), so every filter is exercised.
 */
export function palettePng(width: number, height: number, indices: ArrayLike<number>, palette: [number, number, number][]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const raw = Buffer.alloc((width + 1) * height);
  const px = (x: number, y: number) => (x < 0 || y < 0 ? 0 : (indices[y * width + x] as number));
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (width + 1)] = filter;
    for (let x = 0; x < width; x++) {
      const [a, b, c] = [px(x - 1, y), px(x, y - 1), px(x - 1, y - 1)];
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (width + 1) + 1 + x] = (px(x, y) - predicted) & 0xff;
    }
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('PLTE', Buffer.from(palette.flat())), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
