import type { RunSpec } from '../api/run-spec.js';
import type { Feeds, InferenceSession } from '../runtime/ort.js';
import { quantileSorted, sortedAscending } from '../stats/index.js';
import { timedLoop } from './single-stream.js';

/** Warm-up runs until both its iteration count and its duration (when set) are reached. */
export async function warmUp(
  session: InferenceSession,
  pool: readonly Feeds[],
  spec: RunSpec,
  loopOptions: Parameters<typeof timedLoop>[4],
): Promise<{ iterations: number; elapsedMs: number; cancelled: boolean; medianMs: number | undefined }> {
  const { iterations, durationMs } = spec.scenario.warmup;
  const byCount = await timedLoop(session, pool, { iterations }, 'warmup', loopOptions);
  const samples = [...byCount.samplesMs];
  let elapsed = byCount.elapsedMs;
  let cancelled = byCount.cancelled;
  if (!byCount.cancelled && durationMs !== undefined && elapsed < durationMs) {
    const byTime = await timedLoop(session, pool, { durationMs: durationMs - elapsed }, 'warmup', loopOptions);
    samples.push(...byTime.samplesMs);
    elapsed += byTime.elapsedMs;
    cancelled = byTime.cancelled;
  }
  // The median unloaded latency seeds the max-QPS search's first guess at capacity.
  const medianMs = samples.length > 0 ? quantileSorted(sortedAscending(samples), 0.5) : undefined;
  return { iterations: samples.length, elapsedMs: elapsed, cancelled, medianMs };
}
