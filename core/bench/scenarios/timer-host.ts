import type { Clock } from '../clock.js';

/**
 * A clock that can also wait. The server scenario sleeps until each query's scheduled arrival;
 * tests pass a virtual-time host so that queueing logic runs deterministically and instantly.
 */
export interface TimerHost extends Clock {
  sleep(ms: number): Promise<void>;
}

export const realTimers: TimerHost = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
