import type { TrtexecImportRequest as TrtexecImportFiles } from '../../api/imports.js';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import type { FailedRun, RunRecord } from '../../api/run-record.js';
import { RUN_RECORD_SCHEMA_VERSION } from '../../api/run-record.js';
import { RunSpecSchema, type RunSpec, type TrtexecEngineSpec } from '../../api/run-spec.js';
import { modelFingerprint } from '../../evidence/record-base.js';
import { ONNXRUNTIME_NOT_USED } from '../../evidence/software.js';
import type { StreamedImport } from '../../files/streamed-import.js';
import { loggedAccelerator } from '../../hardware/accelerator.js';
import { inspectModel } from '../../model/inspect.js';
import { edgelabVersion } from '../../package-root.js';
import { parseTargets } from '../../targets/index.js';
import { quantileSorted, sortedAscending } from '../../stats/index.js';
import { trtexecFailure } from './trtexec-failure.js';
import type { TrtexecLog } from './trtexec-log.js';
import { readTrtexecImport } from './read-trtexec-files.js';
import { trtexecCompletedRun, type TrtexecRunFiles } from './trtexec-record.js';
import { trtexecSummaryOnlyRun } from './trtexec-stated.js';
import { trtexecProfileSummary } from './trtexec-profile.js';

/**
 * `edgelab import trtexec`: a trtexec run made where edgelab never ran (a Jetson without Node, a
 * colleague's workstation) recorded as imported evidence. Per-iteration times (--exportTimes) are
 * what statistics, intervals and verdicts need, so a completed import needs them; a log alone is
 * recorded summary-only (the figures its performance summary states, verdicts only on those); a
 * log that ends in `&&&& FAILED` or stops mid-build is imported as the failed run it was.
 */
/** The files and words the app's Import screen sends (core/api/imports.ts), plus what only the CLI sets. */
export interface TrtexecImportRequest extends TrtexecImportFiles {
  tags?: string[];
  targets?: string[];
}

/** The precision the log states (its command line, its `Precision:` line); undefined when it states none. */
function precisionOf(log: TrtexecLog | null): TrtexecEngineSpec['precision'] {
  if (log?.commandLine && /--best\b/.test(log.commandLine)) return 'best';
  const p = log?.precision;
  if (!p) return undefined;
  return /INT8/.test(p) ? 'int8' : /FP16/.test(p) ? 'fp16' : 'fp32';
}

/** `--shapes=x:4x1x28x28,y:1x3` on the logged command line → tensors the run fed. */
function shapesOf(log: TrtexecLog | null): { name: string; dtype: string; shape: number[] }[] {
  const flag = /--shapes=(\S+)/.exec(log?.commandLine ?? '')?.[1];
  if (!flag) return [];
  return flag.split(',').flatMap((entry) => {
    const match = /^'?(.+?)'?:(\d+(?:x\d+)*)$/.exec(entry);
    return match ? [{ name: match[1]!, dtype: 'unknown', shape: match[2]!.split('x').map(Number) }] : [];
  });
}

/** The tensors the run fed: the logged --shapes, else the input bindings trtexec says it created. */
function tensorsOf(log: TrtexecLog | null): { name: string; dtype: string; shape: number[] }[] {
  const fromFlag = shapesOf(log);
  if (fromFlag.length > 0) return fromFlag;
  return (log?.inputBindings ?? []).map((b) => ({ name: b.name, dtype: b.dtype ?? 'not stated', shape: b.shape }));
}

/**
 * TensorRT engines are explicit-batch: the leading dimension of every input is the batch. When the
 * inputs the files state agree on it, latency and throughput are also given per sample, as for a
 * measured batched run; when they do not (or no shape is stated), no batch size is claimed.
 */
function batchOf(tensors: readonly { shape: number[] }[]): number | null {
  const leading = [...new Set(tensors.map((t) => t.shape[0]))];
  return tensors.length > 0 && leading.length === 1 && leading[0] !== undefined && leading[0] > 0 ? leading[0] : null;
}

function modelNamed(log: TrtexecLog | null): string | null {
  return log?.modelPath ?? /--(?:onnx|loadEngine)=(\S+)/.exec(log?.commandLine ?? '')?.[1] ?? null;
}

