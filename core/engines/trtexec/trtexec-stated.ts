import type { StatedSummary, SummaryOnlyRun } from '../../api/run-record.js';
import type { BenchWarning } from '../../api/warnings.js';
import { loggedAccelerator } from '../../hardware/accelerator.js';
import { statedVerdicts } from '../../targets/stated-verdicts.js';
import { parseTargets } from '../../targets/index.js';
import type { TrtexecTimings } from '../../telemetry/trtexec.js';
import type { TrtexecLog } from './trtexec-log.js';
import { trtexecWarnings } from './trtexec-warnings.js';

/**
 * A trtexec console log imported alone (a CI log, a forum post): its `=== Performance summary ===`
 * is all there is, so the record is summary-only. Every figure is copied as trtexec printed it; the
 * iteration count and wall time are the ones it states; nothing is derived and no interval is
 * possible, and a percentile it did not print (p99.9 without --percentile=99.9) is "not stated".
 */
export const TRTEXEC_SUMMARY_ONLY_NOTE = "the trtexec log states its performance summary only (min, max, mean, median and the percentiles it printed, per stage) and no per-iteration times (--exportTimes): there are no samples, so no confidence intervals, no drift or outlier checks, and no percentile it did not print";

type StatedStage = NonNullable<StatedSummary['stages']>[number];

function percentilesOf(t: TrtexecTimings): { percentile: number; valueMs: number }[] {
  const printed = Object.entries(t.percentiles).map(([key, valueMs]) => ({ percentile: Number(key.slice(1)), valueMs }));
  return [{ percentile: 50, valueMs: t.median }, ...printed.filter((p) => p.percentile !== 50)].sort((a, b) => a.percentile - b.percentile);
}

const stage = (name: string, t: TrtexecTimings | null, totalMs: number | null = null): StatedStage[] =>
  t ? [{ name, mean: t.mean, min: t.min, max: t.max, percentiles: percentilesOf(t), totalMs }] : [];

/**
 * What the summary-only record cites from the log beyond its parsed facts, taken line by line as the
 * log streams: the timing trace's query count, where the summary is (for "stated in FILE, line N"),
 * and the warm-up time.
 */
export class TrtexecLogPlaces {
  timingTrace: { queries: number; seconds: number } | null = null;
  private stampedSummaryLine: number | null = null;
  private bareSummaryLine: number | null = null;
  warmupMs: number | null = null;

  line(line: string, lineNo: number): void {
    // "Timing trace has 46125 queries over 3.00013 s": the timed queries, as trtexec counted them.
    const trace = this.timingTrace === null ? /Timing trace has (\d+) queries over ([\d.]+) s/.exec(line) : null;
    if (trace) this.timingTrace = { queries: Number(trace[1]), seconds: Number(trace[2]) };
    if (this.stampedSummaryLine === null && /\]\s*(?:\[I\]\s*)?(?:Throughput|Latency): /.test(line)) this.stampedSummaryLine = lineNo;
    if (this.bareSummaryLine === null && /^(?:Throughput|Latency): /.test(line)) this.bareSummaryLine = lineNo;
    const warmup = this.warmupMs === null ? /\(\+\s*(\d+(?:\.\d+)?)\s*ms warm up\)/.exec(line) : null;
    if (warmup) this.warmupMs = Number(warmup[1]);
  }

  /** 1-based line of the summary's first figure, or null. */
  get summaryLine(): number | null {
    return this.stampedSummaryLine ?? this.bareSummaryLine;
  }
}

