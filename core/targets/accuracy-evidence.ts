/**
 * Evidence for accuracy targets. An accuracy figure (mAP, mIoU, hmean) is exact for the labelled set
 * the pass ran on, so it is compared as a single measurement. A drop is the reference's figure minus
 * the variant's, in points (100 × the fraction), and carries the paired bootstrap interval over
 * images: the verdict passes only when the whole interval meets the bound, as a latency percentile's.
 */
import { dropOf, type AccuracyMetric, type DropMetric } from './target.js';

/** An accuracy pass's figures, as fractions, over `images` images of a named set. */
export interface AccuracyObservation {
  images: number;
  set: string;
  values: Partial<Record<AccuracyMetric, number>>;
}

/** variant − reference as fractions, and the percentile interval of that difference. */
export interface DropObservation {
  referenceRun: string;
  difference: number;
  low: number;
  high: number;
  resamples: number;
  confidence: number;
}

export interface Evidence {
  observed: number | null;
  low: number | null;
  high: number | null;
  method: string;
}

const NOT_AN_ACCURACY_PASS = 'not measured: accuracy comes from an accuracy pass (edgelab eval MODEL --labels … --decoder …), not from a timed run';

export function accuracyEvidence(metric: AccuracyMetric, accuracy: AccuracyObservation | undefined): Evidence {
  if (!accuracy) return { observed: null, low: null, high: null, method: NOT_AN_ACCURACY_PASS };
  const value = accuracy.values[metric];
  if (value === undefined || value < 0) {
    const why = value === undefined ? `the pass scored no ${metric} (a ${metric === 'miou' ? 'mask' : metric === 'hmean' ? 'text' : 'detection'} metric)` : `the set has no counted objects for ${metric}`;
    return { observed: null, low: null, high: null, method: `not measured: ${why}` };
  }
  return { observed: value, low: value, high: value, method: `single measurement: ${metric} ${round(value, 4)} on ${accuracy.images} image${accuracy.images === 1 ? '' : 's'} of ${accuracy.set}` };
}

export function dropEvidence(metric: DropMetric, drops: Partial<Record<AccuracyMetric, DropObservation>> | undefined): Evidence {
  const of = dropOf[metric];
  const drop = drops?.[of];
  if (!drop) {
    return { observed: null, low: null, high: null, method: `not measured: ${metric} needs a reference run (--reference RUN) scored on the same images` };
  }
  // A drop is a loss: reference − variant, so the interval's ends swap.
  const points = (fraction: number) => -fraction * 100;
  const observed = points(drop.difference);
  const low = points(drop.high);
  const high = points(drop.low);
  return {
    observed,
    low,
    high,
    method: `${Math.round(drop.confidence * 100)}% paired bootstrap CI for the ${of} drop [${round(low, 3)}, ${round(high, 3)}] pt against run ${drop.referenceRun}, ${drop.resamples} resamples over images`,
  };
}

function round(v: number, digits: number): number {
  return Number(v.toPrecision(digits));
}
