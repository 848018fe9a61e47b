/** A number for a sentence: `digits` significant digits, no trailing zeros, no exponent for latencies. */
export function significant(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const rounded = Number(x.toPrecision(digits));
  // toPrecision switches to exponent form at 1e21 / below 1e-6 only through Number(); keep it plain.
  return Math.abs(rounded) >= 1e-6 && Math.abs(rounded) < 1e21 ? rounded.toString() : rounded.toExponential();
}
