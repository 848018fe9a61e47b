/**
 * How long does edgelab's COCOeval take at COCO val2017 scale? Makes a synthetic ground truth of
 * 5,000 images (about 7 objects each, 80 categories, sizes spanning small to large, a few crowd
 * regions) and 100 box detections per image (jittered copies of the objects and random boxes), then
 * times reading both and scoring them (evaluate, accumulate, summarize). In the same process it
 * times a baseline: the box IoUs alone, for the same (image, category) pairs, the work no COCO
 * evaluator can skip; the ratio says what matching and accumulation cost on top of it.
 * Both are written to files (`--write DIR`, or a temporary folder) and, where the reference
 * evaluators import (bench/coco-reference.ts: EDGELAB_COCO_PYTHONPATH, as
 * scripts/coco/build-reference-cocoeval.sh builds them), faster_coco_eval's C++ and pycocotools
 * score the same files; edgelab's side of that comparison reads the results file as theirs does
 * (loadRes), the ground truth being loaded beforehand on both sides. pycocotools runs once: it takes
 * minutes at this scale. `--references none` skips them.
 * Then it times the drop's paired bootstrap (`--resamples`, default 1000) of a variant whose boxes
 * on every tenth image are shifted, re-accumulating the cached per-image matches of both runs for
 * each resample, with one full COCOeval as the baseline of the ratio.
 *
 *   node dist/bench/coco.js [--images 5000] [--repeats 3] [--seed 1] [--resamples 1000] [--write DIR]
 *                        [--references faster_coco_eval,pycocotools|none]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateCoco } from '../core/evaluate/coco/coco-eval.js';
import { cocoImageMatches } from '../core/evaluate/drop/coco-image-matches.js';
import { ApScratch, prepareAp, weightedAp } from '../core/evaluate/drop/coco-reaccumulate.js';
import { pairedBootstrap } from '../core/evaluate/drop/paired-bootstrap.js';
import { readGroundTruth } from '../core/evaluate/coco/dataset.js';
import { boxIous } from '../core/evaluate/coco/iou.js';
import { readResults } from '../core/evaluate/coco/results.js';
import { STAT_NAMES } from '../core/evaluate/coco/summarize.js';
import { REFERENCES, timeReference, unavailable, type Reference } from './coco-reference.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '5000' },
    repeats: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    resamples: { type: 'string', default: '1000' },
    write: { type: 'string' },
    references: { type: 'string', default: REFERENCES.join(',') },
  },
});
const imageCount = Math.max(1, Number(values.images));
const repeats = Math.max(1, Number(values.repeats));
let seed = Number(values.seed) >>> 0 || 1;
/** xorshift32: the same data for the same seed on every machine. */
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}
const int = (n: number) => Math.floor(random() * n);
const round2 = (v: number) => Math.round(v * 100) / 100;

function synthetic() {
  const categories = Array.from({ length: 80 }, (_, i) => ({ id: i + 1, name: `class${i + 1}` }));
  const images = Array.from({ length: imageCount }, (_, i) => ({ id: i + 1, width: 640, height: 480 }));
  const annotations: object[] = [];
  const results: object[] = [];
  for (const im of images) {
    const objects = 1 + int(13);
    const dets: object[] = [];
    for (let o = 0; o < objects; o++) {
      // Log-uniform sides from 4 to 400 pixels: about as many small as medium and large objects.
      const w = round2(4 * 100 ** random());
      const h = round2(Math.min(470, w * (0.5 + random())));
      const x = round2(random() * (640 - Math.min(w, 639)));
      const y = round2(random() * (480 - h));
      const categoryId = 1 + int(80);
      const iscrowd = random() < 0.01 ? 1 : 0;
      annotations.push({ id: annotations.length + 1, image_id: im.id, category_id: categoryId, bbox: [x, y, w, h], area: round2(w * h), iscrowd });
      for (let k = 0; k < 3 && dets.length < 100; k++) {
        // Shifted and scaled by up to 15 % of the object's size: IoUs spread over the thresholds.
        const j = () => (random() - 0.5) * 0.3;
        const box = [round2(x + w * j()), round2(y + h * j()), round2(w * (1 + j())), round2(h * (1 + j()))];
        dets.push({ image_id: im.id, category_id: random() < 0.9 ? categoryId : 1 + int(80), bbox: box, score: round2(0.3 + 0.7 * random()) });
      }
    }
    while (dets.length < 100) {
      const w = round2(4 * 100 ** random());
      const h = round2(Math.min(470, w * (0.5 + random())));
      dets.push({ image_id: im.id, category_id: 1 + int(80), bbox: [round2(random() * (640 - Math.min(w, 639))), round2(random() * (480 - h)), w, h], score: round2(random() * 0.6) });
    }
    results.push(...dets);
  }
  return { gt: { images, categories, annotations }, results };
}

