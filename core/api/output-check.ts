import { z } from 'zod';
import { boundedText } from './bounded-text.js';
import { ExecutionProviderSchema, ImagesInputsSchema } from './run-spec.js';

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

export const OutputCheckRequestSchema = z.discriminatedUnion('kind', [ExpectedOutputsCheckSchema, AccuracyCheckSchema, ParityCheckSchema]);
export type OutputCheckRequest = z.input<typeof OutputCheckRequestSchema>;
export type ValidOutputCheckRequest = z.output<typeof OutputCheckRequestSchema>;
