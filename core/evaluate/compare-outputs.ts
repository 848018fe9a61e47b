import { DEFAULT_OUTPUT_TOLERANCE } from '../api/output-tolerance.js';
/** Tolerances as onnx_test_runner applies them: |actual − expected| ≤ atol + rtol × |expected|. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = DEFAULT_OUTPUT_TOLERANCE;

export interface OutputDrift {
  name: string;
  elementCount: number;
  maxAbsError: number;
  /** Over elements whose expected value is not 0. */
  maxRelError: number;
  /** 1 when both are all zeros; NaN-free by construction. */
  cosineSimilarity: number;
  /** Elements outside the tolerance (NaN where the other is not NaN counts). */
  mismatchCount: number;
  passed: boolean;
}

/** How far `actual` is from `expected`, element by element, and whether it is within tolerance. */
export function compareValues(name: string, actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): OutputDrift {
  if (actual.length !== expected.length) {
    return { name, elementCount: expected.length, maxAbsError: Infinity, maxRelError: Infinity, cosineSimilarity: 0, mismatchCount: Math.max(actual.length, expected.length), passed: false };
  }
  let maxAbs = 0;
  let maxRel = 0;
  let dot = 0;
  let na = 0;
  let ne = 0;
  let mismatches = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e)) { mismatches++; maxAbs = Infinity; }
      continue;
    }
    const diff = a === e ? 0 : Math.abs(a - e);
    if (diff > maxAbs) maxAbs = diff;
    if (e !== 0 && diff / Math.abs(e) > maxRel) maxRel = diff / Math.abs(e);
    if (diff > tol.atol + tol.rtol * Math.abs(e)) mismatches++;
    dot += a * e;
    na += a * a;
    ne += e * e;
  }
  const cosine = na === 0 && ne === 0 ? 1 : na === 0 || ne === 0 ? 0 : dot / Math.sqrt(na * ne);
  return { name, elementCount: expected.length, maxAbsError: maxAbs, maxRelError: maxRel, cosineSimilarity: cosine, mismatchCount: mismatches, passed: mismatches === 0 };
}
