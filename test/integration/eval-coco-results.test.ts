import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COCO_STAT_NAMES } from '../../core/api/coco-score.js';
import type { RunRecord } from '../../core/api/run-record.js';
import { STAT_NAMES } from '../../core/evaluate/coco/coco-eval.js';
import { EXPECTED } from '../helpers/coco-expected-stats.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/**
 * `edgelab eval --annotations GT --predictions RESULTS` through the real edgelab process, on cocoapi's
 * own fake results for the first 100 val2014 images (test/fixtures/coco/): the 12 stats must be
 * pycocotools' (the same numbers the COCOeval port's golden test holds), and the run is kept as an
 * imported accuracy run with both files beside it.
 */
const COCO = path.join(repoRoot, 'test/fixtures/coco');
const GT = path.join(COCO, 'instances_val2014_100.json');
const RESULTS = { bbox: path.join(COCO, 'instances_val2014_fakebbox100_results.json'), segm: path.join(COCO, 'instances_val2014_fakesegm100_results.json') };
const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-coco-'));
const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-coco-files-'));
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function writeScratch(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe('edgelab eval --annotations --predictions', () => {
  it('names the stats as the port does', () => {
    expect([...COCO_STAT_NAMES]).toEqual([...STAT_NAMES]);
  });

  it.each(['bbox', 'segm'] as const)('prints pycocotools\' 12 %s stats by name, the iouType taken from the results file', async (iouType) => {
    const r = await runCli(['eval', '--annotations', GT, '--predictions', RESULTS[iouType], '--json', '--workspace', ws]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['runId', 'iouType', ...COCO_STAT_NAMES]);
    expect(out.iouType).toBe(iouType);
    COCO_STAT_NAMES.forEach((name, i) => expect(Math.abs((out[name] as number) - EXPECTED[iouType][i]!), name).toBeLessThanOrEqual(1e-10));

    // Kept as imported evidence, both files beside the record by SHA-256, the figures in its extras.
    const record = JSON.parse(readFileSync(path.join(ws, 'runs', `${out.runId as string}.json`), 'utf8')) as RunRecord;
    expect(record.origin?.kind).toBe('imported');
    expect(record.origin?.files.map((f) => [f.role, f.sha256])).toEqual([['annotations', sha256(GT)], ['predictions', sha256(RESULTS[iouType])]]);
    for (const f of record.origin!.files) expect(sha256(path.join(ws, 'runs', record.id, f.name))).toBe(f.sha256);
    const coco = record.extras.cocoEval as { iouType: string; stats: Record<string, number>; classes: Array<{ ap: number }>; counts: Record<string, number> };
    expect(coco.iouType).toBe(iouType);
    COCO_STAT_NAMES.forEach((name, i) => expect(Math.abs(coco.stats[name]! - EXPECTED[iouType][i]!), name).toBeLessThanOrEqual(1e-10));
    // The counts, from the files themselves; the per-class APs average to AP over the classes that have objects.
    const gt = JSON.parse(readFileSync(GT, 'utf8')) as { images: unknown[]; annotations: unknown[]; categories: unknown[] };
    expect(coco.counts).toEqual({ images: gt.images.length, annotations: gt.annotations.length, detections: (JSON.parse(readFileSync(RESULTS[iouType], 'utf8')) as unknown[]).length });
    expect(coco.classes).toHaveLength(gt.categories.length);
    const counted = coco.classes.filter((c) => c.ap > -1);
    expect(counted.reduce((s, c) => s + c.ap, 0) / counted.length).toBeCloseTo(coco.stats.AP!, 12);
  });

  it('prints the 12 lines as pycocotools does, the worst classes, and where it was recorded; runs show and verify hold the record', async () => {
    const r = await runCli(['eval', '--annotations', GT, '--predictions', RESULTS.bbox, '--label', 'fake bbox', '--tag', 'coco', '--workspace', ws]);
    expect(r.code).toBe(0);
    // cocoapi's results/val2014_fake_eval_res.txt, the bbox block, line for line.
    expect(r.stdout).toContain([
      ' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.505',
      ' Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.697',
      ' Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.573',
      ' Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.586',
      ' Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.519',
      ' Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.501',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.387',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.594',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.595',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = 0.640',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.566',
      ' Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.564',
    ].join('\n'));
    expect(r.stdout).toMatch(/Worst 10 of \d+ classes with objects, by AP:/);
    const id = /Recorded as (\S+) in /.exec(r.stdout)?.[1];
    expect(id).toBeDefined();

    const show = await runCli(['runs', 'show', id!, '--workspace', ws]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('fake bbox');
    expect(show.stdout).toContain('imported');
    expect(show.stdout).toContain('instances_val2014_fakebbox100_results.json');
    const verify = await runCli(['runs', 'verify', '--workspace', ws]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('--iou-type bbox scores a segm file\'s boxes, as pycocotools would with iouType bbox', async () => {
    const r = await runCli(['eval', '--annotations', GT, '--predictions', RESULTS.segm, '--iou-type', 'bbox', '--json', '--workspace', ws]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.iouType).toBe('bbox');
    expect(out.AP).not.toBe(EXPECTED.segm[0]);
  });

  const bad: Array<[string, () => { gt: string; dt: string; names: string; says: RegExp }]> = [
    ['a missing file', () => ({ gt: GT, dt: path.join(scratch, 'absent.json'), names: 'absent.json', says: /no such file/ })],
    ['a file that is not JSON', () => ({ gt: GT, dt: writeScratch('truncated.json', readFileSync(RESULTS.bbox, 'utf8').slice(0, 500)), names: 'truncated.json', says: /not JSON/ })],
    ['annotations that are not a COCO instances file', () => ({ gt: writeScratch('not-instances.json', '{"images": []}'), dt: RESULTS.bbox, names: 'not-instances.json', says: /not a COCO instances file/ })],
    ['results that are an object, not a list', () => ({ gt: GT, dt: GT, names: 'instances_val2014_100.json', says: /JSON array of detections/ })],
    ['empty results', () => ({ gt: GT, dt: writeScratch('empty.json', '[]'), names: 'empty.json', says: /no detections/ })],
    ['an unknown category id', () => ({ gt: GT, dt: writeScratch('category.json', JSON.stringify([{ image_id: 42, category_id: 999, bbox: [1, 2, 3, 4], score: 0.5 }])), names: 'category.json', says: /results\[0\]\.category_id 999 is not a category/ })],
    ['an image id not in the annotations', () => ({ gt: GT, dt: writeScratch('image.json', JSON.stringify([{ image_id: 7, category_id: 18, bbox: [1, 2, 3, 4], score: 0.5 }])), names: 'image.json', says: /results\[0\]\.image_id 7 is not an image/ })],
    ['a file mixing boxes and masks', () => {
      const segm = JSON.parse(readFileSync(RESULTS.segm, 'utf8')) as unknown[];
      const box = JSON.parse(readFileSync(RESULTS.bbox, 'utf8')) as unknown[];
      return { gt: GT, dt: writeScratch('mixed.json', JSON.stringify([segm[0], box[1]])), names: 'mixed.json', says: /results\[0\] carries a segmentation and results\[1\] does not/ };
    }],
  ];

  it.each(bad)('refuses %s: exit 2, the file named, no stack, nothing recorded', async (_what, make) => {
    const { gt, dt, names, says } = make();
    const before = (await runCli(['runs', '--json', '--workspace', ws])).stdout;
    const r = await runCli(['eval', '--annotations', gt, '--predictions', dt, '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(names);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await runCli(['runs', '--json', '--workspace', ws])).stdout).toBe(before);
  });

  it('refuses an --iou-type it does not know, naming the flag', async () => {
    const r = await runCli(['eval', '--annotations', GT, '--predictions', RESULTS.bbox, '--iou-type', 'keypoints', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--iou-type keypoints');
  });
});
