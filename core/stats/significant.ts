import { plainNumber } from './plain-number.js';

/** A number for a sentence: `digits` significant digits without trailing zeros (31.2, not 31.20), never in scientific notation. */
export function significant(x: number, digits = 4): string {
  return plainNumber(x, digits);
}
