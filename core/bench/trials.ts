import { meanAndVariance, meanInterval, quantileSorted, sortedAscending } from '../stats/index.js';

export interface TrialSummary {
  index: number;
  iterations: number;
  medianMs: number;
  coefficientOfVariation: number;
  throughputPerS: number;
}

/**
 * Repeated trials answer a question one long run cannot: would the median come out the same if the
 * measurement were taken again? Within-trial variation is the spread of single inferences; between-
 * trial variation is the spread of the trials' medians. When the second is large next to the first,
 * something shifts between trials (clocks, caches, other load) and one trial's interval understates
 * the uncertainty.
 */
export interface TrialsReport {
  count: number;
  trials: TrialSummary[];
  /** stddev / mean of the trials' medians. */
  betweenTrialCv: number;
  /** Mean of the trials' own coefficients of variation. */
  withinTrialCv: number;
  /** Student's t 95 % interval of the mean of the trials' medians (exact: false below 2 trials). */
  medianOfTrialsMs: { mean: number; low: number; high: number; confidence: number; exact: boolean };
}

export function summarizeTrial(index: number, samplesMs: readonly number[], elapsedMs: number): TrialSummary {
  const { mean, variance } = meanAndVariance(samplesMs);
  return {
    index,
    iterations: samplesMs.length,
    medianMs: samplesMs.length > 0 ? quantileSorted(sortedAscending(samplesMs), 0.5) : 0,
    coefficientOfVariation: mean > 0 ? Math.sqrt(variance) / mean : 0,
    throughputPerS: elapsedMs > 0 ? (samplesMs.length * 1000) / elapsedMs : 0,
  };
}

export function trialsReport(trials: readonly TrialSummary[]): TrialsReport {
  const medians = trials.map((t) => t.medianMs);
  const { mean, variance } = meanAndVariance(medians);
  const interval = meanInterval(medians);
  return {
    count: trials.length,
    trials: [...trials],
    betweenTrialCv: mean > 0 ? Math.sqrt(variance) / mean : 0,
    withinTrialCv: trials.reduce((sum, t) => sum + t.coefficientOfVariation, 0) / Math.max(1, trials.length),
    medianOfTrialsMs: { mean: interval.mean, low: interval.low, high: interval.high, confidence: interval.confidence, exact: interval.exact },
  };
}
