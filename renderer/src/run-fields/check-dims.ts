import type { LabErrorKind } from '../../../core/api/errors.js';

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
