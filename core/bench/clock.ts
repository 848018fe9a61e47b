/** A monotonic clock in milliseconds. Tests pass their own (tinybench's TimestampProvider idea). */
export interface Clock {
  now(): number;
}

export const monotonicClock: Clock = { now: () => performance.now() };
