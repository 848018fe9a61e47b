import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { LabError, toErrorInfo, type ErrorInfo } from '../../api/errors.js';
import type { RunEventListener } from '../../api/events.js';
import type { ModelInfo } from '../../api/model-info.js';
import type { FailedRun, RunRecord } from '../../api/run-record.js';
import type { RunSpec, TrtexecEngineSpec } from '../../api/run-spec.js';
import { recordBase } from '../../bench/record-base.js';
import { batchSizeOf } from '../../bench/scenarios/batch-size.js';
import { quantileSorted, sortedAscending } from '../../stats/index.js';
import { measureLimits, TELEMETRY_INTERVAL_MS } from '../../bench/run-benchmark.js';
import { sha256Hex } from '../../evidence/record-file.js';
import { resolveInputShapes } from '../../inputs/shapes.js';
import { startTelemetry, type TelemetryOptions, type TelemetryRecorder, type TelemetryRecording } from '../../telemetry/sampler.js';
import { summarizeTelemetry, type TelemetrySummary } from '../../telemetry/telemetry-summary.js';
import { tensorrtVersion } from '../../telemetry/trtexec.js';
import { parseExportTimes } from './export-times.js';
import { parseLayerInfo } from './layer-info.js';
import { parseExportProfile } from './layer-profile.js';
import { locateTrtexec } from './locate-trtexec.js';
import { runTrtexec, type TrtexecExit } from './spawn-trtexec.js';
import { parseTrtexecHelp, profilePassArgs, timedPassArgs } from './trtexec-flags.js';
import { parseTrtexecLog, type TrtexecLog } from './trtexec-log.js';
import { trtexecCompletedRun, type TrtexecRunFiles } from './trtexec-record.js';

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
 * second process with TensorRT's layer profiler. Telemetry (tegrastats power on a Jetson) samples
 * the timed process only. Every file trtexec wrote is kept beside the record and named in it with
 * its SHA-256, so `runs verify` sees an edit.
 */
export async function runTrtexecBenchmark(spec: RunSpec, options: TrtexecRunOptions): Promise<TrtexecRunResult> {
  const engine = spec.engine as TrtexecEngineSpec;
  const emit = options.onEvent ?? (() => {});
  const { runId, outDir } = options;
  const startedAt = new Date().toISOString();
  const base = recordBase(runId, startedAt, spec, options.modelInfo);
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
    const help = await runTrtexec(executable, ['--help'], { cwd: outDir });
    const caps = parseTrtexecHelp(help.output, tensorrtVersion);

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
    if (spec.telemetry) telemetry = await startTelemetry({ intervalMs: TELEMETRY_INTERVAL_MS, ...options.telemetry });
    const timedStarted = performance.now();
    const timed = await runTrtexec(executable, args, { cwd: outDir, logPath: path.join(outDir, TRTEXEC_FILES.timedLog), ...(options.signal ? { signal: options.signal } : {}) });
    const timedWallMs = performance.now() - timedStarted;
    const recording = await telemetry?.stop();
    telemetry = undefined;
    await keep('log', TRTEXEC_FILES.timedLog);
    const log = parseTrtexecLog(timed.output);
    if (timed.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled while trtexec ran.' });
    const failure = trtexecFailure(timed, log, TRTEXEC_FILES.timedLog);
    if (failure) return failed('failed', failure);

    const timesBytes = await keep('times', TRTEXEC_FILES.times);
    if (timesBytes === null) {
      return failed('failed', { kind: 'runtime', message: `trtexec passed but wrote no ${TRTEXEC_FILES.times} (--exportTimes).`, hint: `Its log is kept beside the record as ${TRTEXEC_FILES.timedLog}.` });
    }
    const times = parseExportTimes(timesBytes.toString('utf8'), TRTEXEC_FILES.times);
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
        cwd: outDir, logPath: path.join(outDir, TRTEXEC_FILES.profileLog), ...(options.signal ? { signal: options.signal } : {}),
      });
      await keep('profile-log', TRTEXEC_FILES.profileLog);
      if (profiled.cancelled) return failed('cancelled', { kind: 'runtime', message: 'Cancelled while trtexec profiled the engine.' });
      const profileFailure = trtexecFailure(profiled, parseTrtexecLog(profiled.output), TRTEXEC_FILES.profileLog);
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
    if (recording) {
      const telemetry = trtexecTelemetry(recording, record.samplesMs, record.durationMs, timedWallMs);
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

/**
 * Telemetry of a trtexec run. The sampler ran for the whole process (parsing, the engine build,
 * warm-up, the timed iterations), but energy per inference must be the timed iterations'. trtexec
 * times on its own clock, so the timed window is placed at the end of the process (trtexec exits
 * right after timing) and the tegrastats samples inside it are kept; energy is then the mean power
 * × the timed iterations' duration. With no sample inside the window (a run shorter than one
 * telemetry interval), the mean power is the whole process's, and the record says so.
 */
export function trtexecTelemetry(recording: TelemetryRecording, samplesMs: readonly number[], timedMs: number, processWallMs: number): { summary: TelemetrySummary; covers: string } {
  const windowStart = processWallMs - timedMs - TELEMETRY_INTERVAL_MS;
  const inWindow = recording.samples.filter((s) => s.elapsedMs >= windowStart);
  const windowed = inWindow.length > 0;
  const summary = summarizeTelemetry(windowed ? { ...recording, samples: inWindow } : recording, { samplesMsInOrder: samplesMs, inferences: samplesMs.length, durationMs: processWallMs, intervalMs: TELEMETRY_INTERVAL_MS });
  const over = windowed && !recording.energy.available ? 'the timed iterations (the end of the trtexec process)' : 'the whole trtexec process, engine build included';
  if (summary.energy.available) {
    const { averagePowerW, source } = summary.energy.value;
    const energyJ = averagePowerW * (timedMs / 1000);
    summary.energy = { available: true, value: { ...summary.energy.value, energyJ, joulesPerInference: samplesMs.length > 0 ? energyJ / samplesMs.length : 0, source: `${source}; mean power over ${over} × the timed iterations' duration` } };
  }
  return { summary, covers: `${windowed ? `${inWindow.length} samples at the end of the process, where the timed iterations ran` : 'the whole trtexec process (no sample fell inside the timed iterations: run longer with --duration)'}; power over ${over}` };
}

/** A failed or crashed trtexec as a failed run's error, quoting the lines that say why. */
export function trtexecFailure(exit: Pick<TrtexecExit, 'code' | 'signal'>, log: TrtexecLog, logName: string): ErrorInfo | null {
  if (exit.code === 0 && log.outcome === 'passed') return null;
  const how = exit.signal ? `was ended by ${exit.signal}` : log.outcome === 'failed' ? `reported &&&& FAILED (exit code ${exit.code})` : `ended without finishing (exit code ${exit.code}, no &&&& PASSED line)`;
  const quoted = log.decisiveLines.length > 0 ? `\n${log.decisiveLines.map((l) => `  > ${l}`).join('\n')}` : '';
  return {
    kind: 'runtime',
    message: `trtexec ${how}.${quoted}`,
    hint: `Its whole log is kept beside the run record as ${logName}. A parse error or an unsupported layer is the model's (check the opset and the ops TensorRT ${log.tensorrtVersion ?? ''} supports); an assertion or a signal during the build is TensorRT's (try another precision or a newer release).`,
  };
}
