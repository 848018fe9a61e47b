import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { LabelledSetRequestSchema } from './labelled-set.js';
import { DecoderSpecSchema } from './predictions.js';
import { EngineSchema, ExecutionProviderSchema, ImagesInputsSchema } from './run-spec.js';

/**
 * What `edgelab eval` and `edgelab parity` check, as one request the app can send: expected
 * outputs from an ONNX test-data folder, top-1/top-5 accuracy on labelled images, or parity of two
 * models or two providers. The field names follow the CLI's flags. zod only: importable from a browser.
 */

const tolerance = z.strictObject({ atol: z.number().min(0).optional(), rtol: z.number().min(0).optional() });
const label = boundedText('label').min(1).optional();
/** `--no-save`: the check is made and answered, but no record is kept in the workspace. */
const save = z.boolean().optional();

/**
 * `edgelab eval MODEL --test-data DIR [--atol X --rtol X --ep NAME]`; with `saveExpected` the
 * model's outputs are written as the set's expected outputs instead (`force`: over ones it has).
 */
export const ExpectedOutputsCheckSchema = z.strictObject({
  kind: z.literal('expected-outputs'),
  model: z.string().min(1),
  testData: z.string().min(1),
  tolerance: tolerance.optional(),
  ep: ExecutionProviderSchema.optional(),
  saveExpected: z.boolean().optional(),
  force: z.boolean().optional(),
  label,
  save,
});

/** `edgelab eval MODEL --images DIR --labels FILE [image flags]`: the image options as in a run spec. */
export const AccuracyCheckSchema = z.strictObject({
  kind: z.literal('accuracy'),
  model: z.string().min(1),
  images: z.string().min(1),
  labels: z.string().min(1),
  preprocessing: ImagesInputsSchema.omit({ kind: true, paths: true }).partial().optional(),
  ep: ExecutionProviderSchema.optional(),
  label,
  save,
});

/** `edgelab parity MODEL [MODEL_B] [--ep A --ep B] [--test-data DIR | --seed N --sets N --dim NAME=V]` */
export const ParityCheckSchema = z.strictObject({
  kind: z.literal('parity'),
  model: z.string().min(1),
  candidateModel: z.string().min(1).optional(),
  providers: z.array(ExecutionProviderSchema).max(2).optional(),
  testData: z.string().min(1).optional(),
  seed: z.number().int().min(0).optional(),
  sets: z.number().int().min(1).max(10_000).optional(),
  dims: z.record(z.string(), z.number().int().positive()).optional(),
  tolerance: tolerance.optional(),
  label,
  save,
});

/**
 * `edgelab eval MODEL --labels FORMAT --annotations PATH --images DIR --decoder NAME [--reference RUN]
 * [--target …]`: the model run on a labelled set image by image, untimed, its outputs decoded and
 * scored (COCO mAP, mIoU, hmean); with a reference run, the drop with its paired bootstrap interval.
 */
export const LabelledAccuracyCheckSchema = z.strictObject({
  kind: z.literal('labelled'),
  model: z.string().min(1),
  labels: LabelledSetRequestSchema,
  decoder: DecoderSpecSchema,
  preprocessing: ImagesInputsSchema.omit({ kind: true, paths: true }).partial().optional(),
  ep: ExecutionProviderSchema.optional(),
  /**
   * What runs the model: ONNX Runtime (absent, or `ort`, with `ep`), or trtexec with the settings
   * `edgelab bench --engine trtexec` takes; INT8 there needs `calib` or a Q/DQ model.
   */
  engine: EngineSchema.optional(),
  /** The run (an accuracy pass on the same images) to measure the drop against. */
  reference: z.string().min(1).optional(),
  /** Accuracy targets: map>=0.35, miou>=0.9, map-drop<=1pt (the drops need a reference). */
  targets: z.array(boundedText('target')).max(32).optional(),
  /** Bootstrap resamples for the drop's interval (default 1000), and the generator's seed (default 1). */
  resamples: z.number().int().min(100).max(100_000).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  label,
  save,
});

export const OutputCheckRequestSchema = z.discriminatedUnion('kind', [ExpectedOutputsCheckSchema, AccuracyCheckSchema, ParityCheckSchema, LabelledAccuracyCheckSchema]);
export type OutputCheckRequest = z.input<typeof OutputCheckRequestSchema>;
export type ValidOutputCheckRequest = z.output<typeof OutputCheckRequestSchema>;
