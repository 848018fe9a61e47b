/**
 * YOLO txt labels (boxes and YOLO-seg polygons) with classes.txt or a data.yaml, written here,
 * loaded into a labelled set in the image's pixels; each class of bad label refused with file and line.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledSetSchema } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';

let root: string;

async function yoloSet(name: string, labels: Record<string, string>, classes = 'person\ncar\n'): Promise<{ labels: string; images: string }> {
  const dir = path.join(root, name);
  await writeImage(path.join(dir, 'images', 'a.jpg'), 100, 50);
  await writeImage(path.join(dir, 'images', 'b.png'), 40, 40);
  await writeImage(path.join(dir, 'images', 'empty.jpg'), 20, 20);
  writeText(path.join(dir, 'labels', 'classes.txt'), classes);
  for (const [file, text] of Object.entries(labels)) writeText(path.join(dir, 'labels', file), text);
  return { labels: path.join(dir, 'labels'), images: path.join(dir, 'images') };
}

const good = {
  // A box centred at (50, 25), 20 × 10 px; then a YOLO-seg triangle.
  'a.txt': '0 0.5 0.5 0.2 0.2\n1 0.1 0.2 0.3 0.2 0.3 0.6\n',
  // Windows line ends and a trailing blank line.
  'b.txt': '1 0.25 0.25 0.5 0.5\r\n\r\n',
};

beforeAll(() => {
  root = tempSet('yolo');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('YOLO txt labels', () => {
  it('loads boxes and polygons in pixels, with class indices as category ids, and counts an image without labels', async () => {
    const s = await yoloSet('good', good);
    const set = await loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images });
    expect(LabelledSetSchema.parse(set)).toEqual(set);
    expect(set.categories).toEqual([{ id: 0, name: 'person' }, { id: 1, name: 'car' }]);
    const [a, b, empty] = set.images;
    expect(a!.boxes[0]).toEqual({ categoryId: 0, bbox: [40, 20, 20, 10], iscrowd: false, area: 200 });
    const tri = a!.boxes[1]!;
    expect(tri.categoryId).toBe(1);
    expect(tri.bbox.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([10, 10, 20, 20]);
    // Triangle (10,10) (30,10) (30,30): half of 20 × 20.
    expect(tri.area).toBeCloseTo(200, 9);
    expect(tri.segmentation).toEqual([[10, 10, 30, 10, 30, 30]]);
    expect(b!.boxes).toEqual([{ categoryId: 1, bbox: [0, 0, 20, 20], iscrowd: false, area: 400 }]);
    expect(empty!.labelFile).toBeNull();
    expect(set.counts).toEqual({ images: 3, imagesWithoutLabels: 1, boxes: 3, crowd: 0, segmentations: 1, masks: 0, texts: 0, dontCare: 0, categories: 2 });
    expect(set.labelFiles).toBe(3);
    expect(set.source.classes).toBe(path.join(s.labels, 'classes.txt'));
  });

  it('reads class names from a data.yaml, as a list or as a map', async () => {
    const s = await yoloSet('yaml', good);
    const list = writeText(path.join(root, 'yaml', 'data.yaml'), 'path: .\nnames: [person, car]\n');
    expect((await loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images, classes: list })).categories.map((c) => c.name)).toEqual(['person', 'car']);
    const map = writeText(path.join(root, 'yaml', 'data-map.yaml'), 'nc: 2\nnames:\n  1: car\n  0: person\n');
    expect((await loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images, classes: map })).categories).toEqual([{ id: 0, name: 'person' }, { id: 1, name: 'car' }]);
  });

  it('gives the same digest for the same labels, and another when a label changes', async () => {
    const one = await yoloSet('digest1', good);
    const two = await yoloSet('digest2', good);
    const three = await yoloSet('digest3', { ...good, 'b.txt': '1 0.25 0.25 0.5 0.4\n' });
    const digest = async (s: { labels: string; images: string }) => (await loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images })).sha256;
    expect(await digest(one)).toBe(await digest(two));
    expect(await digest(three)).not.toBe(await digest(one));
  });
});

describe('YOLO labels that are refused', () => {
  const load = async (name: string, labels: Record<string, string>, classes?: string) => {
    const s = await yoloSet(name, labels, classes);
    return loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images });
  };

  it('a class index the classes file does not have, as an input error with what to do', async () => {
    const refused = load('unknown', { 'a.txt': '0 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.1 0.1\n' });
    await expect(refused).rejects.toThrow(/labels\/a\.txt:2: class index 2 is not a class of the classes file \(0 to 1\)/);
    // Every face shows kind, message and hint as they are: the CLI exits 2 on an input error.
    await expect(refused).rejects.toMatchObject({ name: 'LabError', kind: 'input', hint: expect.stringContaining('classes file') });
  });

  it('a box outside the image', async () => {
    await expect(load('outside', { 'a.txt': '0 0.95 0.5 0.2 0.2\n' })).rejects.toThrow(/a\.txt:1: the box \(x, y, w, h in pixels, from the normalised cx cy w h\) \[85, 20, 20, 10\] lies outside image .*a\.jpg \(100×50\)/);
  });

  it('pixel coordinates where normalised ones belong', async () => {
    await expect(load('pixels', { 'a.txt': '0 50 25 20 10\n' })).rejects.toThrow(/a\.txt:1: the box .* lies outside image/);
  });

  it('a label file with no image', async () => {
    await expect(load('orphan', { ...good, 'c.txt': '0 0.5 0.5 0.1 0.1\n' })).rejects.toThrow(/labels\/c\.txt: has no image: no c\.\* in/);
  });

  it('malformed lines: a wrong field count, a word where a number belongs', async () => {
    await expect(load('fields', { 'a.txt': '0 0.5 0.5 0.2\n' })).rejects.toThrow(/a\.txt:1: has 4 fields/);
    await expect(load('word', { 'b.txt': '\n1 0.25 zero 0.5 0.5\n' })).rejects.toThrow(/b\.txt:2: cy is "zero", not a number/);
  });

  it('a classes file that is missing, blank inside, or names a class twice', async () => {
    const s = await yoloSet('noclasses', good);
    await expect(loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images, classes: path.join(root, 'none.txt') })).rejects.toThrow(/none\.txt/);
    await expect(load('blank', good, 'person\n\ncar\n')).rejects.toThrow(/classes\.txt:2: is blank/);
    await expect(load('twice', good, 'car\ncar\n')).rejects.toThrow(/classes\.txt:2: names class "car" again \(first on line 1\)/);
  });

  it('a data.yaml whose names skip an index', async () => {
    const s = await yoloSet('gap', good);
    const yaml = writeText(path.join(root, 'gap', 'data.yaml'), 'names:\n  0: person\n  2: car\n');
    await expect(loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images, classes: yaml })).rejects.toThrow(/data\.yaml: names has key 2; keys must be the class indices 0 to 1/);
  });

  it('an image that cannot be read', async () => {
    const s = await yoloSet('corrupt', good);
    writeText(path.join(s.images, 'b.png'), 'not a PNG');
    await expect(loadLabelledSet({ format: 'yolo', annotations: s.labels, images: s.images })).rejects.toThrow(/Image .*images\/b\.png cannot be read/);
  });

  it('an empty set: label files without a single object', async () => {
    await expect(load('nothing', { 'a.txt': '', 'b.txt': '\n' })).rejects.toThrow(/has 3 images but no labelled objects/);
  });
});