/** Median wall time, and the CPU time (user + system) of the same run, in ms. */
function median(work: () => void): { wall: number; cpu: number } {
  const runs: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    work();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    runs.push({ wall, cpu: (c.user + c.system) / 1000 });
  }
  runs.sort((a, b) => a.wall - b.wall);
  return runs[Math.floor(runs.length / 2)] as { wall: number; cpu: number };
}

const data = synthetic();
const gtText = JSON.stringify(data.gt);
const resultsText = JSON.stringify(data.results);
const dir = values.write ?? mkdtempSync(path.join(tmpdir(), 'bench-coco-'));
mkdirSync(dir, { recursive: true });
const gtFile = path.join(dir, 'gt.json');
const resultsFile = path.join(dir, 'results.json');
writeFileSync(gtFile, gtText);
writeFileSync(resultsFile, resultsText);
if (values.write) console.log(`wrote ${gtFile} and ${resultsFile}`);

const gt = readGroundTruth(JSON.parse(gtText), 'gt.json');
const results = readResults(JSON.parse(resultsText), gt, 'results.json');
// One untimed pass of each, so neither pays the JIT's first compile in its median.
let stats = evaluateCoco(gt, results, 'bbox').stats;

const read = median(() => {
  const g = readGroundTruth(JSON.parse(gtText), 'gt.json');
  readResults(JSON.parse(resultsText), g, 'results.json');
});
const scored = median(() => (stats = evaluateCoco(gt, results, 'bbox').stats));

const pairs = new Map<string, { g: (typeof gt.annotations)[number][]; d: (typeof results.detections)[number][] }>();
for (const o of gt.annotations) {
  const key = `${o.imageId}/${o.categoryId}`;
  pairs.set(key, { g: [...(pairs.get(key)?.g ?? []), o], d: pairs.get(key)?.d ?? [] });
}
for (const o of results.detections) pairs.get(`${o.imageId}/${o.categoryId}`)?.d.push(o);
const ious = median(() => {
  for (const { g, d } of pairs.values()) boxIous(d.map((x) => x.bbox), g.map((x) => x.bbox), g.map((x) => x.iscrowd));
});

