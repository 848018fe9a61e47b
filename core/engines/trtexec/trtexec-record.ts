import type { CompletedRun, LatencyStats } from '../../api/run-record.js';
import type { RunSpec } from '../../api/run-spec.js';
import type { BenchWarning } from '../../api/warnings.js';
import { analyzeRun } from '../../bench/analyze-run.js';
import { sortedAscending, summarizeSortedLatency } from '../../stats/index.js';
import { spanMs, type IterationTimes } from './export-times.js';
import type { LayerInfo } from './layer-info.js';
import type { LayerProfile } from './layer-profile.js';
import type { TrtexecLog } from './trtexec-log.js';
import { trtexecProfileSummary } from './trtexec-profile.js';
import { trtexecWarnings } from './trtexec-warnings.js';

/**
 * The parts of a trtexec run, whether edgelab ran trtexec (the engine) or read files it wrote on
 * another machine (an import), made into one completed record. Statistics, targets, verdicts and
 * warnings come from the same analyzeRun as an ONNX Runtime run: only the samples differ.
 */
export interface TrtexecRunFiles {
  log: TrtexecLog | null;
  times: IterationTimes[];
  profile: { parsed: LayerProfile; file: string; sha256: string } | null;
  layerInfo: { parsed: LayerInfo; file: string } | null;
}

export interface TrtexecSeries {
  computeMs: number[];
  h2dMs: number[];
  d2hMs: number[];
  enqueueMs: number[];
}

/** What trtexec measured, said so a reader does not have to know trtexec's defaults. */
export interface TrtexecMeasurement {
  tensorrtVersion: string | null;
  device: string | null;
  computeCapability: string | null;
  deviceMemoryMiB: number | null;
  precision: string | null;
  dlaCore: number | null;
  /** True: each latency includes the host→device and device→host copies. False: GPU compute only. */
  hostDeviceCopiesIncluded: boolean | null;
  cudaGraph: boolean | null;
  spinWait: boolean | null;
  /** trtexec feeds the same input buffers every iteration, as edgelab's --input-pool 1 does. */
  inputPool: 1;
  engineBuildMs: number | null;
  engineLoadMs: number | null;
  /** trtexec's warm-up before the timed iterations (it warms up by time); null when the files do not state it. */
  warmUpMs: number | null;
  coldStart: string;
  commandLine: string | null;
  /** When the log says the run began, in that machine's local time (trtexec prints no zone). */
  loggedStart: string | null;
  /** Per-iteration series beside the end-to-end latency, and their summaries. */
  seriesMs: TrtexecSeries;
  seriesSummaryMs: Record<keyof TrtexecSeries, LatencyStats>;
}

export function trtexecSeries(times: readonly IterationTimes[]): TrtexecSeries {
  return {
    computeMs: times.map((t) => t.computeMs),
    h2dMs: times.map((t) => t.h2dMs),
    d2hMs: times.map((t) => t.d2hMs),
    enqueueMs: times.map((t) => t.enqueueMs),
  };
}

/**
 * Copies are included when the log says `Data transfers: Enabled`, or when any iteration spent
 * time copying (trtexec writes 0 for both copies when it made none).
 */
function copiesIncluded(log: TrtexecLog | null, times: readonly IterationTimes[]): boolean | null {
  if (log?.dataTransfers !== null && log?.dataTransfers !== undefined) return log.dataTransfers;
  if (times.some((t) => t.h2dMs > 0 || t.d2hMs > 0)) return true;
  // TensorRT 11 makes no copies unless asked; before it, a log that does not say leaves it unknown.
  const major = Number(log?.tensorrtVersion?.split('.')[0]);
  return Number.isFinite(major) && major >= 11 ? false : null;
}

export interface TrtexecRecordOptions {
  base: Omit<CompletedRun, 'state' | 'executionProvider' | 'coldStart' | 'warmup' | 'iterations' | 'durationMs' | 'latencyMs' | 'stability' | 'throughputPerS' | 'samplesMs' | 'inputs' | 'warnings' | 'verdicts' | 'finishedAt'>;
  spec: RunSpec;
  files: TrtexecRunFiles;
  /** trtexec's warm-up; null when the imported files do not state it. */
  warmupMs: number | null;
  /** Input tensors as the run fed them (from the spec's shapes, or the layer info's bindings). */
  tensors: { name: string; dtype: string; shape: number[] }[];
  extraWarnings?: BenchWarning[];
}

