/**
 * Mask PNG folders written here: binary (0/255 and 0/1) and per-class with a classes file and an
 * ignore value; each class of bad mask refused with the file and the pixel named.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledSetSchema } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { countMaskImage } from '../../core/evaluate/masks/mask-counts.js';
import { maskScores } from '../../core/evaluate/masks/mask-metrics.js';
import { readMaskPixels, truthMask } from '../../core/evaluate/masks/mask-pixels.js';
import { palettePng, tempSet, writeGreyPng, writeImage, writeText } from '../helpers/label-set-files.js';

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

  it('scores a prediction against the loaded truth: the square found, shifted by one column', async () => {
    const s = await maskSet('scored', { 'a.png': square(0, 255), 'b.png': square(0, 255) });
    const set = await loadLabelledSet({ format: 'binary-masks', annotations: s.labels, images: s.images });
    const counts = await Promise.all(
      set.images.map(async (image, k) => {
        const truth = await truthMask(set, image);
        // Image a: exact; image b: the 2 × 2 square one column to the right (2 of 4 pixels right).
        return countMaskImage({ imageId: image.id, file: image.file, width: truth.width, truth: truth.values, predicted: square(0, 1, k === 0 ? 2 : 3) }, 2, set.ignoreValue);
      }),
    );
    const scores = maskScores(counts, set.categories);
    // Foreground: 6 right of 8 true and 8 predicted, IoU 6 / 10; background 86 right of 88 and 88, IoU 86 / 90.
    expect(scores.classes.map((c) => c.iou)).toEqual([86 / 90, 6 / 10]);
    expect(scores.pixelAccuracy).toBe(92 / 96);
  });

  it('reads a Pascal VOC palette mask by its indices, not its colours', async () => {
    const s = await maskSet('voc', { 'b.png': square(0, 1) }, 'background\naeroplane\nbicycle\n');
    const indices = square(0, 2);
    indices[0] = 255;
    // VOC's colour map: 0 black, 1 dark red, 2 dark green, … 255 the cream border.
    const palette = Array.from({ length: 256 }, (_, k): [number, number, number] => (k === 255 ? [224, 224, 192] : [k === 1 ? 128 : 0, k === 2 ? 128 : 0, 0]));
    writeFileSync(path.join(s.labels, 'a.png'), palettePng(W, H, indices, palette));
    const set = await loadLabelledSet({ format: 'class-masks', annotations: s.labels, images: s.images });
    expect([...(await truthMask(set, set.images[0]!)).values]).toEqual(indices);
  });

  it('does not take masks for images when the mask folder lies inside the images folder', async () => {
    const dir = path.join(root, 'nested');
    await writeImage(path.join(dir, 'a.jpg'), W, H);
    await writeGreyPng(path.join(dir, 'masks', 'a.png'), W, H, square(0, 255));
    const set = await loadLabelledSet({ format: 'binary-masks', annotations: path.join(dir, 'masks'), images: dir });
    expect(set.images.map((i) => path.basename(i.file))).toEqual(['a.jpg']);
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

  it('a colour PNG and a JPEG mask', async () => {
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