const n = results.detections.length;
const ms = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(0)} ms (CPU ${r.cpu.toFixed(0)} ms)`;
console.log(
  `${imageCount} images, ${gt.annotations.length} objects, ${n} box detections, 80 categories (synthetic, seed ${values.seed})\n` +
    `  read ground truth and results (JSON.parse included): ${ms(read)}\n` +
    `  COCOeval bbox (evaluate, accumulate, summarize), median of ${repeats}: ${ms(scored)}; ` +
    `${((imageCount / scored.wall) * 1000).toFixed(0)} images/s, ${((n / scored.wall) * 1000 / 1e6).toFixed(2)} M detections/s\n` +
    `  baseline, box IoUs alone for the same pairs: ${ms(ious)}; COCOeval / IoUs ratio ${(scored.wall / ious.wall).toFixed(1)}\n` +
    `  AP ${stats.AP.toFixed(4)}  AP50 ${stats.AP50.toFixed(4)}  AR100 ${stats.AR100.toFixed(4)}`,
);
compareWithReferences();
if (!values.write) rmSync(dir, { recursive: true, force: true });

// The drop: a variant whose boxes on every tenth image moved by a fifth of their width.
const resamples = Math.max(1, Number(values.resamples));
const imageIds = gt.images.map((im) => im.id);
const shifted = (JSON.parse(resultsText) as Array<{ image_id: number; bbox: number[] }>).map((d) =>
  d.image_id % 10 === 0 ? { ...d, bbox: [(d.bbox[0] as number) + (d.bbox[2] as number) / 5, d.bbox[1], d.bbox[2], d.bbox[3]] } : d);
const referenceAp = prepareAp(cocoImageMatches(evaluateCoco(gt, results, 'bbox'), imageIds), { iouThr: null });
const variantAp = prepareAp(cocoImageMatches(evaluateCoco(gt, readResults(shifted, gt, 'shifted.json'), 'bbox'), imageIds), { iouThr: null });
const c0 = process.cpuUsage();
const t0 = performance.now();
const [sr, sv] = [new ApScratch(), new ApScratch()];
const drop = pairedBootstrap(imageIds.length, (w) => weightedAp(referenceAp, w, sr), (w) => weightedAp(variantAp, w, sv), { resamples });
const boot = { wall: performance.now() - t0, cpu: ((c => c.user + c.system)(process.cpuUsage(c0))) / 1000 };
const pt = (v: number) => (v * 100).toFixed(2);
console.log(
  `  paired bootstrap of the mAP drop, ${imageCount} images x ${resamples} resamples (re-accumulating cached matches): ${ms(boot)}; ` +
    `bootstrap / one COCOeval ratio ${(boot.wall / scored.wall).toFixed(1)}\n` +
    `  mAP ${pt(drop.difference)} points (95 % CI ${pt(drop.low)} to ${pt(drop.high)})`,
);

/**
 * edgelab and each reference evaluator on the same files: the results file read and parsed
 * (their loadRes), evaluate, accumulate, summarize; the ground truth loaded beforehand on both sides.
 */
function compareWithReferences(): void {
  const wanted = values.references === 'none' ? [] : (values.references.split(',') as Reference[]);
  const unknown = wanted.filter((r) => !REFERENCES.includes(r));
  if (unknown.length) throw new Error(`--references: ${unknown.join(', ')} is not one of ${REFERENCES.join(', ')} or none`);
  if (!wanted.length) return;
  const fileGt = readGroundTruth(JSON.parse(readFileSync(gtFile, 'utf8')), gtFile);
  let own: number[] = [];
  const edgelab = median(() => {
    const e = evaluateCoco(fileGt, readResults(JSON.parse(readFileSync(resultsFile, 'utf8')), fileGt, resultsFile), 'bbox');
    own = STAT_NAMES.map((k) => e.stats[k]);
  });
  console.log(`  from the files (${dir}), results read + COCOeval bbox, median of ${repeats}: edgelab ${ms(edgelab)}`);
  for (const impl of wanted) {
    const why = unavailable(impl);
    if (why) {
      console.log(`  ${impl}: not timed, ${why}`);
      continue;
    }
    const runs = impl === 'pycocotools' ? 1 : repeats;
    const ref = timeReference(impl, gtFile, resultsFile, 'bbox', runs);
    const differs = Math.max(...ref.stats.map((v, i) => Math.abs(v - (own[i] as number))));
    const phases = Object.entries(ref.phases).map(([k, v]) => `${k} ${(v * 1000).toFixed(0)}`).join(', ');
    console.log(
      `  ${impl} ${ref.version} (Python ${ref.python}), ${runs === 1 ? 'one run' : `median of ${runs}`}: ` +
        `${(ref.wall * 1000).toFixed(0)} ms (CPU ${(ref.cpu * 1000).toFixed(0)} ms; ${phases} ms)\n` +
        `    edgelab / ${impl}: wall ${(edgelab.wall / (ref.wall * 1000)).toFixed(2)}, CPU ${(edgelab.cpu / (ref.cpu * 1000)).toFixed(2)}` +
        ` (below 1: edgelab is faster); largest difference over the 12 stats ${differs.toExponential(1)}`,
    );
  }
}
