import { LABEL_FORMATS } from '../api/labelled-set.js';
import { OutputCheckRequestSchema } from '../api/output-check.js';
import { DECODER_DEFAULTS, DECODER_NAMES } from '../api/predictions.js';

/** The choices and stated defaults the app's accuracy-pass form offers, as the CLI's help states them. */
export const LABEL_FORMAT_CHOICES = LABEL_FORMATS;
export const DECODER_CHOICES = DECODER_NAMES;
export const DECODER_DEFAULT_VALUES = DECODER_DEFAULTS;

/** The request paths a refusal can be shown beside; any other refusal shows under the form. */
export const LABELLED_FIELD_PATHS = [
  'labels.format', 'labels.annotations', 'labels.images', 'labels.classes', 'labels.ignoreValue', 'decoder.name', 'decoder.scoreThreshold', 'decoder.iouThreshold',
  'decoder.maxDetections', 'decoder.maskThreshold', 'decoder.output', 'reference', 'resamples', 'targets', 'engine.precision', 'engine.calib',
];

/**
 * What the request's own schema refuses in a request before it is sent, worded with the field's path
 * and, where the form has that field, the path to show it beside; null when the schema takes it.
 */
export function requestRefusal(request: unknown): { message: string; field?: string } | null {
  const checked = OutputCheckRequestSchema.safeParse(request);
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const path = (issue?.path ?? []).join('.');
  const field = LABELLED_FIELD_PATHS.find((p) => path === p || path.startsWith(`${p}.`));
  return { message: `${path || 'request'}: ${issue?.message ?? 'not valid'}.`, ...(field ? { field } : {}) };
}
