/**
 * Accuracy targets: mAP, mIoU and hmean as fractions, drops in points against a reference run with
 * the paired bootstrap interval deciding the verdict. The drop is made from real per-image matches of
 * the COCO port on the cocoapi fake results (test/fixtures/coco).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { exitCodeForVerdicts } from '../../core/api/verdict-summary.js';
import { evaluateCoco } from '../../core/evaluate/coco/coco-eval.js';
import { readGroundTruth } from '../../core/evaluate/coco/dataset.js';
import { readResults } from '../../core/evaluate/coco/results.js';
import { cocoImageMatches } from '../../core/evaluate/drop/coco-image-matches.js';
import { prepareAp, weightedAp } from '../../core/evaluate/drop/coco-reaccumulate.js';
import { pairedBootstrap } from '../../core/evaluate/drop/paired-bootstrap.js';
import { evaluateTargets, parseTarget, parseTargets } from '../../core/targets/index.js';

function refusal(expression: string): LabError {
  try {
    parseTarget(expression);
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error(`"${expression}" parsed`);
}

describe('parsing accuracy targets', () => {
  it('reads fractions with no unit and drops in points', () => {
    expect(parseTarget('map>=0.35')).toMatchObject({ metric: 'map', comparator: '>=', threshold: 0.35, unit: 'fraction' });
    expect(parseTarget('MAP50 >= .5')).toMatchObject({ metric: 'map50', threshold: 0.5 });
    expect(parseTarget('miou>=0.9')).toMatchObject({ metric: 'miou', threshold: 0.9 });
    expect(parseTarget('hmean>0.8')).toMatchObject({ metric: 'hmean', comparator: '>' });
    expect(parseTarget('map-drop<=1pt')).toMatchObject({ metric: 'map-drop', threshold: 1, unit: 'pt', displayUnit: 'pt' });
    expect(parseTarget('miou-drop <= 0.5 points')).toMatchObject({ metric: 'miou-drop', threshold: 0.5, unit: 'pt' });
  });

  it('refuses a percentage written as a fraction, suggesting the fraction', () => {
    const e = refusal('map>=35');
    expect(e.kind).toBe('usage');
    expect(e.message).toBe('Target "map>=35" bounds map, a fraction from 0 to 1, by 35.');
    expect(e.hint).toMatch(/^Write it as a fraction: map>=0\.35\./);
    expect(refusal('miou>=90').hint).toMatch(/miou>=0\.9\./);
  });

  it('refuses a unit on a fraction and a drop without its unit', () => {
    expect(refusal('map>=0.35%').message).toMatch(/has unit "%", but map is a fraction/);
    expect(refusal('map-drop<=1').message).toBe('Target "map-drop<=1" has no unit after 1.');
    expect(refusal('map-drop<=1').hint).toMatch(/^map-drop is in points \(100 × the fraction\): write map-drop<=1pt\./);
    expect(refusal('map-drop<=1ms').message).toMatch(/has unit "ms", which does not fit map-drop/);
  });
});

describe('accuracy verdicts', () => {
  const targets = parseTargets(['map>=0.35, map50>=0.9, miou>=0.9']);

  it('compares the pass\'s figure as a single measurement on the named set', () => {
    const [map, map50, miou] = evaluateTargets(targets, { accuracy: { images: 100, set: 'instances_val2014_100.json', values: { map: 0.505, map50: 0.697 } } });
    expect(map).toMatchObject({ status: 'pass', observedValue: 0.505, unit: 'fraction' });
    expect(map?.method).toBe('single measurement: map 0.505 on 100 images of instances_val2014_100.json');
    expect(map50).toMatchObject({ status: 'fail', observedValue: 0.697 });
    expect(miou).toMatchObject({ status: 'inconclusive', observedValue: null });
    expect(miou?.method).toMatch(/not measured: the pass scored no miou \(a mask metric\)/);
    expect(exitCodeForVerdicts([map!, map50!])).toBe(1);
  });

  it('leaves them not measured on a timed run', () => {
    const [v] = evaluateTargets(parseTargets(['map>=0.35']), { sortedSamplesMs: [1, 2, 3] });
    expect(v).toMatchObject({ status: 'inconclusive', observedValue: null });
    expect(v?.method).toMatch(/^not measured: accuracy comes from an accuracy pass/);
  });
});

describe('drop verdicts from a paired bootstrap on real matches', () => {
  const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'coco');
  const readJson = (name: string): any => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
  const gt = readGroundTruth(readJson('instances_val2014_100.json'), 'gt');
  const ids = gt.images.map((im) => im.id);
  const dt = readJson('instances_val2014_fakebbox100_results.json') as Array<Record<string, any>>;
  const prepared = (results: unknown[]) => prepareAp(cocoImageMatches(evaluateCoco(gt, readResults(results, gt, 'dt'), 'bbox'), ids), { iouThr: null });
  const reference = prepared(dt);
  // Boxes shifted by a tenth of their width on every third image: a small, real loss of AP.
  const variant = prepared(dt.map((d) => (d.image_id % 3 === 0 ? { ...d, bbox: [d.bbox[0] + d.bbox[2] / 10, d.bbox[1], d.bbox[2], d.bbox[3]] } : d)));
  const boot = pairedBootstrap(ids.length, (w) => weightedAp(reference, w), (w) => weightedAp(variant, w), { resamples: 300 });
  const drops = { map: { referenceRun: 'ref-run', difference: boot.difference, low: boot.low, high: boot.high, resamples: boot.resamples, confidence: boot.confidence } };
  const lostPoints = -boot.difference * 100;

  it('is in points, with the interval of the loss and the reference named', () => {
    const [v] = evaluateTargets(parseTargets(['map-drop<=100pt']), { drops });
    expect(v?.status).toBe('pass');
    expect(v?.observedValue).toBeCloseTo(lostPoints, 12);
    expect(v?.intervalLow).toBeCloseTo(-boot.high * 100, 12);
    expect(v?.intervalHigh).toBeCloseTo(-boot.low * 100, 12);
    expect(v?.method).toMatch(/^95% paired bootstrap CI for the map drop \[.*\] pt against run ref-run, 300 resamples over images$/);
  });

  it('fails a bound below the whole interval and is inconclusive on one inside it', () => {
    expect(lostPoints).toBeGreaterThan(0);
    const below = -boot.high * 100 / 2;
    const inside = lostPoints;
    const [fail, unsure] = evaluateTargets([parseTarget(`map-drop<=${below.toFixed(6)}pt`), parseTarget(`map-drop<=${inside.toFixed(6)}pt`)], { drops });
    expect(fail?.status).toBe('fail');
    expect(unsure?.status).toBe('inconclusive');
  });

  it('is not measured without a reference', () => {
    const [v] = evaluateTargets(parseTargets(['map-drop<=1pt']), { accuracy: { images: 1, set: 's', values: { map: 0.5 } } });
    expect(v?.method).toMatch(/needs a reference run \(--reference RUN\)/);
  });
});
