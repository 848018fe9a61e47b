import { LabError, toErrorInfo, type ErrorInfo } from '../api/errors.js';
import type { RunEventListener } from '../api/events.js';
import type { ModelInfo } from '../api/model-info.js';
import { RUN_RECORD_SCHEMA_VERSION, type CompletedRun, type FailedRun, type RunRecord } from '../api/run-record.js';
import { DEFAULT_DURATION_S, DEFAULT_ITERATIONS, RunSpecSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import { checkInputBudget, synthesizeFeeds, type InputBudget } from '../inputs/synthetic.js';
import { inspectModel } from '../model/inspect.js';
import type { Feeds, InferenceSession } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { minSamplesForQuantile } from '../stats/index.js';
import { metricInfo, parseTargets } from '../targets/index.js';
import { analyzeRun } from './analyze-run.js';
import { monotonicClock, type Clock } from './clock.js';
import { newRunId } from '../evidence/evidence-id.js';
import { timedLoop, type LoopProgress } from './single-stream.js';
import { softwareVersions } from './software.js';

export interface BenchOptions {
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  clock?: Clock;
  inputBudget?: InputBudget;
  /** Inspection already done by the caller (the CLI inspects to validate flags first). */
  modelInfo?: ModelInfo;
  runId?: string;
}

/**
 * One single-stream benchmark: inspect, make inputs, create the session (cold start), first
 * inference, warm-up, timed loop, statistics, verdicts. Problems with the request itself (a missing
 * file, a dim without a value) throw a LabError before anything runs; anything that fails once
 * measuring has begun becomes a failed record, so the evidence of the attempt is kept.
 */
export async function runBenchmark(specInput: RunSpecInput, options: BenchOptions = {}): Promise<RunRecord> {
  const spec = RunSpecSchema.parse(specInput);
  const clock = options.clock ?? monotonicClock;
  const runId = options.runId ?? newRunId();
  const emit = options.onEvent ?? (() => {});
  const startedAt = new Date().toISOString();
  emit({ type: 'phase', runId, phase: 'load', detail: spec.model });

  const synthetic = spec.inputs;
  if (synthetic.kind !== 'synthetic') {
    throw new LabError('usage', `runBenchmark measures synthetic inputs; '${synthetic.kind}' inputs go through the pipeline benchmark.`);
  }
  const info = options.modelInfo ?? (await inspectModel(spec.model));
  const inputs = resolveInputShapes(spec.model, info.inputs, synthetic.dims, synthetic.shapes);
  checkInputBudget(spec.model, inputs, synthetic.poolSize, options.inputBudget);

  const base = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION as typeof RUN_RECORD_SCHEMA_VERSION,
    id: runId,
    startedAt,
    spec,
    model: {
      path: info.path, fileName: info.fileName, sha256: info.sha256, sizeBytes: info.sizeBytes,
      producer: [info.producerName, info.producerVersion].filter(Boolean).join(' '), opsets: info.opsets,
    },
    software: softwareVersions(),
    hardware: null,
    extras: {} as Record<string, unknown>,
  };
  const inputInfo = {
    distinctSets: synthetic.poolSize,
    seed: synthetic.seed,
    tensors: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
  };

  const rssBeforeLoadBytes = process.memoryUsage.rss();
  const pool = synthesizeFeeds(inputs, synthetic.seed, synthetic.poolSize);
  let session: InferenceSession | undefined;
  const samplesMs: number[] = [];
  const failed = (state: 'failed' | 'cancelled', error: ErrorInfo): FailedRun => ({
    ...base, finishedAt: new Date().toISOString(), state, error, samplesMs,
  });
  try {
    emit({ type: 'phase', runId, phase: 'session' });
    const created = await createSession(spec.model, spec.session);
    session = created.session;
    const rssAfterSessionBytes = process.memoryUsage.rss();

    emit({ type: 'phase', runId, phase: 'first-inference' });
    const t0 = clock.now();
    await session.run(pool[0] as Feeds);
    const firstInferenceMs = clock.now() - t0;

    const progress = (p: LoopProgress) => {
      emit({ type: 'progress', runId, phase: p.phase, iterations: p.iterations, elapsedMs: p.elapsedMs, fraction: p.fraction, lastMs: p.lastMs });
      if (p.phase === 'measure') {
        const from = sentSamples;
        sentSamples = p.samplesMs.length;
        emit({ type: 'samples', runId, fromIteration: from, samplesMs: p.samplesMs.slice(from) });
      }
    };
    let sentSamples = 0;
    const loopOptions = { clock, onProgress: progress, ...(options.signal ? { signal: options.signal } : {}) };

    emit({ type: 'phase', runId, phase: 'warmup' });
    const warm = await warmUp(session, pool, spec, loopOptions);
    if (warm.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled during warm-up.' });

    emit({ type: 'phase', runId, phase: 'measure' });
    const limits = measureLimits(spec);
    const measured = await timedLoop(session, pool, limits, 'measure', loopOptions);
    samplesMs.push(...measured.samplesMs);
    if (measured.cancelled) {
      return failed('cancelled', { kind: 'runtime', message: `Cancelled after ${samplesMs.length} timed iterations.` });
    }
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    base.extras.memory = { rssBeforeLoadBytes, rssAfterSessionBytes, peakRssBytes };

    const analysis = analyzeRun({
      samplesMs,
      elapsedMs: measured.elapsedMs,
      firstInferenceMs,
      sessionCreateMs: created.sessionCreateMs,
      warmupIterations: warm.iterations,
      poolSize: synthetic.poolSize,
      targets: spec.targets,
      peakRssBytes,
    });
    const record: CompletedRun = {
      ...base,
      finishedAt: new Date().toISOString(),
      state: 'completed',
      executionProvider: spec.session.executionProviders[0] ?? 'cpu',
      coldStart: { sessionCreateMs: created.sessionCreateMs, firstInferenceMs },
      warmup: { iterations: warm.iterations, durationMs: warm.elapsedMs },
      iterations: samplesMs.length,
      durationMs: measured.elapsedMs,
      samplesMs,
      inputs: inputInfo,
      ...analysis,
    };
    emit({ type: 'phase', runId, phase: 'done' });
    return record;
  } catch (e) {
    return failed('failed', toErrorInfo(e));
  } finally {
    await session?.release();
  }
}

/**
 * Iterations and/or duration as the spec says. Neither given: 100 iterations, or as many as the
 * tail percentile a target names needs for a confidence interval (368 for p99), capped at 10 s — a
 * default that can only end "inconclusive" would waste the run.
 */
export function measureLimits(spec: RunSpec): { iterations?: number; durationMs?: number } {
  const { iterations, durationS } = spec.scenario;
  if (iterations === undefined && durationS === undefined) {
    const needed = parseTargets(spec.targets)
      .map((t) => metricInfo[t.metric].quantile)
      .filter((q): q is number => q !== undefined)
      .map((q) => minSamplesForQuantile(q));
    return { iterations: Math.max(DEFAULT_ITERATIONS, ...needed), durationMs: DEFAULT_DURATION_S * 1000 };
  }
  return {
    ...(iterations !== undefined ? { iterations } : {}),
    ...(durationS !== undefined ? { durationMs: durationS * 1000 } : {}),
  };
}

/** Warm-up runs until both its iteration count and its duration (when set) are reached. */
async function warmUp(
  session: InferenceSession,
  pool: readonly Feeds[],
  spec: RunSpec,
  loopOptions: Parameters<typeof timedLoop>[4],
): Promise<{ iterations: number; elapsedMs: number; cancelled: boolean }> {
  const { iterations, durationMs } = spec.scenario.warmup;
  const byCount = await timedLoop(session, pool, { iterations }, 'warmup', loopOptions);
  let total = byCount.samplesMs.length;
  let elapsed = byCount.elapsedMs;
  if (!byCount.cancelled && durationMs !== undefined && elapsed < durationMs) {
    const byTime = await timedLoop(session, pool, { durationMs: durationMs - elapsed }, 'warmup', loopOptions);
    total += byTime.samplesMs.length;
    elapsed += byTime.elapsedMs;
    return { iterations: total, elapsedMs: elapsed, cancelled: byTime.cancelled };
  }
  return { iterations: total, elapsedMs: elapsed, cancelled: byCount.cancelled };
}
