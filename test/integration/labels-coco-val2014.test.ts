/**
 * The real COCO ground truth the COCOeval golden test uses (the first 100 val2014 images, real
 * polygons, crowd RLE and category ids 1–90 with gaps) loads as a labelled set. The photos cannot be
 * had here, so the test writes blank JPEGs of each image's stated size under its file_name; the
 * counts are checked against a count made straight from the JSON, and the set, handed back to the
 * COCOeval port, still gives pycocotools' golden stats on the cocoapi fake results.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateCoco, STAT_NAMES } from '../../core/evaluate/coco/coco-eval.js';
import { readResults } from '../../core/evaluate/coco/results.js';
import { cocoGroundTruthOf } from '../../core/evaluate/labels/coco-ground-truth.js';
import { loadLabelledSet } from '../../core/evaluate/labels/load-labelled-set.js';
import { EXPECTED } from '../helpers/coco-expected-stats.js';
import { tempSet, writeImage } from '../helpers/label-set-files.js';

const annotations = path.resolve('test/fixtures/coco/instances_val2014_100.json');
interface Gt {
  images: { id: number; file_name: string; width: number; height: number }[];
  categories: { id: number }[];
  annotations: { image_id: number; iscrowd: number; segmentation?: unknown }[];
}
const gt = JSON.parse(readFileSync(annotations, 'utf8')) as Gt;
let images: string;

beforeAll(async () => {
  images = tempSet('val2014');
  for (const image of gt.images) await writeImage(path.join(images, image.file_name), image.width, image.height);
});
afterAll(() => rmSync(images, { recursive: true, force: true }));

it('loads the first 100 val2014 images with every annotation, crowd region and category', async () => {
  const set = await loadLabelledSet({ format: 'coco', annotations, images });
  const annotated = new Set(gt.annotations.map((a) => a.image_id));
  expect(set.counts).toEqual({
    images: gt.images.length,
    imagesWithoutLabels: gt.images.filter((i) => !annotated.has(i.id)).length,
    boxes: gt.annotations.length,
    crowd: gt.annotations.filter((a) => a.iscrowd === 1).length,
    segmentations: gt.annotations.filter((a) => a.segmentation !== undefined).length,
    masks: 0,
    texts: 0,
    dontCare: 0,
    categories: gt.categories.length,
  });
  expect(set.counts).toMatchObject({ images: 100, boxes: 839, categories: 80 });
  expect(set.categories.map((c) => c.id)).toEqual(gt.categories.map((c) => c.id));
  expect(set.images.map((i) => [i.id, i.width, i.height])).toEqual(gt.images.map((i) => [i.id, i.width, i.height]));
});

it.each(['bbox', 'segm'] as const)('scores the cocoapi fake %s results through the labelled set to pycocotools\' 12 stats (1e-10)', async (iouType) => {
  const set = await loadLabelledSet({ format: 'coco', annotations, images });
  const gtOfSet = cocoGroundTruthOf(set);
  const file = path.resolve(`test/fixtures/coco/instances_val2014_fake${iouType}100_results.json`);
  const e = evaluateCoco(gtOfSet, readResults(JSON.parse(readFileSync(file, 'utf8')), gtOfSet, file), iouType);
  STAT_NAMES.forEach((name, i) => expect(Math.abs(e.stats[name] - (EXPECTED[iouType][i] as number)), name).toBeLessThanOrEqual(1e-10));
});
