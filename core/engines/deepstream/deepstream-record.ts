import type { FailedRun, ObservedRun } from '../../api/run-record.js';
import { RUN_RECORD_SCHEMA_VERSION } from '../../api/run-record.js';
import type { BenchWarning } from '../../api/warnings.js';
import { RunSpecSchema } from '../../api/run-spec.js';
import { edgelabVersion } from '../../package-root.js';
import { evaluateTargets, parseTargets } from '../../targets/index.js';
import type { DeepstreamLog } from './deepstream-log.js';
import type { NvinferEngine } from './nvinfer-lines.js';

/**
 * A DeepStream pipeline run as a record. DeepStream prints FPS per stream per interval and, with
 * latency measurement on, per-frame and per-component times; it never times single inferences, so
 * the record is an observed run: no latency samples, no intervals built from them. Its figures are
 * in `extras.deepstream` (core/present/sections/deepstream-section.ts draws them).
 */
export interface DeepstreamExtras {
  deepstreamVersion: string | null;
  logLines: number;
  perfReports: number;
  streams: DeepstreamLog['streams'];
  /** Sum of the streams' last average FPS: frames the pipeline delivered per second. */
  pipelineFps: number | null;
  fpsSeries: DeepstreamLog['fpsSeries'];
  latency: DeepstreamLog['latency'];
  engines: NvinferEngine[];
  outcome: DeepstreamLog['outcome'];
}

export interface DeepstreamRecordInput {
  log: DeepstreamLog;
  logName: string;
  label?: string;
  tags?: string[];
  targets?: string[];
}

/** The engine that sees every frame: nvinfer's primary GIE (UID 1 in deepstream-app), else the first. */
export function primaryEngine(engines: readonly NvinferEngine[]): NvinferEngine | null {
  return engines.find((e) => e.element === 'primary_gie') ?? engines.find((e) => e.uid === 1) ?? engines[0] ?? null;
}

function warningsOf(log: DeepstreamLog): BenchWarning[] {
  const out: BenchWarning[] = [{
    code: 'pipeline-observed',
    message: 'A DeepStream pipeline: FPS per stream per reporting interval, as DeepStream printed it; no single inference was timed, so there are no per-inference latencies or confidence intervals.',
    advice: 'To time the model alone, run it with trtexec or ONNX Runtime on the same device and compare: edgelab compare states the pipeline\'s overhead beyond inference.',
  }];
  const l = log.latency;
  if (l.epochFrameLines > 0) {
    out.push({
      code: 'frame-latency-is-a-timestamp',
      message: `${l.epochFrameLines} "Frame latency" value${l.epochFrameLines === 1 ? ' is' : 's are'} a wall-clock timestamp (ms since 1970), not a latency: DeepStream subtracts the input time of a component named nvv4l2decode*, and this pipeline has none (its first component is ${l.firstComponent ?? 'not listed'}).${l.frameLatency?.basis === 'from-timestamps' ? ' The frame latency shown is the sink time minus the earliest component input of the same batch, both from the log.' : ''}`,
      advice: 'Name the decoder element so it starts with nvv4l2decode (deepstream-app does), or read the per-component times, which are correct.',
    });
  }
  const stalled = log.streams.filter((s) => s.stalledIntervals > 0);
  if (stalled.length > 0) {
    out.push({
      code: 'stream-stalled',
      message: `${stalled.map((s) => `stream ${s.stream}: ${s.stalledIntervals} interval${s.stalledIntervals === 1 ? '' : 's'} with no frame`).join('; ')} after it had started.`,
      advice: 'A source that stops delivering (RTSP drop, end of file on one stream) lowers its average; check the source before the model.',
    });
  }
  return out;
}

export function deepstreamRecord(input: DeepstreamRecordInput, ids: { runId: string; startedAt: string }): ObservedRun | FailedRun {
  const { log } = input;
  const engine = primaryEngine(log.engines);
  const targets = input.targets ?? [];
  const spec = RunSpecSchema.parse({
    model: engine?.enginePath ?? '(no engine named in the DeepStream log)',
    ...(input.label ? { label: input.label } : {}),
    tags: input.tags ?? [],
    targets,
    profile: false,
    telemetry: false,
  });
  const streams = log.streams.filter((s) => s.averageFps !== null) as Array<DeepstreamLog['streams'][number] & { averageFps: number }>;
  const extras: DeepstreamExtras = {
    deepstreamVersion: log.deepstreamVersion,
    logLines: log.file.lines,
    perfReports: log.perfReports,
    streams: log.streams,
    pipelineFps: streams.length > 0 ? streams.reduce((sum, s) => sum + s.averageFps, 0) : null,
    fpsSeries: log.fpsSeries,
    latency: log.latency,
    engines: log.engines,
    outcome: log.outcome,
  };
  const base = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION as typeof RUN_RECORD_SCHEMA_VERSION,
    id: ids.runId,
    startedAt: ids.startedAt,
    finishedAt: ids.startedAt,
    spec,
    model: null,
    software: { edgelab: edgelabVersion(), onnxruntime: `none (imported DeepStream ${log.deepstreamVersion ?? 'run, version not printed'})`, node: process.version, platform: 'unknown', arch: 'unknown' },
    hardware: null,
    extras: { deepstream: extras } as Record<string, unknown>,
  };
  const measuredNothing = log.perfReports === 0 && log.latency.frameLines === 0 && log.latency.components.length === 0;
  if (log.outcome === 'failed' || measuredNothing) {
    const why = log.outcome === 'failed'
      ? `deepstream-app reported "App run failed"${log.firstError ? `: ${log.firstError}` : ''}.`
      : `The log holds no **PERF: report and no latency line${log.firstError ? `; its first error: ${log.firstError}` : ''}.`;
    return { ...base, state: 'failed', error: { kind: 'runtime', message: why, hint: 'Import the log of a run that played its sources (enable-perf-measurement=1 in [application] prints **PERF: lines).' }, samplesMs: [] };
  }
  const verdicts = evaluateTargets(parseTargets(targets), { pipelineStreams: streams.map((s) => ({ stream: s.stream, averageFps: s.averageFps })) });
  return { ...base, state: 'observed', durationMs: null, samplesMs: [], warnings: warningsOf(log), verdicts };
}
