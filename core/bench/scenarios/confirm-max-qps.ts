import type { MaxQpsConfirmationView } from '../../api/max-qps-view.js';
import { sortedAscending } from '../../stats/index.js';
import { evaluateTargets } from '../../targets/evaluate-targets.js';
import { parseTarget } from '../../targets/parse-target.js';
import type { LatencyBound } from './latency-bound.js';
import type { MaxQpsSearch } from './max-qps.js';

/**
 * One full-length run at a candidate rate, judged on the bound as a target verdict would be: the
 * shape the report and the app read (core/api/max-qps-view.ts), defined there once.
 */
export type QpsConfirmation = MaxQpsConfirmationView;

export interface ConfirmedRate<T> {
  /** The rate whose full-length run passed, or null when none did down to the last step. */
  confirmedQps: number | null;
  confirmations: QpsConfirmation[];
  /** The last run's measurement: at the confirmed rate, or at the lowest rate tried. */
  last: T;
}

export interface ConfirmOptions {
  /** Each step down multiplies the rate by this. */
  stepFactor: number;
  /** Runs after the first; the lowest rate tried is found × stepFactor^maxStepDowns. */
  maxStepDowns: number;
  /** Never step below this rate. */
  floorQps: number;
}

/** The record's `extras.maxQps`: the search, and the full-length runs that confirmed (or refused) its answer. */
export interface MaxQpsResult extends MaxQpsSearch {
  /** The rate the search's short trials found, before confirmation; null when none passed. */
  searchQps: number | null;
  confirmations: QpsConfirmation[];
  /** Set when no rate held: what was seen and what to do, in the numbers of this run. */
  noRate?: { message: string; hint: string };
}

export const CONFIRM_METHOD =
  'The rate found is then confirmed by a full-length run there (the run\'s own length, and at least as many queries as the percentile\'s 95 % interval needs), judged like a target verdict (its 95 % interval of the percentile must meet the bound); when it does not, the rate steps down by 20 % and runs again, at most 4 times. The rate reported is the one a full-length run held; the run\'s measurement is that run.';

export const CONFIRM_DEFAULTS: Omit<ConfirmOptions, 'floorQps'> = { stepFactor: 0.8, maxStepDowns: 4 };

/**
 * A search trial is short and is judged on its point percentile, so the rate it finds is the edge
 * of what one short trial could sustain: a full-length run there often misses the bound (in 7 of 8
 * searches on real models it did). The answer is confirmed the way the run's verdict is judged:
 * a full-length run at the rate must pass (its whole 95 % interval meets the bound); otherwise the
 * rate steps down by `stepFactor` and runs again, until one passes or the steps run out.
 */
export async function confirmMaxQps<T extends { samplesMs: readonly number[]; cancelled: boolean }>(
  foundQps: number,
  bound: LatencyBound,
  measureAt: (qps: number) => Promise<T>,
  options: ConfirmOptions,
): Promise<ConfirmedRate<T>> {
  const target = parseTarget(bound.expression);
  const confirmations: QpsConfirmation[] = [];
  let qps = foundQps;
  for (let step = 0; ; step++) {
    const run = await measureAt(qps);
    const sorted = sortedAscending(run.samplesMs);
    const [verdict] = evaluateTargets([target], { sortedSamplesMs: sorted });
    confirmations.push({
      qps,
      queries: run.samplesMs.length,
      observedMs: verdict?.observedValue ?? null,
      intervalLowMs: verdict?.intervalLow ?? null,
      intervalHighMs: verdict?.intervalHigh ?? null,
      status: verdict?.status ?? 'inconclusive',
    });
    if (verdict?.status === 'pass') return { confirmedQps: qps, confirmations, last: run };
    const next = qps * options.stepFactor;
    if (run.cancelled || step >= options.maxStepDowns || next < options.floorQps) return { confirmedQps: null, confirmations, last: run };
    qps = next;
  }
}
