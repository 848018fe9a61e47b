/**
 * Mask PNG folders written here: binary (0/255 and 0/1) and per-class with a classes file and an
 * ignore value; each class of bad mask refused with the file and the pixel named.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledSetSchema } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { readMaskPixels } from '../../core/evaluate/masks/mask-pixels.js';
import { tempSet, writeGreyPng, writeImage, writeText } from '../helpers/label-set-files.js';

const W = 8;
const H = 6;
let root: string;

/** A mask of `fill` with one 2 × 2 square of `value` at (x, y). */
function square(fill: number, value: number, x = 2, y = 1): number[] {
  return Array.from({ length: W * H }, (_, i) => (i % W >= x && i % W < x + 2 && Math.floor(i / W) >= y && Math.floor(i / W) < y + 2 ? value : fill));
}

async function maskSet(name: string, masks: Record<string, number[]>, classes?: string): Promise<{ labels: string; images: string }> {
  const dir = path.join(root, name);
  await writeImage(path.join(dir, 'images', 'a.jpg'), W, H);
  await writeImage(path.join(dir, 'images', 'b.png'), W, H);
  for (const [file, values] of Object.entries(masks)) await writeGreyPng(path.join(dir, 'masks', file), W, H, values);
  if (classes !== undefined) writeText(path.join(dir, 'masks', 'classes.txt'), classes);
  return { labels: path.join(dir, 'masks'), images: path.join(dir, 'images') };
}

beforeAll(() => {
  root = tempSet('masks');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('mask PNG folders', () => {
  it('loads binary masks written as 0/255 and as 0/1, read back as background 0 and foreground 1', async () => {
    const s = await maskSet('binary', { 'a.png': square(0, 255), 'b.png': square(0, 1) });
    const set = await loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images });
    expect(LabelledSetSchema.parse(set)).toEqual(set);
    expect(set.categories).toEqual([{ id: 0, name: 'background' }, { id: 1, name: 'foreground' }]);
    expect(set.ignoreValue).toBeNull();
    expect(set.counts).toEqual({ images: 2, imagesWithoutLabels: 0, boxes: 0, crowd: 0, segmentations: 0, masks: 2, texts: 0, dontCare: 0, categories: 2 });
    for (const image of set.images) {
      const px = await readMaskPixels(image.masks[0]!, 2, null);
      expect([...px.values]).toEqual(square(0, 1));
    }
  });

  it('loads per-class masks with their classes file, keeping the ignore value 255', async () => {
    const a = square(0, 2);
    a[0] = 255;
    const s = await maskSet('classes', { 'a.png': a, 'b.png': square(1, 0) }, 'road\ncar\nperson\n');
    const set = await loadLabelledSet({ format: 'class-masks', annotations: s.labels, images: s.images });
    expect(set.categories.map((c) => c.name)).toEqual(['road', 'car', 'person']);
    expect(set.ignoreValue).toBe(255);
    expect(set.labelFiles).toBe(3);
    expect([...(await readMaskPixels(set.images[0]!.masks[0]!, 3, 255)).values]).toEqual(a);
  });

  it('takes another ignore value when stated', async () => {
    const a = square(0, 1);
    a[5] = 9;
    const s = await maskSet('ignore9', { 'a.png': a, 'b.png': square(0, 1) }, 'bg\nfg\n');
    expect((await loadLabelledSet({ format: 'class-masks', annotations: s.labels, images: s.images, ignoreValue: 9 })).ignoreValue).toBe(9);
  });
});

describe('masks that are refused', () => {
  const binary = async (name: string, masks: Record<string, number[]>) => {
    const s = await maskSet(name, masks);
    return loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images });
  };

  it('a class value above the classes file\'s count, naming the pixel', async () => {
    const s = await maskSet('above', { 'a.png': square(0, 3, 4, 2), 'b.png': square(0, 1) }, 'road\ncar\nperson\n');
    await expect(loadLabelledSet({ format: 'class-masks', annotations: s.labels, images: s.images })).rejects.toThrow(/a\.png: pixel \(4, 2\) is 3, above the 3 classes of the classes file \(0 to 2\) and not the ignore value 255/);
  });

  it('an ignore value that is one of the classes', async () => {
    const s = await maskSet('clash', { 'a.png': square(0, 1), 'b.png': square(0, 1) }, 'bg\nfg\n');
    await expect(loadLabelledSet({ format: 'class-masks', annotations: s.labels, images: s.images, ignoreValue: 1 })).rejects.toThrow('The ignore value 1 is class 1 ("fg")');
  });

  it('a grey value in a binary mask, and a mask mixing 1 and 255', async () => {
    await expect(binary('grey', { 'a.png': square(0, 128), 'b.png': square(0, 1) })).rejects.toThrow(/a\.png: pixel \(2, 1\) is 128; a binary mask holds 0 and 255/);
    const mixed = square(0, 255);
    mixed[47] = 1;
    await expect(binary('mixed', { 'a.png': mixed, 'b.png': square(0, 1) })).rejects.toThrow(/a\.png: holds both 1 \(at \(7, 5\)\) and 255 \(at \(2, 1\)\)/);
  });

  it('a mask whose size differs from its image', async () => {
    const s = await maskSet('size', { 'b.png': square(0, 1) });
    await writeGreyPng(path.join(s.labels, 'a.png'), W + 1, H, new Array((W + 1) * H).fill(0));
    await expect(loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images })).rejects.toThrow(/a\.png: is 9×6 but its image .*a\.jpg is 8×6/);
  });

  it('a mask with no image, and an image with no mask', async () => {
    await expect(binary('orphan', { 'a.png': square(0, 1), 'b.png': square(0, 1), 'c.png': square(0, 1) })).rejects.toThrow(/masks\/c\.png: has no image: no c\.\* in/);
    await expect(binary('missing', { 'a.png': square(0, 1) })).rejects.toThrow(/Image .*b\.png has no mask: .*masks\/b\.png does not exist/);
  });

  it('a palette PNG, a colour PNG and a JPEG mask', async () => {
    const s = await maskSet('palette', { 'b.png': square(0, 1) });
    const grey = Buffer.from(Uint8Array.from(square(0, 255)));
    await sharp(grey, { raw: { width: W, height: H, channels: 1 } }).toColourspace('srgb').png({ palette: true, colours: 2 }).toFile(path.join(s.labels, 'a.png'));
    await expect(loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images })).rejects.toThrow(/a\.png: is a palette PNG/);
    const c = await maskSet('colour', { 'b.png': square(0, 1) });
    await sharp({ create: { width: W, height: H, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toFile(path.join(c.labels, 'a.png'));
    await expect(loadLabelledSet({ format: 'binary-masks', annotations: c.labels, images: c.images })).rejects.toThrow(/a\.png: pixel \(0, 0\) is a colour \(255, 0, 0\)/);
    const j = await maskSet('jpeg', { 'a.png': square(0, 1), 'b.png': square(0, 1) });
    await writeImage(path.join(j.labels, 'b.jpg'), W, H);
    await expect(loadLabelledSet({ format: 'binary-masks', annotations: j.labels, images: j.images })).rejects.toThrow(/b\.jpg: is not a PNG/);
  });

  it('an ignore value given for labels that have none', async () => {
    const s = await maskSet('binignore', { 'a.png': square(0, 1), 'b.png': square(0, 1) });
    await expect(loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images, ignoreValue: 255 })).rejects.toThrow('An ignore value applies to per-class masks only');
  });
});
