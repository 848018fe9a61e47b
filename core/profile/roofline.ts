import type { MachinePeaks } from './peaks.js';

export type Bound = 'compute' | 'memory';

export interface RooflinePoint {
  bound: Bound;
  /** min(peak compute, intensity × peak bandwidth), GFLOP/s. */
  attainableGflopsPerS: number;
  /** Achieved / attainable, 0..1 (can exceed 1 when caches beat the measured DRAM bandwidth). */
  roofFraction: number;
}

/**
 * Places a kernel on the machine's roofline. Only meaningful for kernels that ran where the peaks
 * were measured: a CUDA kernel against CPU peaks says nothing, so other providers get null.
 */
export function rooflinePoint(
  intensity: number | null,
  gflopsPerS: number | null,
  provider: string,
  peaks: MachinePeaks | null,
): RooflinePoint | null {
  if (!peaks || provider !== peaks.provider || intensity === null || gflopsPerS === null || intensity <= 0) return null;
  const attainable = Math.min(peaks.computeGflopsPerS, intensity * peaks.bandwidthGBPerS);
  return {
    bound: intensity < peaks.ridgeFlopsPerByte ? 'memory' : 'compute',
    attainableGflopsPerS: attainable,
    roofFraction: attainable > 0 ? gflopsPerS / attainable : 0,
  };
}

