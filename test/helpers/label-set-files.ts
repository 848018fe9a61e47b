/**
 * Small labelled sets written for real on disk: images encoded by sharp, label files as the tools
 * of each format write them. No labelled photos can be had on these machines, so the tests make them.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
