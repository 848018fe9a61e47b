import { LabError, toErrorInfo, type ErrorInfo } from '../api/errors.js';
import type { RunEventListener } from '../api/events.js';
import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun, FailedRun, RunRecord } from '../api/run-record.js';
import { RunSpecSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import { checkInputBudget, synthesizeFeeds, type InputBudget } from '../inputs/synthetic.js';
import { inspectModel } from '../model/inspect.js';
import { onnxRuntimeVersion, type Feeds, type InferenceSession } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { analyzeRun } from './analyze-run.js';
import { serverExtras } from './scenarios/server-extras.js';
import { warmUp } from './warm-up.js';
import { measureLimits, TELEMETRY_INTERVAL_MS } from './measure-limits.js';
import { monotonicClock, type Clock } from './clock.js';
import { newRunId } from '../evidence/evidence-id.js';
import type { LoopLimits, LoopProgress } from './single-stream.js';
import { memoryExtras, recordBase } from '../evidence/record-base.js';
import { batchSizeOf } from './scenarios/batch-size.js';
import { measureTrial, serverQueryCount, type MeasuredTrial } from './scenarios/measure-trial.js';
import type { MaxQpsSearch } from './scenarios/max-qps.js';
import { CONFIRM_DEFAULTS, CONFIRM_METHOD, confirmMaxQps, type MaxQpsResult } from './scenarios/confirm-max-qps.js';
import { parseLatencyBound } from './scenarios/latency-bound.js';
import { noRateAdvice } from './scenarios/max-qps-advice.js';
import { searchFloorQps, searchMaxQps } from './scenarios/server-search.js';
import { realTimers, type TimerHost } from './scenarios/timer-host.js';
import { summarizeTrial, trialsReport } from './trials.js';
import { startRssPeak } from '../telemetry/rss-peak.js';
import { startTelemetry, type TelemetryOptions, type TelemetryRecorder } from '../telemetry/sampler.js';
import { summarizeTelemetry } from '../telemetry/telemetry-summary.js';
import { gpuClockReading } from '../telemetry/gpu-clock-reading.js';
import { gpuClockWarnings, queryGpuClockState } from '../telemetry/gpu-clock-state.js';
import { isAcceleratorProvider } from '../hardware/accelerator.js';
import { minSamplesForQuantile, percentileName, quantileSorted, sortedAscending } from '../stats/index.js';

export interface BenchOptions {
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  clock?: Clock;
  inputBudget?: InputBudget;
  /** Inspection already done by the caller (the CLI inspects to validate flags first). */
  modelInfo?: ModelInfo;
  runId?: string;
  /** The server scenario's timers; tests pass a virtual-time host. Default: setTimeout and the clock. */
  timers?: TimerHost;
  /** Telemetry sources (powercap root, tegrastats/nvidia-smi commands) when the spec asks for telemetry. */
  telemetry?: TelemetryOptions;
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

  const base = recordBase(runId, startedAt, spec, info, onnxRuntimeVersion());
  const inputInfo = {
    distinctSets: synthetic.poolSize,
    seed: synthetic.seed,
    tensors: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
  };

  const scenario = spec.scenario;
  if (scenario.kind === 'server' && scenario.qps === undefined && scenario.findMaxQps === undefined) {
    throw new LabError('usage', 'The server scenario needs a rate: --qps Q, or --find-max-qps --bound EXPR to search for one.', 'For example --scenario server --qps 50, or --scenario server --find-max-qps --bound p99<=15ms.');
  }
  const batchSize = scenario.batchDim !== undefined ? batchSizeOf(spec.model, info.inputs, inputs, scenario.batchDim) : undefined;
  const sessionCount = scenario.kind === 'single-stream' ? 1 : scenario.sessions;
  const timers: TimerHost = options.timers ?? (options.clock ? { now: () => clock.now(), sleep: realTimers.sleep } : realTimers);

  const rssBeforeLoadBytes = process.memoryUsage.rss();
  const rssPeak = startRssPeak();
  const pool = synthesizeFeeds(inputs, synthetic.seed, synthetic.poolSize);
  const sessions: InferenceSession[] = [];
  let telemetry: TelemetryRecorder | undefined;
  const samplesMs: number[] = [];
  const failed = (state: 'failed' | 'cancelled', error: ErrorInfo): FailedRun => ({
    ...base, finishedAt: new Date().toISOString(), state, error, samplesMs,
  });
  try {
    emit({ type: 'phase', runId, phase: 'session' });
    const created = await createSession(spec.model, spec.session);
    sessions.push(created.session);
    // Further sessions for throughput/server load are not cold start: the first one is.
    for (let i = 1; i < sessionCount; i++) sessions.push((await createSession(spec.model, spec.session)).session);
    const session = created.session;
    const rssAfterSessionBytes = process.memoryUsage.rss();

    emit({ type: 'phase', runId, phase: 'first-inference' });
    const t0 = clock.now();
    await session.run(pool[0] as Feeds);
    const firstInferenceMs = clock.now() - t0;

    let sentTelemetryMs = -1;
    const progress = (p: LoopProgress) => {
      emit({ type: 'progress', runId, phase: p.phase, iterations: p.iterations, elapsedMs: p.elapsedMs, fraction: p.fraction, lastMs: p.lastMs });
      if (p.phase === 'measure') {
        const from = sentSamples;
        sentSamples = p.samplesMs.length;
        emit({ type: 'samples', runId, fromIteration: from, samplesMs: p.samplesMs.slice(from) });
        // The sampler's newest reading, once each: live telemetry for the app's run screen.
        const t = telemetry?.latest();
        if (t && t.elapsedMs !== sentTelemetryMs) {
          sentTelemetryMs = t.elapsedMs;
          // Package domains only (`intel-rapl:0`): their subdomains (`intel-rapl:0:0`) are inside them.
          const rapl = Object.entries(t.raplPowerW).filter(([id]) => id.split(':').length === 2).map(([, w]) => w);
          emit({
            type: 'telemetry', runId, elapsedMs: t.elapsedMs, cpuLoadPercent: t.cpuLoadPercent, cpuMeanSpeedMHz: t.cpuMeanSpeedMHz,
            temperatureC: t.temperatureC, processRssBytes: t.processRssBytes, powerW: rapl.length > 0 ? rapl.reduce((a, b) => a + b, 0) : null,
          });
        }
      }
    };
    let sentSamples = 0;
    const loopOptions = { clock, onProgress: progress, ...(options.signal ? { signal: options.signal } : {}) };

    emit({ type: 'phase', runId, phase: 'warmup' });
    const warm = await warmUp(session, pool, spec, loopOptions);
    if (warm.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled during warm-up.' });
    for (const other of sessions.slice(1)) {
      const w = await warmUp(other, pool, spec, loopOptions);
      if (w.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled during warm-up.' });
    }

    const trialContext = { inferences: sessions, pool, loopOptions, timers };
    let search: MaxQpsSearch | undefined;
    if (scenario.kind === 'server' && scenario.findMaxQps) {
      emit({ type: 'phase', runId, phase: 'measure', detail: `max-QPS search for ${scenario.findMaxQps.bound}` });
      const bound = scenario.findMaxQps.bound;
      search = await searchMaxQps(scenario, scenario.findMaxQps, trialContext, warm.medianMs ?? firstInferenceMs, (k, n, qps) =>
        emit({ type: 'phase', runId, phase: 'measure', detail: `max-QPS search for ${bound}: trial ${k} of at most ${n}, ${qps.toFixed(1)} QPS` }),
      );
      base.extras.maxQps = search;
      if (options.signal?.aborted) return failed('cancelled', { kind: 'runtime', message: 'Cancelled during the max-QPS search.' });
    }

    emit({ type: 'phase', runId, phase: 'measure' });
    const limits = measureLimits(spec);
    const trialCount = scenario.trials ?? 1;
    // GPU clock state is read just outside the timed region: nvidia-smi takes tens of milliseconds.
    // Only for runs on a GPU provider: a CPU run's latency does not depend on the GPU's clocks.
    const onGpu = isAcceleratorProvider(spec.session.executionProviders[0]);
    const readClocks = spec.telemetry && onGpu && options.telemetry?.nvidiaSmi !== false ? (options.telemetry?.gpuClockQuery ?? queryGpuClockState) : null;
    const clocksAtStart = readClocks ? await readClocks() : null;
    // One full measurement (all its trials) at a rate; telemetry covers the measurement that is kept.
    const measureAt = async (qps: number | undefined, trialLimits: LoopLimits = limits) => {
      await telemetry?.stop();
      telemetry = spec.telemetry ? await startTelemetry({ intervalMs: TELEMETRY_INTERVAL_MS, ...options.telemetry }) : undefined;
      const started = clock.now();
      const runs: MeasuredTrial[] = [];
      for (let t = 0; t < trialCount; t++) {
        if (trialCount > 1) emit({ type: 'phase', runId, phase: 'measure', detail: `trial ${t + 1} of ${trialCount}` });
        const trial = await measureTrial(scenario, trialLimits, t, { ...trialContext, ...(qps !== undefined ? { qps } : {}) });
        runs.push(trial);
        if (trial.cancelled) break;
      }
      return { trials: runs, samplesMs: runs.flatMap((t) => t.samplesMs), cancelled: runs.some((t) => t.cancelled), wallMs: clock.now() - started };
    };
    let measured: Awaited<ReturnType<typeof measureAt>>;
    if (search && scenario.kind === 'server' && scenario.findMaxQps) {
      // The rate reported is one a full-length run held, stepping down from the search's answer;
      // when the search found none, one full-length run at its lowest rate gives the numbers why.
      const bound = parseLatencyBound(scenario.findMaxQps.bound);
      const unloadedMedianMs = warm.medianMs ?? firstInferenceMs;
      const startQps = search.maxQps ?? Math.min(...search.trials.map((t) => t.qps));
      const floorQps = searchFloorQps(sessions.length, unloadedMedianMs);
      // A confirmation run must be long enough for the percentile's interval (368 queries for p99),
      // or it could never pass, whatever the run's own limits; the one run that only shows why no
      // rate held (the search found none) keeps the run's limits.
      const needed = minSamplesForQuantile(bound.quantile);
      const confirmAt = (qps: number) => measureAt(qps, search?.maxQps === null ? limits : { iterations: Math.max(serverQueryCount(qps, limits), needed) });
      const confirmed = await confirmMaxQps(startQps, bound, confirmAt, { ...CONFIRM_DEFAULTS, floorQps, ...(search.maxQps === null ? { maxStepDowns: 0 } : {}) });
      measured = confirmed.last;
      const result: MaxQpsResult = { ...search, searchQps: search.maxQps, maxQps: confirmed.confirmedQps, confirmations: confirmed.confirmations, method: `${search.method} ${CONFIRM_METHOD}` };
      if (confirmed.confirmedQps === null && !measured.cancelled) {
        result.noRate = noRateAdvice({ bound, percentile: percentileName(bound.quantile), unloadedMedianMs, searchQps: search.maxQps, trials: search.trials, confirmations: confirmed.confirmations });
      }
      base.extras.maxQps = result;
    } else {
      measured = await measureAt(undefined);
    }
    const trials = measured.trials;
    samplesMs.push(...measured.samplesMs);
    if (measured.cancelled) {
      return failed('cancelled', { kind: 'runtime', message: `Cancelled after ${samplesMs.length} timed iterations.` });
    }
    const measuredWallMs = measured.wallMs;
    const recording = await telemetry?.stop();
    telemetry = undefined;
    const clocksAtEnd = readClocks ? await readClocks() : null;
    const elapsedMs = trials.reduce((sum, t) => sum + t.elapsedMs, 0);

    const sampled = rssPeak.stop();
    const telemetryPeak = Math.max(0, ...(recording?.samples.map((s) => s.processRssBytes) ?? []));
    const peakRssBytes = Math.max(sampled.peakRssBytes, telemetryPeak);
    base.extras.memory = memoryExtras(rssBeforeLoadBytes, rssAfterSessionBytes, peakRssBytes);

    const analysis = analyzeRun({
      samplesMs,
      elapsedMs,
      firstInferenceMs,
      sessionCreateMs: created.sessionCreateMs,
      warmupIterations: warm.iterations,
      poolSize: synthetic.poolSize,
      targets: spec.targets,
      peakRssBytes,
      scenarioKind: scenario.kind,
      ...(batchSize !== undefined ? { batchSize } : {}),
    });
    if (trialCount > 1) base.extras.trials = trialsReport(trials.map((t, i) => summarizeTrial(i, t.samplesMs, t.elapsedMs)));
    if (scenario.kind === 'throughput') base.extras.throughput = { concurrency: scenario.concurrency, sessions: scenario.sessions };
    if (scenario.kind === 'server') base.extras.server = serverExtras(trials, scenario.sessions, search);
    if (batchSize !== undefined && scenario.batchDim !== undefined) {
      const sorted = sortedAscending(samplesMs);
      base.extras.perSample = {
        batchDim: scenario.batchDim,
        batchSize,
        p50Ms: quantileSorted(sorted, 0.5) / batchSize,
        p99Ms: quantileSorted(sorted, 0.99) / batchSize,
        meanMs: analysis.latencyMs.mean / batchSize,
      };
    }
    const gpuWarnings = clocksAtStart?.available && clocksAtEnd?.available ? gpuClockWarnings(clocksAtStart.value, clocksAtEnd.value) : [];
    if (recording) {
      const summary = summarizeTelemetry(recording, {
        samplesMsInOrder: samplesMs, inferences: samplesMs.length, durationMs: measuredWallMs, intervalMs: TELEMETRY_INTERVAL_MS,
        ...(batchSize !== undefined ? { batchSize } : {}),
      });
      if (clocksAtStart && clocksAtEnd) summary.gpuClocks = gpuClockReading(clocksAtStart, clocksAtEnd);
      base.extras.telemetry = summary;
    }
    const record: CompletedRun = {
      ...base,
      finishedAt: new Date().toISOString(),
      state: 'completed',
      executionProvider: spec.session.executionProviders[0] ?? 'cpu',
      coldStart: { sessionCreateMs: created.sessionCreateMs, firstInferenceMs },
      warmup: { iterations: warm.iterations, durationMs: warm.elapsedMs },
      iterations: samplesMs.length,
      durationMs: elapsedMs,
      samplesMs,
      inputs: inputInfo,
      ...analysis,
      warnings: [...analysis.warnings, ...gpuWarnings],
      ...(batchSize !== undefined ? { batchSize, samplesPerS: analysis.throughputPerS * batchSize } : {}),
    };
    emit({ type: 'phase', runId, phase: 'done' });
    return record;
  } catch (e) {
    return failed('failed', toErrorInfo(e));
  } finally {
    rssPeak.stop();
    await telemetry?.stop().catch(() => undefined);
    for (const s of sessions) await s.release();
  }
}
