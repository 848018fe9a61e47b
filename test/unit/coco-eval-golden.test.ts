/**
 * The golden check of the COCOeval port: pycocotools' own fake results (cocoapi) on the first 100
 * val2014 images must give the 12 stats pycocotools prints. Files and origin: test/fixtures/coco/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCoco, STAT_NAMES, type IouType } from '../../core/evaluate/coco/coco-eval.js';
import { readGroundTruth } from '../../core/evaluate/coco/dataset.js';
import { readResults } from '../../core/evaluate/coco/results.js';
import { EXPECTED } from '../helpers/coco-expected-stats.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'coco');
const readJson = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

describe('COCOeval on the cocoapi fake results', () => {
  const gt = readGroundTruth(readJson('instances_val2014_100.json'), 'instances_val2014_100.json');

  it.each(['bbox', 'segm'] as const)('reproduces pycocotools\' 12 %s stats to 1e-10', (iouType) => {
    const file = `instances_val2014_fake${iouType}100_results.json`;
    const e = evaluateCoco(gt, readResults(readJson(file), gt, file), iouType);
    expect(Object.keys(e.stats)).toEqual([...STAT_NAMES]);
    STAT_NAMES.forEach((name, i) => {
      expect(Math.abs(e.stats[name] - (EXPECTED[iouType][i] as number)), name).toBeLessThanOrEqual(1e-10);
    });
    // Per-class AP averages to the overall AP over the categories that have counted objects, as
    // the overall mean is over the same precision entries (every category has all 1010 of them).
    const counted = e.categories.filter((c) => c.ap > -1);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.reduce((s, c) => s + c.ap, 0) / counted.length).toBeCloseTo(e.stats.AP, 12);
    expect(e.categories.filter((c) => c.ap === -1).every((c) => c.objects === 0)).toBe(true);
  });
});
