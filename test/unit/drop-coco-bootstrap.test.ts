/**
 * The drop's bootstrap re-accumulates COCO AP from cached per-image matches. Checked on the cocoapi
 * fake results (test/fixtures/coco, real pycocotools inputs): with every image once it gives the
 * port's numbers to the last bit; with some images left out or taken twice it gives what a full
 * evaluation of that selection gives, matching nothing again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCoco, type IouType } from '../../core/evaluate/coco/coco-eval.js';
import { readGroundTruth } from '../../core/evaluate/coco/dataset.js';
import { readResults } from '../../core/evaluate/coco/results.js';
import { cocoImageMatches } from '../../core/evaluate/drop/coco-image-matches.js';
import { prepareAp, weightedAp } from '../../core/evaluate/drop/coco-reaccumulate.js';
import { pairedBootstrap } from '../../core/evaluate/drop/paired-bootstrap.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'coco');
const readJson = (name: string): any => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
const gtJson = readJson('instances_val2014_100.json');
const gt = readGroundTruth(gtJson, 'gt');
const results = (iouType: IouType) => readJson(`instances_val2014_fake${iouType}100_results.json`) as Array<Record<string, any>>;
const imageIds = gt.images.map((im) => im.id).sort((a, b) => a - b);

function score(gtJsonIn: any, dt: unknown[], iouType: IouType) {
  const g = readGroundTruth(gtJsonIn, 'gt');
  return evaluateCoco(g, readResults(dt, g, 'dt'), iouType);
}

/** The ground truth and results with each image repeated weights[i] times under fresh ids. */
function repeated(weights: number[], dt: Array<Record<string, any>>) {
  const images: any[] = [];
  const annotations: any[] = [];
  const detections: any[] = [];
  let nextAnn = 1;
  imageIds.forEach((id, i) => {
    for (let copy = 0; copy < (weights[i] as number); copy++) {
      // Copies next to each other in id order, so that equal scores rank as the weighted pool ranks them.
      const newId = id * 10 + copy;
      images.push({ ...gtJson.images.find((im: any) => im.id === id), id: newId });
      for (const a of gtJson.annotations) if (a.image_id === id) annotations.push({ ...a, id: nextAnn++, image_id: newId });
      for (const d of dt) if (d.image_id === id) detections.push({ ...d, image_id: newId });
    }
  });
  return { gt: { ...gtJson, images, annotations }, detections };
}

describe('COCO AP re-accumulated from per-image matches', () => {
  it.each(['bbox', 'segm'] as const)('with every image once gives the port\'s AP, AP50 and AP75 exactly (%s)', (iouType) => {
    const e = evaluateCoco(gt, readResults(results(iouType), gt, 'dt'), iouType);
    const m = cocoImageMatches(e, imageIds);
    const ones = new Float64Array(imageIds.length).fill(1);
    expect(weightedAp(prepareAp(m, { iouThr: null }), ones)).toBe(e.stats.AP);
    expect(weightedAp(prepareAp(m, { iouThr: 0.5 }), ones)).toBe(e.stats.AP50);
    expect(weightedAp(prepareAp(m, { iouThr: 0.75 }), ones)).toBe(e.stats.AP75);
  });

  it('leaving images out gives the AP of evaluating the rest alone, exactly', () => {
    const e = evaluateCoco(gt, readResults(results('bbox'), gt, 'dt'), 'bbox');
    const prepared = prepareAp(cocoImageMatches(e, imageIds), { iouThr: null });
    const keep = imageIds.map((_, i) => (i % 3 === 0 ? 0 : 1));
    const { gt: subsetGt, detections } = repeated(keep, results('bbox'));
    const full = score(subsetGt, detections, 'bbox');
    expect(weightedAp(prepared, Float64Array.from(keep))).toBe(full.stats.AP);
  });

  it('taking images several times gives the AP of evaluating the repeated set', () => {
    const e = evaluateCoco(gt, readResults(results('bbox'), gt, 'dt'), 'bbox');
    const prepared = prepareAp(cocoImageMatches(e, imageIds), { iouThr: null });
    const weights = imageIds.map((_, i) => [0, 1, 2, 3][i % 4] as number);
    const { gt: repeatedGt, detections } = repeated(weights, results('bbox'));
    const full = score(repeatedGt, detections, 'bbox');
    expect(weightedAp(prepared, Float64Array.from(weights))).toBe(full.stats.AP);
  });
});

describe('paired bootstrap of the mAP drop', () => {
  const e = evaluateCoco(gt, readResults(results('bbox'), gt, 'dt'), 'bbox');
  const reference = prepareAp(cocoImageMatches(e, imageIds), { iouThr: null });
  // A variant whose boxes on every other image are shifted by a fifth of their width: it loses AP there only.
  const shifted = results('bbox').map((d) => (d.image_id % 2 === 0 ? { ...d, bbox: [d.bbox[0] + d.bbox[2] / 5, d.bbox[1], d.bbox[2], d.bbox[3]] } : d));
  const ev = evaluateCoco(gt, readResults(shifted, gt, 'dt'), 'bbox');
  const variant = prepareAp(cocoImageMatches(ev, imageIds), { iouThr: null });

  it('a run against itself drops by exactly 0 with a zero-width interval', () => {
    const drop = pairedBootstrap(imageIds.length, (w) => weightedAp(reference, w), (w) => weightedAp(reference, w), { resamples: 200 });
    expect([drop.difference, drop.low, drop.high]).toEqual([0, 0, 0]);
  });

  it('brackets the observed drop, states its resamples and seed, and repeats for the same seed', () => {
    const run = (seed: number) => pairedBootstrap(imageIds.length, (w) => weightedAp(reference, w), (w) => weightedAp(variant, w), { resamples: 300, seed });
    const drop = run(7);
    expect(drop.reference).toBe(e.stats.AP);
    expect(drop.variant).toBe(ev.stats.AP);
    expect(drop.difference).toBeLessThan(0);
    expect(drop.low).toBeLessThan(drop.difference);
    expect(drop.high).toBeGreaterThan(drop.difference);
    expect(drop.high).toBeLessThan(0);
    expect(drop.resamples).toBe(300);
    expect(drop.method).toContain('300 resamples');
    expect(drop.method).toContain('seed 7');
    expect(run(7)).toEqual(drop);
    expect(run(8).low).not.toBe(drop.low);
  });
});
