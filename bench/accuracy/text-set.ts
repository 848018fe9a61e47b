/**
 * A text-detection set made here, since no labelled photos can be had on this machine: words
 * rendered by sharp (librsvg) in Debian's DejaVu Sans (fonts-dejavu-core) on a lightly textured
 * background, with ICDAR 2015 ground truth beside them (gt/gt_img_N.txt: x1,y1,…,x4,y4,word). Each
 * word's box is measured from its own pixels, not estimated from a font size: the word is rendered
 * alone at its place and the box is the extent of its ink, then all words are rendered together.
 * One small word per image is written as `###`, ICDAR's don't-care, as real sets have unreadable
 * text. Seeded: the same set on every machine with the same font.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { mulberry32 } from '../../models/prng.js';

export const TEXT_FONT = 'DejaVu Sans';
const WORDS = ['EDGE', 'Latency', 'model', 'TensorRT', 'Jetson', 'accuracy', 'detector', 'OPEN', 'station', 'Exit', 'coffee', 'Platform', 'north', 'SALE', 'garden', 'Bus 42', 'parking', 'Hotel', 'METRO', 'delivery'];

export interface TextSet {
  imagesDir: string;
  gtDir: string;
  names: string[];
}

interface Placed {
  word: string;
  x: number;
  y: number;
  size: number;
  colour: string;
  dontCare: boolean;
}

function textElement(p: Placed): string {
  const escaped = p.word.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<text x="${p.x}" y="${p.y}" font-family="${TEXT_FONT}" font-size="${p.size}" fill="${p.colour}">${escaped}</text>`;
}

function svg(width: number, height: number, body: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`);
}

/** The extent of a word's ink, rendered alone: [x1, y1, x2, y2] in pixel edges, or null when nothing was drawn. */
async function inkBox(p: Placed, width: number, height: number): Promise<[number, number, number, number] | null> {
  const { data } = await sharp(svg(width, height, textElement(p))).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let x1 = width;
  let y1 = height;
  let x2 = -1;
  let y2 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[(y * width + x) * 4 + 3]! === 0) continue;
      if (x < x1) x1 = x;
      if (x > x2) x2 = x;
      if (y < y1) y1 = y;
      if (y > y2) y2 = y;
    }
  }
  return x2 < 0 ? null : [x1, y1, x2 + 1, y2 + 1];
}

function overlaps(a: number[], b: number[], margin: number): boolean {
  return a[0]! < b[2]! + margin && b[0]! < a[2]! + margin && a[1]! < b[3]! + margin && b[1]! < a[3]! + margin;
}

/** Writes `count` images with their gt files under `dir` (kept when already there). */
export async function renderedTextSet(dir: string, count: number, width = 640, height = 480): Promise<TextSet> {
  const imagesDir = join(dir, 'images');
  const gtDir = join(dir, 'gt');
  await mkdir(imagesDir, { recursive: true });
  await mkdir(gtDir, { recursive: true });
  const names: string[] = [];
  for (let k = 0; k < count; k++) {
    const name = `img_${k + 1}.png`;
    names.push(name);
    if (existsSync(join(imagesDir, name)) && existsSync(join(gtDir, `gt_img_${k + 1}.txt`))) continue;
    const rand = mulberry32(5000 + k);
    const placed: Array<Placed & { box: [number, number, number, number] }> = [];
    const wanted = 4 + Math.floor(rand() * 3);
    for (let tries = 0; placed.length < wanted + 1 && tries < 200; tries++) {
      const dontCare = placed.length === wanted;
      const size = dontCare ? 9 : Math.round(22 + rand() * 26);
      const word = WORDS[Math.floor(rand() * WORDS.length)]!;
      const shade = Math.floor(rand() * 70);
      const p: Placed = { word, x: Math.round(10 + rand() * (width - 300)), y: Math.round(size + 10 + rand() * (height - size - 30)), size, colour: `rgb(${shade},${shade},${Math.floor(rand() * 90)})`, dontCare };
      const box = await inkBox(p, width, height);
      if (!box || box[2] >= width - 2 || box[3] >= height - 2) continue;
      if (placed.some((q) => overlaps(q.box, box, 24))) continue;
      placed.push({ ...p, box });
    }
    const bg = `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="rgb(${230 + Math.floor(rand() * 25)},${225 + Math.floor(rand() * 25)},${210 + Math.floor(rand() * 30)})"/><stop offset="1" stop-color="rgb(${190 + Math.floor(rand() * 30)},${195 + Math.floor(rand() * 30)},${200 + Math.floor(rand() * 30)})"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>`;
    await sharp(svg(width, height, bg + placed.map(textElement).join(''))).removeAlpha().png().toFile(join(imagesDir, name));
    const gt = placed.map((p) => {
      const [x1, y1, x2, y2] = p.box;
      return `${x1},${y1},${x2},${y1},${x2},${y2},${x1},${y2},${p.dontCare ? '###' : p.word}`;
    });
    await writeFile(join(gtDir, `gt_img_${k + 1}.txt`), gt.join('\n') + '\n');
  }
  await writeFile(join(dir, 'README.txt'), `Generated: words rendered in ${TEXT_FONT} (fonts-dejavu-core) by sharp; gt/gt_img_N.txt in ICDAR 2015 form, boxes measured from each word's own ink; the 9 px word in each image is ### (don't care).\n`);
  return { imagesDir, gtDir, names };
}
