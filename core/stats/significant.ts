/** A number for a sentence: `digits` significant digits without trailing zeros (31.2, not 31.20). */
export function significant(x: number, digits = 4): string {
  return String(Number(x.toPrecision(digits)));
}
