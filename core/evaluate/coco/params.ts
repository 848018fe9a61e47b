/**
 * COCOeval's default parameters for bbox and segm, built with the same floating-point steps as
 * pycocotools (np.linspace), so that the thresholds are the same doubles and `iouThr == .75` finds
 * its row as it does there.
 */
export interface AreaRange {
  label: 'all' | 'small' | 'medium' | 'large';
  min: number;
  max: number;
}

export interface EvalParams {
  /** IoU thresholds .50:.05:.95. */
  iouThrs: Float64Array;
  /** Recall points 0:.01:1 at which precision is read. */
  recThrs: Float64Array;
  /** Most detections per image counted, ascending; the last one caps each image's list. */
  maxDets: number[];
  areaRanges: AreaRange[];
}

/** np.linspace(start, stop, num) with endpoint: k*step + start, and the last value set to stop. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let k = 0; k < num; k++) out[k] = k * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

export function defaultParams(): EvalParams {
  return {
    iouThrs: linspace(0.5, 0.95, Math.round((0.95 - 0.5) / 0.05) + 1),
    recThrs: linspace(0, 1, Math.round((1 - 0) / 0.01) + 1),
    maxDets: [1, 10, 100],
    areaRanges: [
      { label: 'all', min: 0 ** 2, max: 1e5 ** 2 },
      { label: 'small', min: 0 ** 2, max: 32 ** 2 },
      { label: 'medium', min: 32 ** 2, max: 96 ** 2 },
      { label: 'large', min: 96 ** 2, max: 1e5 ** 2 },
    ],
  };
}

/**
 * np.mean of a float64 vector: numpy sums by pairwise summation (8-way unrolled blocks of at most
 * 128), which can differ from a plain loop in the last bits.
 */
export function numpyMean(values: ArrayLike<number>): number {
  return pairwiseSum(values, 0, values.length) / values.length;
}

function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i] as number;
    return res;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = a[start + j] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (a[start + i + j] as number);
    const s = (j: number) => r[j] as number;
    let res = s(0) + s(1) + (s(2) + s(3)) + (s(4) + s(5) + (s(6) + s(7)));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}
