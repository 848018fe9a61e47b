/**
 * A COCO instances JSON and its image folder, written here, loaded into a labelled set: ids as the
 * file states them, sizes from the image headers, counts right; each class of bad label refused
 * with the file and field named.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabelledSetSchema } from '../../core/api/labelled-set.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { tempSet, writeImage, writeText } from '../helpers/label-set-files.js';

let root: string;
let images: string;

const gt = () => ({
  images: [
    { id: 7, file_name: 'a.jpg', width: 64, height: 48 },
    { id: 9, file_name: 'sub/b.png', width: 32, height: 32 },
    { id: 12, file_name: 'c.jpg', width: 40, height: 30 },
  ],
  categories: [
    { id: 1, name: 'person' },
    { id: 18, name: 'dog' },
  ],
  annotations: [
    { id: 1, image_id: 7, category_id: 1, bbox: [2, 3, 20, 30], area: 500, iscrowd: 0, segmentation: [[2, 3, 22, 3, 22, 33, 2, 33]] },
    // Within the 1 px slack: the box ends at x = 64.5 in a 64 px wide image.
    { id: 2, image_id: 7, category_id: 18, bbox: [40.5, 0, 24, 10], area: 240, iscrowd: 0, segmentation: [[40.5, 0, 64.5, 0, 64.5, 10]] },
    { id: 3, image_id: 9, category_id: 18, bbox: [0, 0, 4, 4], area: 16, iscrowd: 1, segmentation: { size: [32, 32], counts: [0, 4, 28, 4, 28, 4, 28, 4, 924] } },
  ],
});

function writeGt(name: string, json: unknown): string {
  return writeText(path.join(root, name), JSON.stringify(json));
}

beforeAll(async () => {
  root = tempSet('coco');
  images = path.join(root, 'images');
  await writeImage(path.join(images, 'a.jpg'), 64, 48);
  await writeImage(path.join(images, 'sub', 'b.png'), 32, 32);
  await writeImage(path.join(images, 'c.jpg'), 40, 30);
  // Stored 30 wide and 20 high, shown turned a quarter (EXIF 6): 20 wide and 30 high, as labelled.
  await writeImage(path.join(images, 'turned.jpg'), 30, 20, { exifOrientation: 6 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('COCO instances JSON with an image folder', () => {
  it('loads images, category ids with gaps, boxes, crowd and segmentations, and counts them', async () => {
    const file = writeGt('instances.json', gt());
    const set = await loadLabelledSet({ format: 'coco', annotations: file, images });
    expect(LabelledSetSchema.parse(set)).toEqual(set);
    expect(set.format).toBe('coco');
    expect(set.name).toBe('instances.json');
    expect(set.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(set.categories).toEqual([{ id: 1, name: 'person' }, { id: 18, name: 'dog' }]);
    expect(set.images.map((i) => [i.id, path.relative(images, i.file), i.width, i.height, i.boxes.length])).toEqual([
      [7, 'a.jpg', 64, 48, 2],
      [9, path.join('sub', 'b.png'), 32, 32, 1],
      [12, 'c.jpg', 40, 30, 0],
    ]);
    expect(set.images[1]!.boxes[0]).toEqual({ categoryId: 18, bbox: [0, 0, 4, 4], iscrowd: true, area: 16, segmentation: { size: [32, 32], counts: [0, 4, 28, 4, 28, 4, 28, 4, 924] } });
    expect(set.counts).toEqual({ images: 3, imagesWithoutLabels: 1, boxes: 3, crowd: 1, segmentations: 3, masks: 0, texts: 0, dontCare: 0, categories: 2 });
  });

  it('takes an image\'s size after its EXIF orientation, as the preprocessing sees it', async () => {
    const json = { images: [{ id: 1, file_name: 'turned.jpg', width: 20, height: 30 }], categories: [{ id: 3, name: 'car' }], annotations: [{ id: 1, image_id: 1, category_id: 3, bbox: [0, 20, 20, 10], area: 200, iscrowd: 0 }] };
    const set = await loadLabelledSet({ format: 'coco', annotations: writeGt('turned.json', json), images });
    expect([set.images[0]!.width, set.images[0]!.height]).toEqual([20, 30]);
    const unturned = { ...json, images: [{ id: 1, file_name: 'turned.jpg', width: 30, height: 20 }] };
    await expect(loadLabelledSet({ format: 'coco', annotations: writeGt('unturned.json', unturned), images })).rejects.toThrow(/images\[0\] states 30×20 but .*turned\.jpg is 20×30 \(its EXIF orientation turns it a quarter/);
  });
});

describe('COCO labels that are refused', () => {
  const load = (json: unknown, name = 'bad.json') => loadLabelledSet({ format: 'coco', annotations: writeGt(name, json), images });

  it('an unknown category', async () => {
    const json = gt();
    json.annotations[1]!.category_id = 5;
    await expect(load(json)).rejects.toThrow(/bad\.json: annotations\[1\]\.category_id 5 is not among the file's categories/);
  });

  it('a box outside its image by more than 1 px', async () => {
    const json = gt();
    json.annotations[1]!.bbox = [41.5, 0, 24, 10];
    await expect(load(json)).rejects.toThrow(/bad\.json: annotations\[1\]\.bbox \[41.5, 0, 24, 10\] lies outside image .*a\.jpg \(64×48\)/);
  });

  it('a box of negative size', async () => {
    const json = gt();
    json.annotations[0]!.bbox = [2, 3, -1, 30];
    await expect(load(json)).rejects.toThrow(/annotations\[0\]\.bbox has a negative size/);
  });

  it('an image that is not in the folder', async () => {
    const json = gt();
    json.images[2]!.file_name = 'gone.jpg';
    await expect(load(json)).rejects.toThrow(/bad\.json: images\[2\] \(id 12\) names .*gone\.jpg, which does not exist/);
  });

  it('an image whose stated size is not the file\'s', async () => {
    const json = gt();
    json.images[0]!.width = 65;
    await expect(load(json)).rejects.toThrow(/bad\.json: images\[0\] states 65×48 but .*a\.jpg is 64×48/);
  });

  it('an image with no file_name', async () => {
    const json = gt() as { images: Record<string, unknown>[] };
    delete json.images[1]!.file_name;
    await expect(load(json)).rejects.toThrow('bad.json: images[1].file_name is missing');
  });

  it('a malformed segmentation', async () => {
    const json = gt() as { annotations: Record<string, unknown>[] };
    json.annotations[0]!.segmentation = { counts: [1, 2] };
    await expect(load(json)).rejects.toThrow('bad.json: annotations[0].segmentation is neither polygons');
  });

  it('an RLE mask of another size than its image', async () => {
    const json = gt();
    json.annotations[2]!.segmentation = { size: [32, 31], counts: [0, 4, 27, 4, 27, 4, 27, 4, 921] };
    await expect(load(json)).rejects.toThrow('bad.json: annotations[2].segmentation is an RLE of size [32, 31] but its image is [32, 32] (height, width)');
  });

  it('a file that is not JSON', async () => {
    await expect(loadLabelledSet({ format: 'coco', annotations: writeText(path.join(root, 'trunc.json'), '{"images": ['), images })).rejects.toThrow(/trunc\.json is not JSON/);
  });

  it('an empty set: no images, or images with no objects at all', async () => {
    await expect(load({ ...gt(), images: [], annotations: [] })).rejects.toThrow('the file has no images');
    await expect(load({ ...gt(), annotations: [] })).rejects.toThrow(/has 3 images but no labelled objects in any of them/);
  });

  it('an images folder that does not exist', async () => {
    await expect(loadLabelledSet({ format: 'coco', annotations: writeGt('ok.json', gt()), images: path.join(root, 'nope') })).rejects.toThrow(/Images folder .*nope does not exist/);
  });
});
