import type { LatencyBound } from './latency-bound.js';
import type { QpsConfirmation } from './confirm-max-qps.js';
import type { QpsTrial } from './max-qps.js';

export interface NoRateFacts {
  bound: LatencyBound;
  /** The percentile's name as the bound writes it, e.g. 'p99'. */
  percentile: string;
  /** Median of the warm-up: one inference with nothing else in flight. */
  unloadedMedianMs: number;
  /** What the search found from its short trials, or null when none passed. */
  searchQps: number | null;
  trials: readonly QpsTrial[];
  confirmations: readonly QpsConfirmation[];
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 0.01 ? x.toFixed(2) : String(+x.toPrecision(2)));
const qps = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Why no rate met the bound, and what to do, from the numbers the run has: a bound under one
 * unloaded inference needs a faster model, not a lower rate; a bound the tail breaks even when the
 * machine is nearly idle needs a looser bound or a quieter machine; short trials that passed where
 * full-length runs failed point at latency that grows with sustained load.
 */
export function noRateAdvice(f: NoRateFacts): { message: string; hint: string } {
  const limit = `${ms(f.bound.thresholdMs)} ms`;
  const lowest = f.confirmations.at(-1);
  const seen = lowest?.observedMs ?? [...f.trials].reverse().find((t) => t.observedMs !== null)?.observedMs ?? null;
  const lowestQps = lowest?.qps ?? Math.min(...f.trials.map((t) => t.qps));
  const at = `at ${qps(lowestQps)} QPS the ${f.percentile} was ${seen === null ? 'not measured (no query completed)' : `${ms(seen)} ms`}`;
  const message = `No rate met ${f.bound.expression}: ${at}.`;

  if (f.unloadedMedianMs >= f.bound.thresholdMs) {
    return {
      message,
      hint: `One inference alone takes ${ms(f.unloadedMedianMs)} ms here (warm-up median), at or over the ${limit} bound, so no rate can meet it: make the model faster (provider, threads, a smaller input or model) or set the bound above ${ms(f.unloadedMedianMs)} ms.`,
    };
  }
  if (f.searchQps !== null && f.confirmations.length > 0) {
    const first = f.confirmations[0] as QpsConfirmation;
    return {
      message,
      hint: `The search's short trials kept the bound up to ${qps(f.searchQps)} QPS, but full-length runs from ${qps(first.qps)} down to ${qps(lowestQps)} QPS did not: latency grows under sustained load here (heat, other work, memory). Try --qps below ${qps(lowestQps)}, longer search trials (--trial-duration), or a bound near the ${f.percentile} seen (${seen === null ? '–' : `${ms(seen)} ms`}).`,
    };
  }
  const busy = Math.min(100, (lowestQps * f.unloadedMedianMs) / 10);
  const slowest = `${+((1 - f.bound.quantile) * 100).toFixed(2)} %`;
  return {
    message,
    hint: `One inference takes about ${ms(f.unloadedMedianMs)} ms unloaded, under the ${limit} bound, and at ${qps(lowestQps)} QPS the model is busy only about ${busy.toFixed(0)} % of the time: the slowest ${slowest} of queries, not the rate, break the bound. Loosen the bound towards ${seen === null ? `the ${f.percentile} of an unloaded run` : `${ms(seen)} ms`}, or quiet the machine (other jobs, fewer threads) and run again.`,
  };
}
