import type { TegrastatsImportRequest } from '../api/imports.js';
import { LabError } from '../api/errors.js';
import { RUN_RECORD_SCHEMA_VERSION, type ObservedRun, type RunRecord } from '../api/run-record.js';
import { RunSpecSchema } from '../api/run-spec.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { available, unavailable } from '../telemetry/reading.js';
import { readTegrastatsLog } from '../telemetry/tegrastats-log.js';
import type { TelemetrySummary } from '../telemetry/telemetry-summary.js';
import type { ImportedRun } from './record-imported-run.js';
import { recordStreamedImport } from './record-streamed-import.js';

/**
 * `edgelab import tegrastats LOG --run ID`: a tegrastats log recorded on a Jetson while a run made
 * elsewhere ran (a DeepStream pipeline, a trtexec run), kept as its own imported record linked to
 * that run. Power follows the board-power rule of edgelab's own runs; energy per frame divides the
 * log's energy by the frames the linked run delivered in the log's duration (its FPS × duration).
 */
export interface ObservedDuring {
  runId: string;
  /** Frames per second of the linked run, and where that figure comes from. */
  framesPerSecond: number;
  framesFrom: string;
  frames: number;
  joulesPerFrame: number | null;
  intervalMs: number;
  intervalBasis: 'timestamps' | 'given';
}

/** The linked run's delivered frame rate: a pipeline's summed stream FPS, or inferences/s × batch. */
function frameRateOf(run: RunRecord): { fps: number; from: string } {
  const deepstream = run.extras['deepstream'] as { pipelineFps?: number | null } | undefined;
  if (typeof deepstream?.pipelineFps === 'number' && deepstream.pipelineFps > 0) {
    return { fps: deepstream.pipelineFps, from: `the pipeline's FPS (sum of its streams' average FPS) in run ${run.id}` };
  }
  if (run.state === 'completed' && run.throughputPerS > 0) {
    const batch = run.batchSize ?? 1;
    return { fps: run.throughputPerS * batch, from: `run ${run.id}'s throughput, ${run.throughputPerS.toFixed(2)} inferences/s${batch > 1 ? ` × batch ${batch}` : ''}` };
  }
  throw new LabError('input', `--run ${run.id}: that run has no frame rate to divide energy by (${run.state === 'failed' || run.state === 'cancelled' ? `it ${run.state}` : 'no pipeline FPS or throughput in it'}).`, 'Link the tegrastats log to the completed run it was recorded during.');
}

export async function importTegrastats(request: TegrastatsImportRequest & { tags?: string[] }, options: { workspace: Workspace }): Promise<ImportedRun> {
  if (request.log.trim() === '') throw new LabError('usage', 'edgelab import tegrastats: no log given.', 'Give the tegrastats log: edgelab import tegrastats run.txt --run RUN_ID');
  if (request.runId.trim() === '') throw new LabError('usage', 'edgelab import tegrastats: no --run given.', 'Name the run the log was recorded during (edgelab runs lists them): --run RUN_ID.');
  // The workspace's one read path: an unknown id is named with how to list runs, an edited record refused.
  const linked = await options.workspace.getRun(request.runId);
  const rate = frameRateOf(linked);
  const file = { path: request.log, given: 'LOG' };
  const log = await readTegrastatsLog(file, request.intervalMs ?? 1000);
  const frames = rate.fps * (log.durationMs / 1000);
  const during: ObservedDuring = {
    runId: linked.id,
    framesPerSecond: rate.fps,
    framesFrom: rate.from,
    frames,
    joulesPerFrame: log.power && frames > 0 ? log.power.energyJ / frames : null,
    intervalMs: log.intervalMs,
    intervalBasis: log.intervalBasis,
  };
  const telemetry: TelemetrySummary = {
    ...log.telemetry,
    importedLog: 'tegrastats log',
    energy: log.power
      ? available({ source: `tegrastats ${log.power.rail}, ${log.power.method} (mean power × duration); per inference = per frame of run ${linked.id}`, energyJ: log.power.energyJ, averagePowerW: log.power.meanW, joulesPerInference: during.joulesPerFrame ?? 0, domains: [] })
      : unavailable('The log prints no power rail.'),
  };
  return recordStreamedImport({
    tool: 'tegrastats',
    sources: [{ ...file, role: 'log', sha256: log.file.sha256 }],
    build: (_files, { runId, startedAt }) => ({ statedHardware: request.statedHardware?.trim() || null, record: {
      schemaVersion: RUN_RECORD_SCHEMA_VERSION,
      id: runId,
      startedAt,
      finishedAt: startedAt,
      spec: RunSpecSchema.parse({ model: linked.spec.model, label: request.label ?? `tegrastats during ${linked.spec.label ?? linked.id}`, tags: request.tags ?? [], telemetry: true }),
      model: linked.model,
      software: { edgelab: edgelabVersion(), onnxruntime: 'none (imported tegrastats log)', node: process.version, platform: 'unknown', arch: 'unknown' },
      hardware: null,
      extras: { telemetry, observedDuring: during },
      state: 'observed',
      durationMs: log.durationMs,
      samplesMs: [],
      warnings: [{
        code: 'telemetry-observed',
        message: `Telemetry only: ${log.samples} tegrastats line${log.samples === 1 ? '' : 's'} ${log.intervalBasis === 'timestamps' ? `${Math.round(log.intervalMs)} ms apart by their timestamps` : `taken as ${log.intervalMs} ms apart (${request.intervalMs ? '--interval' : 'tegrastats\' default'})`}; frames are the linked run's FPS × the log's duration, not counted.`,
        advice: 'Record tegrastats for exactly the span of the run (start it just before, stop it just after), with --interval matching what you pass here.',
      }],
      verdicts: [],
    } satisfies ObservedRun }),
  }, { workspace: options.workspace });
}