export function trtexecStatedSummary(log: TrtexecLog, logName: string, places: TrtexecLogPlaces): StatedSummary {
  const s = log.summary;
  const latency = s?.latencyMs ?? null;
  const trace = places.timingTrace;
  const at = places.summaryLine;
  const gpuTotalMs = s?.totalGpuComputeTimeS != null ? s.totalGpuComputeTimeS * 1000 : null;
  return {
    source: `${logName}, its performance summary${at !== null ? ` (line ${at})` : ''}`,
    iterations: trace ? trace.queries : null,
    durationMs: s?.totalHostWalltimeS != null ? s.totalHostWalltimeS * 1000 : trace ? trace.seconds * 1000 : null,
    throughputPerS: s?.throughputQps ?? null,
    latencyMs: { mean: latency?.mean ?? null, min: latency?.min ?? null, max: latency?.max ?? null, percentiles: latency ? percentilesOf(latency) : [] },
    stages: [
      ...stage('Enqueue Time', s?.enqueueTimeMs ?? null),
      ...stage('H2D Latency', s?.h2dLatencyMs ?? null),
      ...stage('GPU Compute Time', s?.gpuComputeTimeMs ?? null, gpuTotalMs),
      ...stage('D2H Latency', s?.d2hLatencyMs ?? null),
    ],
    firstInferenceMs: null,
    // The engine build is TensorRT's compile; loading a saved plan is not one, so it stays in extras.trtexec.
    compileMs: log.engineBuildS !== null ? log.engineBuildS * 1000 : null,
    note: TRTEXEC_SUMMARY_ONLY_NOTE,
  };
}

export interface SummaryOnlyParts {
  base: Omit<SummaryOnlyRun, 'state' | 'executionProvider' | 'statedSummary' | 'samplesMs' | 'warnings' | 'verdicts'>;
  log: TrtexecLog;
  logName: string;
  places: TrtexecLogPlaces;
  /** Where the log cannot be read as one complete run (an excerpt with no `&&&& PASSED`), said as a warning. */
  excerpt: boolean;
}

export function trtexecSummaryOnlyRun(p: SummaryOnlyParts): SummaryOnlyRun {
  const { log } = p;
  const summary = trtexecStatedSummary(log, p.logName, p.places);
  const executionProvider = log.dlaCore !== null ? `tensorrt (trtexec, DLA ${log.dlaCore})` : 'tensorrt (trtexec)';
  const major = Number(log.tensorrtVersion?.split('.')[0]);
  const extras: Record<string, unknown> = {
    ...p.base.extras,
    trtexec: {
      tensorrtVersion: log.tensorrtVersion, device: log.device, computeCapability: log.computeCapability, deviceMemoryMiB: log.deviceMemoryMiB,
      precision: log.precision, dlaCore: log.dlaCore,
      // TensorRT 11 makes no copies unless asked; before it, a log that does not say leaves it unknown.
      hostDeviceCopiesIncluded: log.dataTransfers ?? (Number.isFinite(major) && major >= 11 ? false : null),
      cudaGraph: log.cudaGraph, spinWait: log.spinWait, inputPool: 1,
      engineBuildMs: log.engineBuildS !== null ? log.engineBuildS * 1000 : null,
      engineLoadMs: log.engineLoadS !== null ? log.engineLoadS * 1000 : null,
      commandLine: log.commandLine, loggedStart: log.loggedStart,
    },
  };
  const accelerator = loggedAccelerator(executionProvider, log);
  if (accelerator) extras.accelerator = accelerator;
  const warnings: BenchWarning[] = [
    { code: 'summary-only', message: `Summary only: ${TRTEXEC_SUMMARY_ONLY_NOTE}.`, advice: 'Read the figures as trtexec stated them. For intervals and verdicts on any percentile, import the per-iteration times too: run trtexec with --exportTimes=times.json and pass --times times.json.' },
    ...trtexecWarnings(log),
  ];
  if (p.excerpt) {
    warnings.push({ code: 'trtexec-log-excerpt', message: `${p.logName} has no "&&&& PASSED" or "&&&& FAILED" line: it is an excerpt, or trtexec stopped after printing its summary.`, advice: 'Import the whole console log of the run where you have it (`trtexec … 2>&1 | tee run.log`).' });
  }
  return {
    ...p.base,
    extras,
    state: 'summary-only',
    executionProvider,
    statedSummary: summary,
    samplesMs: [],
    warnings,
    verdicts: statedVerdicts(parseTargets(p.base.spec.targets), summary),
  };
}
