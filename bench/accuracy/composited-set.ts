/**
 * A segmentation set made here, since no labelled photos can be had on this machine: each image is
 * a foreground shape (an ellipse, a rounded rectangle or a star-like polygon, shaded) composited on
 * a blurred noise background, and its mask PNG is that shape, 255 inside and 0 outside. The shape
 * is drawn once as a hard-edged SVG and the same binary mask selects foreground pixels, so the mask
 * is exactly the object. Seeded: the same set on every machine.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from '../../models/prng.js';

export interface MaskSet {
  imagesDir: string;
  masksDir: string;
  names: string[];
}

function shapeSvg(width: number, height: number, rand: () => number, kind: number): string {
  const cx = width * (0.35 + 0.3 * rand());
  const cy = height * (0.35 + 0.3 * rand());
  const r = Math.min(width, height) * (0.2 + 0.12 * rand());
  let body: string;
  if (kind === 0) body = `<ellipse cx="${cx}" cy="${cy}" rx="${r * 1.2}" ry="${r * 0.85}"/>`;
  else if (kind === 1) body = `<rect x="${cx - r}" y="${cy - r * 0.75}" width="${2 * r}" height="${1.5 * r}" rx="${r * 0.25}"/>`;
  else {
    const points: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a = (Math.PI * i) / 5;
      const rr = i % 2 === 0 ? r : r * 0.55;
      points.push(`${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`);
    }
    body = `<polygon points="${points.join(' ')}"/>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="black"/><g fill="white">${body}</g></svg>`;
}

async function background(width: number, height: number, rand: () => number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  const base = [90 + 80 * rand(), 90 + 80 * rand(), 90 + 80 * rand()];
  for (let i = 0; i < width * height; i++) for (let c = 0; c < 3; c++) noise[i * 3 + c] = Math.max(0, Math.min(255, base[c]! + (rand() - 0.5) * 160));
  return sharp(noise, { raw: { width, height, channels: 3 } }).blur(6).raw().toBuffer();
}

/** Writes `count` images and masks under `dir` (kept when already there) and lists them. */
export async function compositedMaskSet(dir: string, count: number, width = 640, height = 480): Promise<MaskSet> {
  const imagesDir = join(dir, 'images');
  const masksDir = join(dir, 'masks');
  await mkdir(imagesDir, { recursive: true });
  await mkdir(masksDir, { recursive: true });
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const name = `composite-${String(k).padStart(3, '0')}.png`;
    names.push(name);
    if (existsSync(join(imagesDir, name)) && existsSync(join(masksDir, name))) continue;
    const rand = mulberry32(1000 + k);
    const mask = await sharp(Buffer.from(shapeSvg(width, height, rand, k % 3))).greyscale().raw().toBuffer();
    const bg = await background(width, height, rand);
    const fg = [rand() * 255, rand() * 255, rand() * 255];
    const pixels = Buffer.alloc(width * height * 3);
    const inside = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        const on = mask[p]! >= 128;
        inside[p] = on ? 255 : 0;
        // Shaded from top-left to bottom-right so the object has some depth, unlike a flat cut-out.
        const shade = 0.6 + 0.5 * ((x / width + y / height) / 2);
        for (let c = 0; c < 3; c++) pixels[p * 3 + c] = on ? Math.min(255, fg[c]! * shade + 30) : bg[p * 3 + c]!;
      }
    }
    await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toFile(join(imagesDir, name));
    await sharp(inside, { raw: { width, height, channels: 1 } }).png().toFile(join(masksDir, name));
  }
  await writeFile(join(dir, 'README.txt'), 'Generated: a shaded shape composited on a blurred noise background; masks/NAME.png is the shape (255 inside).\n');
  return { imagesDir, masksDir, names };
}
