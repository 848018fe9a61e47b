import type { Verdict } from '../api/run-record.js';

/**
 * A target is real-time when it bounds per-frame latency at 100 ms or less, or asks for 10 frames
 * per second or more: below that a video stream visibly stutters, and the ladder's edge gate is
 * about live video, not batch jobs.
 */
export const REALTIME_MAX_LATENCY_MS = 100;
export const REALTIME_MIN_FPS = 10;

const RATE_UNITS = new Set(['fps', '/s', 'per-s', 'hz', 'qps', 'samples/s', 'frames/s']);

/**
 * Only metrics that describe every frame count: a tail or central latency, or a frame rate. The
 * fastest inference (`min`), one cold start or peak memory say nothing about holding a frame rate.
 */
const REALTIME_METRICS = new Set(['p50', 'p90', 'p95', 'p99', 'p999', 'mean', 'max', 'fps', 'throughput']);

export function isRealtimeVerdict(verdict: Verdict): boolean {
  if (!REALTIME_METRICS.has(verdict.metric)) return false;
  const unit = verdict.unit.trim().toLowerCase();
  const comparator = verdict.comparator.trim();
  if (unit === 'ms') return (comparator === '<=' || comparator === '<') && verdict.thresholdValue <= REALTIME_MAX_LATENCY_MS;
  if (unit === 's') return (comparator === '<=' || comparator === '<') && verdict.thresholdValue * 1000 <= REALTIME_MAX_LATENCY_MS;
  if (RATE_UNITS.has(unit)) return (comparator === '>=' || comparator === '>') && verdict.thresholdValue >= REALTIME_MIN_FPS;
  return false;
}

/** A 30 FPS budget: a latency bound of 1000/30 ms (33 or 33.3 are both written), or fps >= 30. */
export function isThirtyFpsVerdict(verdict: Verdict): boolean {
  if (!isRealtimeVerdict(verdict)) return false;
  const unit = verdict.unit.trim().toLowerCase();
  if (unit === 'ms') return Math.abs(verdict.thresholdValue - 1000 / 30) < 0.5;
  if (unit === 's') return Math.abs(verdict.thresholdValue * 1000 - 1000 / 30) < 0.5;
  return Math.abs(verdict.thresholdValue - 30) < 1e-9;
}

export function describeVerdict(verdict: Verdict): string {
  const observed = verdict.observedValue === null ? 'not observed' : `${round(verdict.observedValue)} ${verdict.unit}`;
  return `${verdict.target}: ${verdict.status} (observed ${observed}, threshold ${verdict.comparator} ${round(verdict.thresholdValue)} ${verdict.unit})`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
