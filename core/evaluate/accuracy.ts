import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun } from '../api/run-record.js';
import { RunSpecSchema, type ImagesInputs, type SessionSettings } from '../api/run-spec.js';
import { imageBatchTensor, readImages, resolveImageInput, type EncodedImage } from '../inputs/images/image-input.js';
import { inspectModel } from '../model/inspect.js';
import type { Feeds, OrtTensor } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { checkLabelCount, readLabels, topK } from './classification.js';
import { completedRecord } from './evaluation-record.js';
import { labelledImages, type LabelledImage } from './labelled-images.js';
import { timedRun } from './session-run.js';
import { tensorValues } from './tensor-values.js';

export interface AccuracyOptions {
  /** Preprocessing (resize, normalisation, layout …); `kind` and `paths` are set from the folder. */
  preprocessing?: Partial<Omit<ImagesInputs, 'kind' | 'paths'>>;
  session?: Partial<SessionSettings>;
  modelInfo?: ModelInfo;
  label?: string;
}

/** What `extras.accuracy` holds. */
export interface AccuracyResult {
  imagesDir: string;
  labelsFile: string;
  imageCount: number;
  classCount: number;
  top1: number;
  top5: number;
  perClass: Array<{ label: string; images: number; top1: number }>;
  /** Up to 20 misclassified images, for a first look at what goes wrong. */
  misclassified: Array<{ file: string; expected: string; predicted: string; score: number }>;
}

/**
 * Top-1 / top-5 accuracy on a labelled image folder (`class_name/image.jpg`), one image per
 * inference; the model's first output scores the classes (softmax applied unless it already is a
 * distribution).
 */
export async function evaluateAccuracy(model: string, imagesDir: string, labelsFile: string, options: AccuracyOptions = {}): Promise<CompletedRun> {
  const startedAt = new Date().toISOString();
  const info = options.modelInfo ?? (await inspectModel(model));
  const spec = RunSpecSchema.parse({
    model,
    ...(options.label ? { label: options.label } : {}),
    tags: ['accuracy'],
    inputs: { ...options.preprocessing, kind: 'images', paths: [imagesDir] },
    session: options.session ?? {},
  });
  const preprocessing = spec.inputs as ImagesInputs;
  const target = resolveImageInput(model, info.inputs, preprocessing);
  const output = info.outputs[0];
  const labels = await readLabels(labelsFile);
  const classCount = (output?.shape ?? []).slice(1).reduce<number>((a, d) => a * (typeof d === 'number' ? d : Number.NaN), 1);
  if (output && Number.isFinite(classCount)) checkLabelCount(labelsFile, labels, model, output.name, classCount);
  const items = await labelledImages(imagesDir, labels, labelsFile);

  const created = await createSession(model, spec.session);
  try {
    const samplesMs: number[] = [];
    let top1 = 0;
    let top5 = 0;
    const perClass = labels.map((label) => ({ label, images: 0, top1: 0 }));
    const misclassified: AccuracyResult['misclassified'] = [];
    let firstFeeds: Feeds | undefined;
    const started = performance.now();
    for (let i = 0; i < items.length; i += target.batch) {
      const batch = items.slice(i, i + target.batch);
      const images: EncodedImage[] = await readImages(batch.map((b) => b.file));
      const feeds: Feeds = { [target.name]: await imageBatchTensor(images, target, preprocessing) };
      firstFeeds ??= feeds;
      const run = await timedRun(created.session, feeds);
      samplesMs.push(run.ms);
      const scores = tensorValues(run.outputs[output?.name ?? ''] as OrtTensor);
      const perImage = scores.length / target.batch;
      if (output && !Number.isFinite(classCount)) checkLabelCount(labelsFile, labels, model, output.name, perImage);
      batch.forEach((item: LabelledImage, k) => {
        const best = topK(scores.subarray(k * perImage, (k + 1) * perImage), 5, labels);
        const hit1 = best[0]?.index === item.classIndex;
        const cls = perClass[item.classIndex] as AccuracyResult['perClass'][number];
        cls.images++;
        if (hit1) { top1++; cls.top1++; }
        else if (misclassified.length < 20) {
          misclassified.push({ file: item.file, expected: labels[item.classIndex] ?? '', predicted: best[0]?.label ?? '', score: best[0]?.score ?? 0 });
        }
        if (best.some((b) => b.index === item.classIndex)) top5++;
      });
    }
    const elapsedMs = performance.now() - started;
    const accuracy: AccuracyResult = {
      imagesDir, labelsFile, imageCount: items.length, classCount: labels.length,
      top1: top1 / items.length, top5: top5 / items.length,
      perClass: perClass.filter((c) => c.images > 0).map((c) => ({ ...c, top1: c.top1 / c.images })),
      misclassified,
    };
    return completedRecord(spec, info, {
      startedAt, sessionCreateMs: created.sessionCreateMs, firstInferenceMs: samplesMs[0] ?? 0, warmupIterations: 0, warmupMs: 0,
      samplesMs, elapsedMs, distinctInputSets: items.length, inputs: firstFeeds ?? {},
    }, { accuracy });
  } finally {
    await created.session.release();
  }
}
