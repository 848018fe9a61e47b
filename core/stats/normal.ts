import { regularizedGammaQ } from './special-functions.js';

/**
 * P(|Z| >= |z|) for a standard normal Z. Computed as Q(1/2, z²/2) (the chi-square tail with one
 * degree of freedom) so that small p-values keep their relative precision instead of being
 * rounded away by 1 - Φ(z).
 */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return regularizedGammaQ(0.5, (z * z) / 2);
}

/** Φ(z), the standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  const tail = normalTwoSidedP(z) / 2;
  return z < 0 ? tail : 1 - tail;
}
