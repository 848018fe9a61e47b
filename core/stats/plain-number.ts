/**
 * A number with `digits` significant digits in plain notation, never scientific: 0.000000119, not
 * 1.19e-7; 12346, not 1.235e+4. Tables and sentences are read by people who compare digits by
 * position; an exponent hides a factor of a thousand in two characters. Trailing zeros are
 * dropped (31.2, not 31.20) unless `keepZeros` is set for a column that aligns on the point.
 */
export function plainNumber(x: number, digits = 4, keepZeros = false): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  // toFixed itself switches to an exponent at 1e21; whole numbers that large print through BigInt.
  if (Math.abs(x) >= 1e21) return BigInt(Math.round(x)).toString();
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.min(100, Math.max(0, digits - 1 - magnitude));
  // Rounding can carry into a new digit (9.9995 → 10.00): recompute from the rounded value.
  let text = x.toFixed(decimals);
  const rounded = Math.floor(Math.log10(Math.abs(Number(text)) || 1));
  if (rounded > magnitude && decimals > 0) text = x.toFixed(decimals - 1);
  if (!keepZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  return text;
}
