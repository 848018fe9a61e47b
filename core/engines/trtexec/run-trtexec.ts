import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { LabError, toErrorInfo, type ErrorInfo } from '../../api/errors.js';
import type { RunEventListener } from '../../api/events.js';
import type { ModelInfo } from '../../api/model-info.js';
import type { FailedRun, RunRecord } from '../../api/run-record.js';
import { DEFAULT_TRTEXEC_TIMEOUT_S, type RunSpec, type TrtexecEngineSpec } from '../../api/run-spec.js';
import { recordBase } from '../../evidence/record-base.js';
import { ONNXRUNTIME_NOT_USED } from '../../evidence/software.js';
import { batchSizeOf } from '../../bench/scenarios/batch-size.js';
import { quantileSorted, sortedAscending } from '../../stats/index.js';
import { measureLimits, TELEMETRY_INTERVAL_MS } from '../../bench/measure-limits.js';
import { sha256Hex } from '../../evidence/record-file.js';
import { resolveInputShapes } from '../../inputs/shapes.js';
import { gpuClockReading } from '../../telemetry/gpu-clock-reading.js';
import { gpuClockWarnings, queryGpuClockState } from '../../telemetry/gpu-clock-state.js';
import { startTelemetry, type TelemetryOptions, type TelemetryRecorder } from '../../telemetry/sampler.js';
import { tensorrtVersion } from '../../telemetry/trtexec.js';
import { ExportTimesError, parseExportTimes, spanMs } from './export-times.js';
import { parseLayerInfo } from './layer-info.js';
import { parseExportProfile } from './layer-profile.js';
import { locateTrtexec } from './locate-trtexec.js';
import { runTrtexec } from './spawn-trtexec.js';
import { HELP_TIMEOUT_MS, helpFailure, trtexecFailure } from './trtexec-failure.js';
import { parseTrtexecHelp, profilePassArgs, timedPassArgs } from './trtexec-flags.js';
import { parseTrtexecLog, type TrtexecLog } from './trtexec-log.js';
import { trtexecCompletedRun, type TrtexecRunFiles } from './trtexec-record.js';
import { TIMED_MARKS, timedWindow, trtexecTelemetry } from './trtexec-telemetry.js';

export interface TrtexecRunOptions {
  modelInfo: ModelInfo;
  runId: string;
  /** Where trtexec's files go: the run's folder in the workspace, or a temporary one. */
  outDir: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  telemetry?: TelemetryOptions;
}

export interface TrtexecRunResult {
  record: RunRecord;
  /** Files written for the run (logs, exports), named in the record with their SHA-256. */
  artifactPaths: string[];
}

/** Artifact names are fixed so a record names the same files wherever its folder is moved. */
export const TRTEXEC_FILES = {
  timedLog: 'trtexec-timed.log',
  times: 'trtexec-times.json',
  layerInfo: 'trtexec-layer-info.json',
  profileLog: 'trtexec-profile.log',
  profile: 'trtexec-profile.json',
} as const;

/**
 * The trtexec engine: build and time the engine in one trtexec process (per-iteration times and
 * layer info, no profiler attached), then, when a profile is asked for, load the built engine in a
 * second process with TensorRT's layer profiler. Telemetry samples the timed process, and energy is
 * taken over its timed iterations only (trtexec-telemetry.ts); the GPU's clocks, throttle reasons
 * and persistence mode are read just before and after it, as for ONNX Runtime. Every file trtexec
 * wrote is kept beside the record and named in it with its SHA-256, so `runs verify` sees an edit.
 * Each trtexec process is stopped past the engine's timeout and the run recorded as failed.
 */