/** Where the log and the files given with it contradict each other: names, or copies that were or were not made. */
function filesDisagree(log: TrtexecLog, times: { name: string }, profile: { name: string } | undefined, files: TrtexecRunFiles): string[] {
  const out: string[] = [];
  const named = (logged: string | null, given: { name: string } | undefined, what: string, flag: string) => {
    if (!given || logged === null) return;
    if (logged === '') out.push(`the log's run wrote no ${what} file, yet ${flag} ${given.name} was given`);
    else if (path.basename(logged) !== given.name) out.push(`the log's run wrote its ${what} to ${path.basename(logged)}, not ${given.name}`);
  };
  named(log.exportTimesFile, times, '--exportTimes', '--times');
  named(log.exportProfileFile, profile, '--exportProfile', '--profile');
  const copied = files.times.some((t) => t.h2dMs > 0 || t.d2hMs > 0);
  if (log.dataTransfers === true && !copied) out.push('the log says data transfers were on, but no iteration in the times spent anything on copies');
  if (log.dataTransfers === false && copied) out.push('the log says data transfers were off, but the times show copies');
  return out;
}

/** What the files state, and how they make the record; core/lab records it (core/lab/import-tool-runs.ts). */
export async function readTrtexecRun(request: TrtexecImportRequest): Promise<StreamedImport> {
  const sources = [
    ...(request.log ? [{ role: 'log', path: request.log, given: 'LOG' }] : []),
    ...(request.times ? [{ role: 'times', path: request.times, given: '--times' }] : []),
    ...(request.profile ? [{ role: 'profile', path: request.profile, given: '--profile' }] : []),
    ...(request.layerInfo ? [{ role: 'layer-info', path: request.layerInfo, given: '--layer-info' }] : []),
  ];
  if (sources.length === 0) {
    throw new LabError('usage', 'edgelab import trtexec: no files given.', 'Give at least one of: the console log (LOG), --times FILE (--exportTimes), --profile FILE (--exportProfile), --layer-info FILE (--exportLayerInfo).');
  }
  const targets = request.targets ?? [];
  parseTargets(targets);
  const modelInfo = request.model ? await inspectModel(request.model) : null;

  const read = await readTrtexecImport(sources, (log, logPath) =>
    log.tensorrtVersion === null && log.summary === null && log.outcome === 'incomplete' && log.device === null
      ? new LabError('input', `LOG ${logPath} is not a trtexec console log: no "&&&& RUNNING TensorRT.trtexec" line, no "TensorRT version:", no performance summary.`, 'Pass what trtexec printed (e.g. `trtexec … 2>&1 | tee run.log`).')
      : null);
  const log = read.log;

  return {
    tool: 'trtexec',
    sources: read.sources,
    build: (named, ids): { record: RunRecord; statedHardware: string | null } => {
      const byRole = (role: string) => named.find((s) => s.role === role);
      const logSource = byRole('log');
      const loggedDevice = log?.device ? `${log.device}${log.computeCapability ? ` (compute capability ${log.computeCapability})` : ''}` : null;
      // The user's words name the machine (a module, a JetPack) better than trtexec's device line; both are kept.
      const userStated = request.statedHardware?.trim() || null;
      const statedHardware = userStated && loggedDevice ? `${userStated}; the log names ${loggedDevice}` : userStated ?? loggedDevice;
      const modelPath = request.model ?? modelNamed(log) ?? '(model not named by the imported files)';
      const spec: RunSpec = RunSpecSchema.parse({
        model: modelPath,
        ...(request.label ? { label: request.label } : {}),
        tags: request.tags ?? [],
        targets,
        profile: byRole('profile') !== undefined,
        telemetry: false,
        engine: { kind: 'trtexec', ...(precisionOf(log) ? { precision: precisionOf(log) } : {}), ...(log?.dlaCore != null ? { dlaCore: log.dlaCore } : {}) },
      });
      const base = {
        schemaVersion: RUN_RECORD_SCHEMA_VERSION as typeof RUN_RECORD_SCHEMA_VERSION,
        id: ids.runId,
        startedAt: ids.startedAt,
        spec,
        model: modelInfo ? modelFingerprint(modelInfo) : null,
        // The importing edgelab; the measuring software is TensorRT, named in extras.trtexec.
        // The importing edgelab only: the machine that ran trtexec is not this one, and its software is as the files state it.
        software: { edgelab: edgelabVersion(), onnxruntime: ONNXRUNTIME_NOT_USED, node: 'not stated by the imported files', platform: 'not stated by the imported files', arch: 'not stated by the imported files' },
        hardware: null,
        extras: {} as Record<string, unknown>,
      };

      // A log that printed its summary and has no end line (a pasted excerpt) still states a timed run.
      if (log && logSource && (log.outcome === 'failed' || (log.outcome === 'incomplete' && log.summary === null))) {
        const failure = trtexecFailure({ code: log.outcome === 'failed' ? 1 : null, signal: null }, log, logSource.name);
        const failed: FailedRun = { ...base, finishedAt: ids.startedAt, state: 'failed', error: failure ?? { kind: 'runtime', message: 'trtexec did not pass.' }, samplesMs: [] };
        return { record: failed, statedHardware };
      }
      const timesSource = byRole('times');
      if (!timesSource && log?.summary && logSource) {
        const record = trtexecSummaryOnlyRun({ base: { ...base, finishedAt: ids.startedAt }, log, logName: logSource.name, places: read.places!, excerpt: log.outcome === 'incomplete' });
        // A layer profile given with the log is still the run's profile section, though no times were.
        const p = byRole('profile');
        const l = byRole('layer-info');
        if (p && read.profile) {
          record.extras.profile = trtexecProfileSummary(
            read.profile, l ? read.layerInfo : null,
            { profileFile: p.name, profileSha256: p.sha256, layerInfoFile: l?.name ?? null }, log.dlaCore !== null,
          );
        }
        return { record, statedHardware };
      }
      if (!timesSource || !read.times) {
        throw new LabError(
          'usage',
          log
            ? `edgelab import trtexec: ${logSource?.path ?? 'the log'} has no performance summary edgelab reads (trtexec prints none with --dumpProfile and --exportTimes, or when it skips inference; TensorRT 7's "Host Latency" block is not read) and no per-iteration times (--times) were given.`
            : 'edgelab import trtexec: no per-iteration times (--times) and no console log with a performance summary. A run is recorded from one of them.',
          'Run trtexec with --exportTimes=times.json and import that file: edgelab import trtexec run.log --times times.json [--profile profile.json --layer-info layers.json].',
        );
      }
      const profileSource = byRole('profile');
      const layerSource = byRole('layer-info');
      const files: TrtexecRunFiles = {
        log,
        times: read.times,
        profile: profileSource && read.profile ? { parsed: read.profile, file: profileSource.name, sha256: profileSource.sha256 } : null,
        layerInfo: layerSource && read.layerInfo ? { parsed: read.layerInfo, file: layerSource.name } : null,
      };
      const warmupMs = read.places?.warmupMs ?? null;
      const disagreements = log ? filesDisagree(log, timesSource, profileSource, files) : [];
      const tensors = tensorsOf(log);
      const record = trtexecCompletedRun({
        base, spec, files, warmupMs, tensors, imported: true,
        extraWarnings: disagreements.length === 0 ? [] : [{
          code: 'imported-files-disagree',
          message: `The imported files may not be one run: ${disagreements.join('; ')}.`,
          advice: 'Import the log together with the files that same trtexec command wrote (its --exportTimes, --exportProfile and --exportLayerInfo paths are in the log).',
        }],
      });
      record.finishedAt = ids.startedAt;
      // So `runs`, `compare` and the reports name the device the log names, as they do a measured run's.
      const accelerator = log ? loggedAccelerator(record.executionProvider, log) : null;
      if (accelerator) record.extras.accelerator = accelerator;
      const batchSize = batchOf(tensors);
      if (batchSize !== null) {
        const sorted = sortedAscending(record.samplesMs);
        record.batchSize = batchSize;
        record.samplesPerS = record.throughputPerS * batchSize;
        record.extras.perSample = { batchDim: 'leading dimension of the logged input shapes', batchSize, p50Ms: quantileSorted(sorted, 0.5) / batchSize, p99Ms: quantileSorted(sorted, 0.99) / batchSize, meanMs: record.latencyMs.mean / batchSize };
      }
      return { record, statedHardware };
    },
  };
}
