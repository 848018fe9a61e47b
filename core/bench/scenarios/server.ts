import type { Feeds } from '../../runtime/ort.js';
import type { Inference, LoopProgress } from '../single-stream.js';
import type { TimerHost } from './timer-host.js';

export interface ServerOptions {
  host: TimerHost;
  signal?: AbortSignal;
  /**
   * Stop issuing once more than `maxExceeding` queries took longer than `boundMs`: the trial's
   * percentile can no longer meet the bound, and an overloaded trial would otherwise queue for long.
   */
  earlyStop?: { boundMs: number; maxExceeding: number };
  /** Completed queries' latencies in completion order, at most every progressEveryMs: the app's live chart. */
  onProgress?: (p: LoopProgress) => void;
  progressEveryMs?: number;
}

export interface ServerResult {
  /** Latency of each issued query from its scheduled arrival to its completion, in arrival order. */
  samplesMs: number[];
  /** How late each query was issued after its scheduled arrival (timer granularity, a busy event loop). */
  issueLagMs: number[];
  /** From the start of the schedule to the last completion. */
  elapsedMs: number;
  scheduled: number;
  stoppedEarly: boolean;
  cancelled: boolean;
}

/**
 * Open-loop arrivals: each query is issued at its scheduled time whether or not earlier ones have
 * finished, round-robin over the sessions, and its latency counts from the scheduled arrival, so
 * time spent queued (in ONNX Runtime, or behind a late timer) is part of it, as MLPerf's Server
 * scenario counts it.
 */
export async function serverLoop(
  inferences: readonly Inference[],
  pool: readonly Feeds[],
  arrivalsMs: readonly number[],
  options: ServerOptions,
): Promise<ServerResult> {
  const { host, signal, earlyStop, onProgress } = options;
  const progressEveryMs = options.progressEveryMs ?? 100;
  // samplesMs is indexed by arrival and fills out of order; progress reports completions as they come.
  const completed: number[] = [];
  const samplesMs: number[] = [];
  const issueLagMs: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const start = host.now();
  let end = start;
  let exceeding = 0;
  let stoppedEarly = false;
  let cancelled = false;
  let lastProgress = start;

  for (let i = 0; i < arrivalsMs.length; i++) {
    if (signal?.aborted) {
      cancelled = true;
      break;
    }
    if (stoppedEarly || failures.length > 0) break;
    const due = start + (arrivalsMs[i] as number);
    let now = host.now();
    // A timer may fire a little before its time (setTimeout rounds to whole milliseconds); a query
    // issued early would count a latency shorter than its work, even below zero. Sleep until due.
    while (due > now) {
      await host.sleep(due - now);
      now = host.now();
    }
    issueLagMs.push(Math.max(0, now - due));
    const index = i;
    const query = (inferences[i % inferences.length] as Inference).run(pool[i % pool.length] as Feeds).then(
      () => {
        const done = host.now();
        samplesMs[index] = done - due;
        if (done > end) end = done;
        if (earlyStop && done - due > earlyStop.boundMs && ++exceeding > earlyStop.maxExceeding) stoppedEarly = true;
        completed.push(done - due);
        if (onProgress && done - lastProgress >= progressEveryMs) {
          lastProgress = done;
          onProgress({ phase: 'measure', iterations: completed.length, elapsedMs: done - start, fraction: completed.length / arrivalsMs.length, lastMs: done - due, samplesMs: completed });
        }
      },
      (error: unknown) => void failures.push(error),
    );
    inFlight.add(query);
    void query.finally(() => inFlight.delete(query));
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw failures[0];
  return {
    samplesMs: samplesMs.filter((s) => s !== undefined),
    issueLagMs,
    elapsedMs: end - start,
    scheduled: arrivalsMs.length,
    stoppedEarly,
    cancelled,
  };
}
