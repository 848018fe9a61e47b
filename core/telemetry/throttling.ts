import { quantileSorted, sortedAscending } from '../stats/index.js';
import { available, unavailable, type Reading } from './reading.js';

/** A clock drop or latency rise under this many percent is ordinary jitter, not throttling. */
export const THROTTLING_THRESHOLD_PERCENT = 5;

export interface ThrottlingCheck {
  /** Median clock of the last tenth of telemetry samples against the first tenth, in percent. */
  clockChangePercent: Reading<number>;
  /** Median latency of the last tenth of the run against the first tenth, in percent. */
  latencyChangePercent: Reading<number>;
  /** True when the clock fell and latency rose by more than the threshold together. */
  throttled: boolean;
  finding: string;
}

function decileChangePercent(values: readonly number[], minCount: number): number | null {
  if (values.length < minCount) return null;
  const decile = Math.max(1, Math.floor(values.length / 10));
  const first = quantileSorted(sortedAscending(values.slice(0, decile)), 0.5);
  const last = quantileSorted(sortedAscending(values.slice(values.length - decile)), 0.5);
  return first > 0 ? (100 * (last - first)) / first : null;
}

/**
 * Thermal or power throttling shows as a falling clock and a rising latency over the same run. Either
 * alone means something else (a clock governor stepping down on an idle wait, a background job), so
 * the finding names throttling only when both move past the threshold.
 */
export function checkThrottling(clockMHzInOrder: readonly (number | null)[], latencyMsInOrder: readonly number[], clockUnavailableReason: string): ThrottlingCheck {
  const clocks = clockMHzInOrder.filter((c): c is number => c !== null && c > 0);
  const clockChange = clocks.length > 0 ? decileChangePercent(clocks, 5) : null;
  const latencyChange = decileChangePercent(latencyMsInOrder, 20);
  const clockChangePercent: Reading<number> =
    clockChange !== null
      ? available(clockChange)
      : unavailable(clocks.length === 0 ? clockUnavailableReason : `Only ${clocks.length} clock readings; 5 or more are needed to compare the first and last tenth.`);
  const latencyChangePercent: Reading<number> =
    latencyChange !== null ? available(latencyChange) : unavailable('Fewer than 20 latency samples: too few to compare the first and last tenth of the run.');
  const throttled = clockChange !== null && latencyChange !== null && clockChange <= -THROTTLING_THRESHOLD_PERCENT && latencyChange >= THROTTLING_THRESHOLD_PERCENT;
  const pct = (r: Reading<number>) => (r.available ? `${r.value >= 0 ? '+' : ''}${r.value.toFixed(1)} %` : 'not measured');
  const finding = throttled
    ? `Throttling: the CPU clock fell ${pct(clockChangePercent)} and latency rose ${pct(latencyChangePercent)} from the first to the last tenth of the run. Cool the device, fix its power mode, or warm up until clocks settle.`
    : `No throttling seen: clock ${pct(clockChangePercent)}, latency ${pct(latencyChangePercent)} from the first to the last tenth of the run.`;
  return { clockChangePercent, latencyChangePercent, throttled, finding };
}
