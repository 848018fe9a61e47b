/**
 * ICDAR 2015 text ground truth (gt_img_N.txt beside img_N.jpg), written here as the competition
 * ships it (UTF-8 with a byte order mark, CRLF, `###` for don't-care); bad lines refused with file and line.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledSetSchema } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';

let root: string;

async function icdarSet(name: string, gts: Record<string, string>): Promise<{ labels: string; images: string }> {
  const dir = path.join(root, name);
  for (const n of [1, 2, 3]) await writeImage(path.join(dir, 'images', `img_${n}.jpg`), 100, 60);
  for (const [file, text] of Object.entries(gts)) writeText(path.join(dir, 'gt', file), text);
  return { labels: path.join(dir, 'gt'), images: path.join(dir, 'images') };
}

const good = {
  'gt_img_1.txt': '\uFEFF10,10,50,10,50,30,10,30,Hello\r\n60,5,90,5,90,20,60,20,###\r\n',
  'gt_img_2.txt': '0,40,30,40,30,59,0,59,one,two\n5,5,20,5,20,15,5,15,"say \\"hi\\""\n',
};

beforeAll(() => {
  root = tempSet('icdar');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ICDAR 2015 text ground truth', () => {
  it('loads quadrilaterals, transcriptions and don\'t-care regions, and counts an image without a gt file', async () => {
    const s = await icdarSet('good', good);
    const set = await loadLabelledSet({ format: 'icdar2015', annotations: s.labels, images: s.images });
    expect(LabelledSetSchema.parse(set)).toEqual(set);
    const [one, two, three] = set.images;
    expect(path.basename(one!.file)).toBe('img_1.jpg');
    expect(one!.texts).toEqual([
      { points: [[10, 10], [50, 10], [50, 30], [10, 30]], text: 'Hello', dontCare: false },
      { points: [[60, 5], [90, 5], [90, 20], [60, 20]], text: '###', dontCare: true },
    ]);
    // Everything after the eighth comma is the transcription; a quoted one is unquoted.
    expect(two!.texts.map((t) => t.text)).toEqual(['one,two', 'say "hi"']);
    expect(three!.labelFile).toBeNull();
    expect(set.counts).toEqual({ images: 3, imagesWithoutLabels: 1, boxes: 0, crowd: 0, segmentations: 0, masks: 0, texts: 4, dontCare: 1, categories: 1 });
  });
});

describe('ICDAR ground truth that is refused', () => {
  const load = async (name: string, gts: Record<string, string>) => {
    const s = await icdarSet(name, gts);
    return loadLabelledSet({ format: 'icdar2015', annotations: s.labels, images: s.images });
  };

  it('a line with too few fields, or a coordinate that is not a number', async () => {
    await expect(load('short', { 'gt_img_1.txt': '10,10,50,10,50,30,10,30\n' })).rejects.toThrow(/gt_img_1\.txt:1: has 8 comma-separated fields/);
    await expect(load('word', { 'gt_img_1.txt': '10,10,50,10,50,30,10,30,ok\n10,10,fifty,10,50,30,10,30,x\n' })).rejects.toThrow(/gt_img_1\.txt:2: x2 is "fifty", not a number/);
  });

  it('a polygon wholly outside the image, while one reaching past the border is kept as drawn', async () => {
    await expect(load('outside', { 'gt_img_1.txt': '102,10,140,10,140,30,102,30,far\n' })).rejects.toThrow(/gt_img_1\.txt:1: the polygon \(102,10 140,10 140,30 102,30\) lies wholly outside image .*img_1\.jpg \(100×60\)/);
    const s = await icdarSet('border', { 'gt_img_1.txt': '80,10,104,10,104,30,80,30,cut\n' });
    const set = await loadLabelledSet({ format: 'icdar2015', annotations: s.labels, images: s.images });
    expect(set.images[0]!.texts[0]!.points).toEqual([[80, 10], [104, 10], [104, 30], [80, 30]]);
  });

  it('a quadrilateral whose corners are out of order (it crosses itself)', async () => {
    await expect(load('bowtie', { 'gt_img_1.txt': '10,10,50,30,50,10,10,30,x\n' })).rejects.toThrow(/gt_img_1\.txt:1: the quadrilateral crosses itself/);
  });

  it('a gt file with no image', async () => {
    await expect(load('orphan', { ...good, 'gt_img_9.txt': '1,1,2,1,2,2,1,2,x\n' })).rejects.toThrow(/gt_img_9\.txt: has no image: no img_9\.\* in/);
  });

  it('an empty set: gt files with no text in them, or an images folder with no images', async () => {
    await expect(load('none', { 'gt_img_1.txt': '\uFEFF\r\n' })).rejects.toThrow(/has 3 images but no labelled objects/);
    const dir = path.join(root, 'noimages');
    writeText(path.join(dir, 'images', 'readme.txt'), 'no images here');
    writeText(path.join(dir, 'gt', 'keep.md'), '');
    await expect(loadLabelledSet({ format: 'icdar2015', annotations: path.join(dir, 'gt'), images: path.join(dir, 'images') })).rejects.toThrow(/has no images/);
  });
});
