import { mulberry32 } from '../../inputs/prng.js';

/**
 * Gaps between arrivals of a Poisson process with rate 1 (exponential, mean 1), by inversion of a
 * seeded uniform stream. Scaling one set of gaps by 1/QPS gives every rate the same pattern of
 * bursts and lulls, so trials of a max-QPS search differ only in rate, not in luck.
 */
export function unitExponentialGaps(count: number, seed: number): number[] {
  const next = mulberry32(seed * 2654435761 + 17);
  const gaps: number[] = [];
  for (let i = 0; i < count; i++) gaps.push(-Math.log(1 - next()));
  return gaps;
}

/** Scheduled arrival of each query in ms from the start, at `qps` queries per second. */
export function poissonArrivalsMs(qps: number, count: number, seed: number): number[] {
  if (!(qps > 0)) throw new RangeError(`qps must be positive, got ${qps}`);
  const meanGapMs = 1000 / qps;
  const arrivals: number[] = [];
  let t = 0;
  for (const gap of unitExponentialGaps(count, seed)) {
    t += gap * meanGapMs;
    arrivals.push(t);
  }
  return arrivals;
}