const sameInputsWarning: BenchWarning = {
  code: 'few-distinct-inputs',
  message: 'trtexec fed the same input buffers every iteration (as --input-pool 1 does).',
  advice: 'Data stays hot in the caches, which can flatter latency for models whose inputs are large next to the cache. trtexec cannot rotate inputs; for a data-dependent model, compare with an ONNX Runtime run on real images.',
};

export function trtexecCompletedRun(o: TrtexecRecordOptions): CompletedRun {
  const { files } = o;
  const samplesMs = files.times.map((t) => t.latencyMs);
  const summaryWallS = files.log?.summary?.totalHostWalltimeS ?? null;
  // trtexec's iterations overlap when it runs several streams or enqueues ahead; their span on its
  // clock is the time they took. Without a span (one iteration), the summary's wall time.
  const span = spanMs(files.times);
  const elapsedMs = span > 0 ? span : summaryWallS !== null ? summaryWallS * 1000 : samplesMs.reduce((a, b) => a + b, 0);
  const engineBuildMs = files.log?.engineBuildS != null ? files.log.engineBuildS * 1000 : null;
  const engineLoadMs = files.log?.engineLoadS != null ? files.log.engineLoadS * 1000 : null;
  const sessionCreateMs = (engineBuildMs ?? 0) + (engineLoadMs ?? 0);
  const analysis = analyzeRun({
    samplesMs,
    elapsedMs,
    sessionCreateMs,
    firstInferenceMs: 0,
    warmupIterations: 1,
    poolSize: 1,
    targets: o.spec.targets,
    scenarioKind: 'single-stream',
  });
  // trtexec warms up by duration, not by count; the slow-first-run check counts iterations, so it
  // would blame a warm-up it cannot see.
  const warnings = [
    ...analysis.warnings.filter((w) => w.code !== 'slow-first-run').map((w) => (w.code === 'few-distinct-inputs' ? sameInputsWarning : w)),
    ...(files.log ? trtexecWarnings(files.log) : []),
    ...(o.extraWarnings ?? []),
  ];
  const series = trtexecSeries(files.times);
  const summarize = (xs: number[]) => summarizeSortedLatency(sortedAscending(xs));
  const engine = o.spec.engine?.kind === 'trtexec' ? o.spec.engine : undefined;
  const measurement: TrtexecMeasurement = {
    tensorrtVersion: files.log?.tensorrtVersion ?? null,
    device: files.log?.device ?? null,
    computeCapability: files.log?.computeCapability ?? null,
    deviceMemoryMiB: files.log?.deviceMemoryMiB ?? null,
    precision: files.log?.precision ?? engine?.precision?.toUpperCase() ?? null,
    dlaCore: files.log?.dlaCore ?? engine?.dlaCore ?? null,
    hostDeviceCopiesIncluded: copiesIncluded(files.log, files.times),
    cudaGraph: files.log?.cudaGraph ?? null,
    spinWait: files.log?.spinWait ?? null,
    inputPool: 1,
    engineBuildMs,
    engineLoadMs,
    warmUpMs: o.warmupMs,
    coldStart: engineBuildMs === null && engineLoadMs === null
      ? 'not stated: the files give no engine build or load time'
      : 'engine build and load (deserialize) time as trtexec printed it; trtexec does not time the first inference apart, so firstInferenceMs is 0',
    commandLine: files.log?.commandLine ?? null,
    loggedStart: files.log?.loggedStart ?? null,
    seriesMs: series,
    seriesSummaryMs: { computeMs: summarize(series.computeMs), h2dMs: summarize(series.h2dMs), d2hMs: summarize(series.d2hMs), enqueueMs: summarize(series.enqueueMs) },
  };
  const extras: Record<string, unknown> = { ...o.base.extras, trtexec: measurement };
  if (files.profile) {
    extras.profile = trtexecProfileSummary(
      files.profile.parsed,
      files.layerInfo?.parsed ?? null,
      { profileFile: files.profile.file, profileSha256: files.profile.sha256, layerInfoFile: files.layerInfo?.file ?? null },
      measurement.dlaCore !== null,
    );
  }
  return {
    ...o.base,
    extras,
    finishedAt: new Date().toISOString(),
    state: 'completed',
    executionProvider: measurement.dlaCore !== null ? `tensorrt (trtexec, DLA ${measurement.dlaCore})` : 'tensorrt (trtexec)',
    coldStart: { sessionCreateMs, firstInferenceMs: 0 },
    warmup: { iterations: 0, durationMs: o.warmupMs ?? 0 },
    iterations: samplesMs.length,
    durationMs: elapsedMs,
    samplesMs,
    inputs: { distinctSets: 1, seed: 0, tensors: o.tensors },
    ...analysis,
    warnings,
  };
}
