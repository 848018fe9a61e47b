import type { Feeds } from '../runtime/ort.js';
import type { Clock } from './clock.js';

/** The one operation the loop times; an ONNX Runtime session satisfies it. */
export interface Inference {
  run(feeds: Feeds): Promise<unknown>;
}

export interface LoopLimits {
  /** Stop after this many iterations … */
  iterations?: number;
  /** … or after this many milliseconds, whichever comes first. */
  durationMs?: number;
}

export interface LoopProgress {
  phase: 'warmup' | 'measure';
  iterations: number;
  elapsedMs: number;
  /** 0–1 of the nearer limit. */
  fraction: number;
  lastMs: number;
  /** The samples so far (the loop's own array: read, do not keep or modify). */
  samplesMs: readonly number[];
}

export interface LoopOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Called between iterations at most every `progressEveryMs`, never inside the timed region. */
  onProgress?: (p: LoopProgress) => void;
  progressEveryMs?: number;
}

export interface LoopResult {
  samplesMs: number[];
  elapsedMs: number;
  cancelled: boolean;
}

/**
 * The timed loop. Only `await inference.run(feeds)` sits between the two clock reads; choosing the
 * input set, storing the sample and reporting progress happen outside it, so the harness costs
 * nothing measurable against a bare loop (see bench/overhead.ts).
 */
export async function timedLoop(
  inference: Inference,
  pool: readonly Feeds[],
  limits: LoopLimits,
  phase: LoopProgress['phase'],
  options: LoopOptions,
): Promise<LoopResult> {
  const { clock, signal, onProgress } = options;
  const progressEveryMs = options.progressEveryMs ?? 100;
  const maxIterations = limits.iterations ?? Number.POSITIVE_INFINITY;
  const maxMs = limits.durationMs ?? Number.POSITIVE_INFINITY;
  const samplesMs: number[] = [];
  const started = clock.now();
  let lastProgress = started;
  let end = started;
  let i = 0;
  while (i < maxIterations && end - started < maxMs) {
    if (signal?.aborted) return { samplesMs, elapsedMs: end - started, cancelled: true };
    const feeds = pool[i % pool.length] as Feeds;
    const t0 = clock.now();
    await inference.run(feeds);
    end = clock.now();
    samplesMs.push(end - t0);
    i++;
    if (onProgress && end - lastProgress >= progressEveryMs) {
      lastProgress = end;
      const fraction = Math.min(1, Math.max(i / maxIterations, (end - started) / maxMs));
      onProgress({ phase, iterations: i, elapsedMs: end - started, fraction, lastMs: end - t0, samplesMs });
    }
  }
  return { samplesMs, elapsedMs: end - started, cancelled: false };
}