export async function runTrtexecBenchmark(requested: RunSpec, options: TrtexecRunOptions): Promise<TrtexecRunResult> {
  // A run edgelab makes always has a precision: fp32 unless asked; the record says which.
  const engine: TrtexecEngineSpec = { ...(requested.engine as TrtexecEngineSpec), precision: (requested.engine as TrtexecEngineSpec).precision ?? 'fp32' };
  const spec: RunSpec = { ...requested, engine };
  const emit = options.onEvent ?? (() => {});
  const { runId, outDir } = options;
  const startedAt = new Date().toISOString();
  const base = recordBase(runId, startedAt, spec, options.modelInfo, ONNXRUNTIME_NOT_USED);
  const written: string[] = [];
  const artifacts: { role: string; name: string; sha256: string }[] = [];
  const keep = async (role: string, name: string): Promise<Buffer | null> => {
    const file = path.join(outDir, name);
    const bytes = await readFile(file).catch(() => null);
    if (bytes === null) return null;
    written.push(file);
    artifacts.push({ role, name, sha256: sha256Hex(bytes) });
    base.extras.artifacts = artifacts;
    return bytes;
  };
  const failed = (state: 'failed' | 'cancelled', error: ErrorInfo): TrtexecRunResult => ({
    record: { ...base, finishedAt: new Date().toISOString(), state, error, samplesMs: [] } satisfies FailedRun,
    artifactPaths: written,
  });

  // Request errors (a dim without a value) throw before anything runs, as for ONNX Runtime.
  if (spec.inputs.kind !== 'synthetic') {
    throw new LabError('usage', `The trtexec engine feeds its own input buffers; '${spec.inputs.kind}' inputs are not supported with --engine trtexec.`, 'Drop --images/--test-data, or run them with --engine ort.');
  }
  // trtexec times one stream of iterations; its own load options (--streams, --infStreams) are not
  // edgelab's scenarios, so a scenario it would not run is refused rather than recorded as if it ran.
  const unsupported = [
    spec.scenario.kind !== 'single-stream' ? `--scenario ${spec.scenario.kind}` : null,
    spec.scenario.trials !== undefined && spec.scenario.trials > 1 ? '--trials' : null,
  ].filter((f): f is string => f !== null);
  if (unsupported.length > 0) {
    throw new LabError('usage', `The trtexec engine measures a single stream; it does not take ${unsupported.join(', ')}.`, 'Drop them, or load-test with --engine ort.');
  }
  const inputs = resolveInputShapes(spec.model, options.modelInfo.inputs, spec.inputs.dims, spec.inputs.shapes);
  const symbolic = new Set(options.modelInfo.inputs.filter((i) => i.shape === null || i.shape.some((d) => typeof d !== 'number' || d < 0)).map((i) => i.name));
  // Only inputs with symbolic dims take --shapes: trtexec refuses explicit shapes for a static input.
  const shapes = Object.fromEntries(inputs.filter((i) => symbolic.has(i.name)).map((i) => [i.name, i.shape]));

  let telemetry: TelemetryRecorder | undefined;
  try {
    emit({ type: 'phase', runId, phase: 'session', detail: 'locating trtexec' });
    const executable = await locateTrtexec(engine.trtexecPath);
    const help = await runTrtexec(executable, ['--help'], { cwd: outDir, timeoutMs: HELP_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) });
    if (help.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled while asking trtexec for its options.' });
    const notRunning = helpFailure(executable, help);
    if (notRunning) throw notRunning;
    const caps = parseTrtexecHelp(help.output, tensorrtVersion);
    const timeoutS = engine.timeoutS ?? DEFAULT_TRTEXEC_TIMEOUT_S;
    const stopped = (what: string) => failed('failed', {
      kind: 'runtime',
      message: `trtexec ${what} did not finish within ${timeoutS} s and was stopped.`,
      hint: `What it printed so far is kept beside the record. An engine build of a large model on a Jetson can take many minutes: give it longer with --trtexec-timeout (the spec's engine.timeoutS).`,
    });

    const limits = measureLimits(spec);
    const enginePath = path.join(outDir, 'engine.plan');
    const warmupMs = spec.scenario.warmup.durationMs ?? 200;
    const args = timedPassArgs(engine, {
      modelPath: path.resolve(spec.model),
      enginePath,
      timesPath: path.join(outDir, TRTEXEC_FILES.times),
      layerInfoPath: path.join(outDir, TRTEXEC_FILES.layerInfo),
      shapes,
      warmupMs,
      iterations: limits.iterations,
      durationS: limits.durationMs !== undefined && spec.scenario.durationS !== undefined ? limits.durationMs / 1000 : undefined,
    }, caps);

    emit({ type: 'phase', runId, phase: 'measure', detail: `trtexec ${args.join(' ')}` });
    // Read outside the trtexec process, as ONNX Runtime's are outside its timed loop: nvidia-smi takes tens of ms.
    const readClocks = spec.telemetry && options.telemetry?.nvidiaSmi !== false ? (options.telemetry?.gpuClockQuery ?? queryGpuClockState) : null;
    const clocksAtStart = readClocks ? await readClocks() : null;
    if (spec.telemetry) telemetry = await startTelemetry({ intervalMs: TELEMETRY_INTERVAL_MS, ...options.telemetry });
    const timed = await runTrtexec(executable, args, {
      cwd: outDir, logPath: path.join(outDir, TRTEXEC_FILES.timedLog), timeoutMs: timeoutS * 1000, markLines: TIMED_MARKS, ...(options.signal ? { signal: options.signal } : {}),
    });
    const recording = await telemetry?.stop();
    telemetry = undefined;
    const clocksAtEnd = readClocks && !timed.cancelled ? await readClocks() : null;
    await keep('log', TRTEXEC_FILES.timedLog);
    const log = parseTrtexecLog(timed.output);
    if (timed.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled while trtexec ran.' });
    if (timed.timedOut) return stopped('(the engine build and timed run)');
    const failure = trtexecFailure(timed, log, TRTEXEC_FILES.timedLog);
    if (failure) return failed('failed', failure);

    const timesBytes = await keep('times', TRTEXEC_FILES.times);
    if (timesBytes === null) {
      return failed('failed', { kind: 'runtime', message: `trtexec passed but wrote no ${TRTEXEC_FILES.times} (--exportTimes).`, hint: `Its log is kept beside the record as ${TRTEXEC_FILES.timedLog}.` });
    }
    let times;
    try {
      times = parseExportTimes(timesBytes.toString('utf8'), TRTEXEC_FILES.times);
    } catch (e) {
      if (!(e instanceof ExportTimesError)) throw e;
      // trtexec wrote this file during the run: what it holds is the engine's failure, not the user's input.
      return failed('failed', { kind: 'runtime', message: `trtexec passed but wrote a times file edgelab cannot read: ${e.message}`, hint: `The file is kept beside the record as ${TRTEXEC_FILES.times}, with trtexec's log (${TRTEXEC_FILES.timedLog}). A truncated file means trtexec was interrupted while writing it (a full disk?).` });
    }
    const layerInfoBytes = await keep('layer-info', TRTEXEC_FILES.layerInfo);
    const files: TrtexecRunFiles = {
      log,
      times,
      profile: null,
      layerInfo: layerInfoBytes ? { parsed: parseLayerInfo(layerInfoBytes.toString('utf8'), TRTEXEC_FILES.layerInfo), file: TRTEXEC_FILES.layerInfo } : null,
    };

    if (spec.profile) {
      emit({ type: 'phase', runId, phase: 'profile', detail: 'TensorRT layer profile (a separate trtexec process)' });
      const profiled = await runTrtexec(executable, profilePassArgs(enginePath, path.join(outDir, TRTEXEC_FILES.profile), caps, engine, shapes), {
        cwd: outDir, logPath: path.join(outDir, TRTEXEC_FILES.profileLog), timeoutMs: timeoutS * 1000, ...(options.signal ? { signal: options.signal } : {}),
      });
      await keep('profile-log', TRTEXEC_FILES.profileLog);
      if (profiled.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled while trtexec profiled the engine.' });
      const profileFailure = profiled.timedOut
        ? { kind: 'runtime' as const, message: `The profile pass did not finish within ${timeoutS} s and was stopped.` }
        : trtexecFailure(profiled, parseTrtexecLog(profiled.output), TRTEXEC_FILES.profileLog);
      const profileBytes = profileFailure ? null : await keep('profile', TRTEXEC_FILES.profile);
      if (profileBytes) {
        files.profile = { parsed: parseExportProfile(profileBytes.toString('utf8'), TRTEXEC_FILES.profile), file: TRTEXEC_FILES.profile, sha256: sha256Hex(profileBytes) };
      } else {
        base.extras.profileError = profileFailure ?? { kind: 'runtime', message: `The profile pass wrote no ${TRTEXEC_FILES.profile}.` };
      }
    }

    const record = trtexecCompletedRun({
      base,
      spec,
      files,
      warmupMs,
      tensors: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
    });
    const batchDim = spec.scenario.batchDim;
    if (batchDim !== undefined) {
      // As for ONNX Runtime: with the batch known, throughput and latency are also given per sample.
      const batchSize = batchSizeOf(spec.model, options.modelInfo.inputs, inputs, batchDim);
      const sorted = sortedAscending(record.samplesMs);
      record.batchSize = batchSize;
      record.samplesPerS = record.throughputPerS * batchSize;
      record.extras.perSample = { batchDim, batchSize, p50Ms: quantileSorted(sorted, 0.5) / batchSize, p99Ms: quantileSorted(sorted, 0.99) / batchSize, meanMs: record.latencyMs.mean / batchSize };
    }
    const measured = record.extras.trtexec as Record<string, unknown>;
    measured.executablePath = executable;
    // The command line in the log is what trtexec echoed; these are the arguments edgelab chose.
    measured.arguments = args;
    if (clocksAtStart?.available && clocksAtEnd?.available) record.warnings.push(...gpuClockWarnings(clocksAtStart.value, clocksAtEnd.value));
    if (recording) {
      const window = timedWindow(recording.startedAtMs ?? 0, timed, spanMs(times));
      const telemetry = trtexecTelemetry(recording, record.samplesMs, window, record.batchSize);
      if (clocksAtStart && clocksAtEnd) telemetry.summary.gpuClocks = gpuClockReading(clocksAtStart, clocksAtEnd);
      record.extras.telemetry = telemetry.summary;
      measured.telemetryCovers = telemetry.covers;
    }
    emit({ type: 'phase', runId, phase: 'done' });
    return { record, artifactPaths: written };
  } catch (e) {
    const error = toErrorInfo(e);
    return failed('failed', error);
  } finally {
    await telemetry?.stop().catch(() => undefined);
    // The engine is rebuilt from the model on demand; at hundreds of MB it is not evidence to keep.
    await rm(path.join(outDir, 'engine.plan'), { force: true });
  }
}
