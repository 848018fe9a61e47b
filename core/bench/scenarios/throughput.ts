import type { Feeds } from '../../runtime/ort.js';
import type { Clock } from '../clock.js';
import type { Inference, LoopLimits, LoopProgress, LoopResult } from '../single-stream.js';

export interface ThroughputOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Requests kept in flight at once. */
  concurrency: number;
  /** Samples so far, at most every progressEveryMs: the app's live chart, as the single-stream loop reports. */
  onProgress?: (p: LoopProgress) => void;
  progressEveryMs?: number;
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
  const { clock, signal, concurrency, onProgress } = options;
  const progressEveryMs = options.progressEveryMs ?? 100;
  const maxIterations = limits.iterations ?? Number.POSITIVE_INFINITY;
  const maxMs = limits.durationMs ?? Number.POSITIVE_INFINITY;
  const samplesMs: number[] = [];
  const started = clock.now();
  let end = started;
  let issued = 0;
  let cancelled = false;
  let lastProgress = started;

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
      // Outside the timed region, as in the single-stream loop: this worker's next request waits for it.
      if (onProgress && t1 - lastProgress >= progressEveryMs) {
        lastProgress = t1;
        const fraction = Math.min(1, Math.max(samplesMs.length / maxIterations, (t1 - started) / maxMs));
        onProgress({ phase: 'measure', iterations: samplesMs.length, elapsedMs: t1 - started, fraction, lastMs: t1 - t0, samplesMs });
      }
    }
  }

  // Every worker is awaited even when one fails, so no request is still running on a session the
  // caller is about to release.
  const outcomes = await Promise.allSettled(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  return { samplesMs, elapsedMs: end - started, cancelled };
}
