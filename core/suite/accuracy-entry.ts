/**
 * A suite entry with `accuracy:` is an accuracy pass, not a timed run: the model on a labelled set,
 * decoded and scored, judged by its accuracy targets (map>=0.35, map-drop<=1pt). Its `reference`
 * names an earlier entry of the same suite by label (or a recorded run by id), so one suite measures
 * the FP32 reference and gates the variant's drop against it.
 *
 *   - label: yolo-int8 accuracy
 *     model: yolo-int8.onnx
 *     inputs: { resize: letterbox }
 *     targets: ["map-drop<=1pt"]
 *     accuracy:
 *       labels: { format: coco, annotations: val/instances.json, images: val/images }
 *       decoder: { name: yolo-v8 }
 *       reference: yolo-fp32 accuracy
 */
import path from 'node:path';
import { z } from 'zod';
import { LabelledSetRequestSchema } from '../api/labelled-set.js';
import { LabelledAccuracyCheckSchema } from '../api/output-check.js';
import { DecoderSpecSchema } from '../api/predictions.js';

export const AccuracyEntrySchema = z.strictObject({
  labels: LabelledSetRequestSchema,
  decoder: DecoderSpecSchema,
  reference: z.string().min(1).optional(),
  resamples: z.number().int().min(100).max(100_000).optional(),
  seed: z.number().int().min(0).optional(),
});

export type AccuracyCheck = z.output<typeof LabelledAccuracyCheckSchema>;

/** The entry's request as `edgelab eval MODEL --labels …` would send it; paths relative to the suite file. */
export function accuracyEntryRequest(merged: Record<string, unknown>, suiteDir: string): z.ZodSafeParseResult<AccuracyCheck> {
  const accuracy = AccuracyEntrySchema.safeParse(merged['accuracy']);
  if (!accuracy.success) return { success: false, error: new z.ZodError(accuracy.error.issues.map((i) => ({ ...i, path: ['accuracy', ...i.path] }))) } as z.ZodSafeParseResult<AccuracyCheck>;
  const a = accuracy.data;
  const inputs = (merged['inputs'] ?? {}) as Record<string, unknown>;
  const { kind: _kind, paths: _paths, ...preprocessing } = inputs;
  const session = (merged['session'] ?? {}) as { executionProviders?: unknown[] };
  const resolve = (p: string) => path.resolve(suiteDir, p);
  // The entry's engine, as a timed entry's; trtexec takes no provider.
  const engine = accuracyEngine(merged['engine'], resolve);
  return LabelledAccuracyCheckSchema.safeParse({
    kind: 'labelled',
    model: typeof merged['model'] === 'string' ? resolve(merged['model']) : merged['model'],
    labels: { ...a.labels, annotations: resolve(a.labels.annotations), images: resolve(a.labels.images), ...(a.labels.classes ? { classes: resolve(a.labels.classes) } : {}) },
    decoder: a.decoder.classes?.file ? { ...a.decoder, classes: { ...a.decoder.classes, file: resolve(a.decoder.classes.file) } } : a.decoder,
    preprocessing,
    ...(engine !== undefined ? { engine } : {}),
    ...(session.executionProviders?.[0] !== undefined && !isTrtexec(engine) ? { ep: session.executionProviders[0] } : {}),
    ...(a.reference ? { reference: a.reference } : {}),
    ...(merged['targets'] !== undefined ? { targets: merged['targets'] } : {}),
    ...(a.resamples !== undefined ? { resamples: a.resamples } : {}),
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(typeof merged['label'] === 'string' ? { label: merged['label'] } : {}),
  });
}

function isTrtexec(engine: unknown): boolean {
  return typeof engine === 'object' && engine !== null && (engine as { kind?: unknown }).kind === 'trtexec';
}

/** The calibration cache is a file beside the suite, as the labels are; the executable is found as a timed entry's is. */
function accuracyEngine(engine: unknown, resolve: (p: string) => string): unknown {
  if (!isTrtexec(engine)) return engine;
  const e = engine as Record<string, unknown>;
  return typeof e['calib'] === 'string' ? { ...e, calib: resolve(e['calib']) } : e;
}
