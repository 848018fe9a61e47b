import type { Feeds } from '../../runtime/ort.js';
import type { Clock } from '../clock.js';
import type { Inference, LoopLimits, LoopResult } from '../single-stream.js';

export interface ThroughputOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Requests kept in flight at once. */
  concurrency: number;
}

/**
 * MLPerf Offline-like load: `concurrency` workers each issue a request as soon as their previous one
 * finishes, spread round-robin over the sessions given. Each sample is one request's latency under
 * that load (only `inference.run` between the clock reads); elapsed time runs from the first issue
 * to the last completion, so samples / elapsed is the sustained rate.
 */
export async function throughputLoop(
  inferences: readonly Inference[],
  pool: readonly Feeds[],
  limits: LoopLimits,
  options: ThroughputOptions,
): Promise<LoopResult> {
  const { clock, signal, concurrency } = options;
  const maxIterations = limits.iterations ?? Number.POSITIVE_INFINITY;
  const maxMs = limits.durationMs ?? Number.POSITIVE_INFINITY;
  const samplesMs: number[] = [];
  const started = clock.now();
  let end = started;
  let issued = 0;
  let cancelled = false;

  async function worker(index: number): Promise<void> {
    const inference = inferences[index % inferences.length] as Inference;
    for (;;) {
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      if (issued >= maxIterations || clock.now() - started >= maxMs) return;
      const feeds = pool[issued % pool.length] as Feeds;
      issued++;
      const t0 = clock.now();
      await inference.run(feeds);
      const t1 = clock.now();
      samplesMs.push(t1 - t0);
      if (t1 > end) end = t1;
    }
  }

  // Every worker is awaited even when one fails, so no request is still running on a session the
  // caller is about to release.
  const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  return { samplesMs, elapsedMs: end - started, cancelled };
}
