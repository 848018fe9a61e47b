import type { LabErrorKind } from '../../../core/api/errors.js';
import type { OutputCheckRequest } from '../../../core/api/output-check.js';

/** A form value the lab would refuse, refused here first in the form's words (errorInfoOf reads it). */
export class FormError extends Error {
  readonly kind: LabErrorKind = 'usage';
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

/**
 * The symbolic dims' values as typed in the Check outputs form: every dim of the model needs a
 * whole number ≥ 1 for synthetic inputs, and a refusal names the form's field, not a CLI flag.
 */
export function checkDims(symbolicDims: readonly string[], typed: Readonly<Record<string, string>>): Record<string, number> {
  const dims: Record<string, number> = {};
  const missing = symbolicDims.filter((d) => (typed[d] ?? '').trim() === '');
  if (missing.length > 0) {
    throw new FormError(`No value for symbolic dim${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: synthetic inputs need the size of every dim the model leaves open.`, `Fill in "Value of symbolic dim ${missing[0]}", or give a test-data folder whose inputs have their shapes.`);
  }
  for (const dim of symbolicDims) {
    const text = (typed[dim] ?? '').trim();
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new FormError(`Value of symbolic dim ${dim}: ${text} is not a whole number ≥ 1.`, 'Give the size this dim has in the model\'s real inputs, e.g. 224.');
    dims[dim] = value;
  }
  return dims;
}

type Preprocessing = NonNullable<Extract<OutputCheckRequest, { kind: 'accuracy' }>['preprocessing']>;

/** The accuracy check's image options as typed: the same preprocessing as a run's `--images`. */
export interface PreprocessingForm {
  resize: 'stretch' | 'letterbox' | 'center-crop';
  imagenet: boolean;
  padValue: string;
  channelOrder: 'rgb' | 'bgr';
  layout: 'nchw' | 'nhwc';
  dtype: 'float32' | 'float16' | 'uint8';
  scale: string;
  size: string;
}

export const DEFAULT_PREPROCESSING: PreprocessingForm = { resize: 'stretch', imagenet: true, padValue: '', channelOrder: 'rgb', layout: 'nchw', dtype: 'float32', scale: '', size: '' };

const IMAGENET = { mean: [0.485, 0.456, 0.406] as [number, number, number], std: [0.229, 0.224, 0.225] as [number, number, number] };

/** A number as typed; empty is "the default", anything else unreadable becomes NaN for the schema to name. */
function optionalNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The form → the request's `preprocessing`; what is left empty keeps the lab's default. */
export function preprocessingRequest(form: PreprocessingForm): Preprocessing {
  const padValue = form.resize === 'letterbox' ? optionalNumber(form.padValue) : undefined;
  const scale = optionalNumber(form.scale);
  const [h, w] = form.size.trim() === '' ? [] : form.size.toLowerCase().split(/[x×]/).map((n) => Number(n.trim()));
  return {
    resize: form.resize,
    ...(form.imagenet ? IMAGENET : {}),
    ...(padValue !== undefined ? { padValue } : {}),
    channelOrder: form.channelOrder,
    layout: form.layout,
    dtype: form.dtype,
    ...(scale !== undefined ? { scale } : {}),
    ...(h !== undefined ? { size: [h, w ?? Number.NaN] as [number, number] } : {}),
  };
}
