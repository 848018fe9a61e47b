/**
 * The drop of a variant's accuracy against a reference run's, with a paired bootstrap interval over
 * images: each resample draws image indices with replacement (the same draw for both runs, which is
 * what makes it paired), scores both runs on it from their cached per-image results, and keeps the
 * difference; the interval is the percentiles of those differences. The generator is seeded, so the
 * same runs give the same interval everywhere.
 */
import { mulberry32 } from '../../inputs/prng.js';
import { quantileSorted, QUANTILE_DEFINITION } from '../../stats/quantile.js';

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 1;
export const BOOTSTRAP_CONFIDENCE = 0.95;

/** A metric of one run over a weighting of its images (weights[i]: how often image i was drawn). */
export type WeightedMetric = (weights: Float64Array) => number;

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  confidence?: number;
}

export interface PairedDrop {
  /** The metric on all images, each once. */
  reference: number;
  variant: number;
  /** variant − reference, in the metric's own unit (a fraction for mAP). */
  difference: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
  /** Resamples where either metric was undefined (-1: no counted object drawn), left out of the interval. */
  undefinedResamples: number;
  seed: number;
  images: number;
  method: string;
}

export function pairedBootstrap(images: number, reference: WeightedMetric, variant: WeightedMetric, options: BootstrapOptions = {}): PairedDrop {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const confidence = options.confidence ?? BOOTSTRAP_CONFIDENCE;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive whole number, not ${resamples}`);
  if (images < 1) throw new RangeError('a bootstrap over no images is undefined');
  const weights = new Float64Array(images).fill(1);
  const ref = reference(weights);
  const vari = variant(weights);
  const random = mulberry32(seed);
  const differences: number[] = [];
  let undefinedResamples = 0;
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    for (let i = 0; i < images; i++) {
      const j = Math.floor(random() * images);
      weights[j] = (weights[j] as number) + 1;
    }
    const r = reference(weights);
    const v = variant(weights);
    if (r === -1 || v === -1) undefinedResamples++;
    else differences.push(v - r);
  }
  const sorted = Float64Array.from(differences).sort();
  const tail = (1 - confidence) / 2;
  const list = Array.from(sorted);
  const low = list.length > 0 ? quantileSorted(list, tail) : Number.NaN;
  const high = list.length > 0 ? quantileSorted(list, 1 - tail) : Number.NaN;
  return {
    reference: ref,
    variant: vari,
    difference: vari - ref,
    low,
    high,
    confidence,
    resamples,
    undefinedResamples,
    seed,
    images,
    method:
      `paired bootstrap over ${images} image${images === 1 ? '' : 's'}: ${resamples} resamples with replacement (mulberry32, seed ${seed}), ` +
      `${Math.round(confidence * 100)} % percentile interval of variant − reference. ${QUANTILE_DEFINITION}`,
  };
}
