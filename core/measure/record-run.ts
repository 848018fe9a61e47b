import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunEventListener } from '../api/events.js';
import type { RunRecord } from '../api/run-record.js';
import { RunSpecRequestSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import { LabError } from '../api/errors.js';
import { engineFor } from '../engines/engine.js';
import { addJetsonWarnings } from '../hardware/jetson-state.js';
import type { Workspace } from '../evidence/index.js';
import { newRunId } from '../evidence/evidence-id.js';
import { readHardware } from '../hardware/read-hardware.js';
import { keepRecord } from './keep-record.js';
import { inspectModel } from '../model/index.js';
import { parseTargets } from '../targets/index.js';
import { COPY_SPLIT_PROVIDERS } from '../bench/copy-split-providers.js';
import { acceleratorForRun, type LoggedDevice } from './accelerator-for-run.js';
import { recordMeasureLock, withMeasureLock, type MeasureLockRequest, type MeasureTurn } from './measure-lock.js';

export interface RecordRunOptions {
  /** Where the record is saved; without one the run is measured but not kept (`--no-save`). */
  workspace?: Workspace;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** The id to record the run under (the server hands it out before the run starts). */
  runId?: string;
  /** Added to the record's `extras` before it is saved (e.g. `suite` for a suite run). */
  extras?: Record<string, unknown>;
  /**
   * Take the machine's measure lock for the measuring part (the CLI, which measures in-process).
   * The runner process is given none: its parent holds the lock for it.
   */
  measureLock?: Omit<MeasureLockRequest, 'runId' | 'workspace' | 'signal'>;
}

export interface RecordedRun {
  record: RunRecord;
  /** Absolute path of the saved record, when saved. */
  savedPath?: string;
  /** Chrome-trace JSON of the profiled pass, when one ran. */
  tracePath?: string;
  /** Other files written beside the record (trtexec's logs and exports), named in it with their SHA-256. */
  artifactPaths?: string[];
}

/**
 * The one entry point every face uses to run a spec and keep its evidence: validate, measure, add
 * the machine's identity, profile in a separate pass when asked (so the headline numbers carry no
 * profiler overhead), then save. Request errors throw before anything runs; failures while
 * measuring are saved as failed runs.
 */
export async function recordRun(specInput: RunSpecInput, options: RecordRunOptions = {}): Promise<RecordedRun> {
  const spec = imagePipelineSpec(RunSpecRequestSchema.parse(specInput));
  parseTargets(spec.targets); // a malformed target is a usage error before any measuring
  const modelInfo = await inspectModel(spec.model);
  const runId = options.runId ?? newRunId();
  // Read the machine before measuring, never during: its child processes and event-loop work would
  // land inside timed samples (ONNX Runtime resolves run() on the same thread).
  const hardware = await readHardware({ onnxruntime: (spec.engine?.kind ?? 'ort') === 'ort' });
  const runOptions = {
    modelInfo,
    runId,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  const measured = (turn: MeasureTurn | null) => measureSpec(spec, runId, hardware, runOptions, options, turn);
  const { record, tracePath, artifactPaths } = options.measureLock
    ? await withMeasureLock({ ...options.measureLock, runId, workspace: options.workspace?.dir ?? null, ...(options.signal ? { signal: options.signal } : {}) }, measured)
    : await measured(null);
  const kept = await keepRecord(record, options.workspace);
  return { ...kept, ...(tracePath ? { tracePath } : {}), ...(artifactPaths.length > 0 ? { artifactPaths } : {}) };
}

type RunOptions = { modelInfo: Awaited<ReturnType<typeof inspectModel>>; runId: string; signal?: AbortSignal; onEvent?: RunEventListener };

/** Everything that uses the machine: the timed run, the copy split, the profile pass. */
async function measureSpec(spec: RunSpec, runId: string, hardware: Awaited<ReturnType<typeof readHardware>>, runOptions: RunOptions, options: RecordRunOptions, turn: MeasureTurn | null): Promise<{ record: RunRecord; tracePath?: string; artifactPaths: string[] }> {
  const engine = engineFor(spec);
  // Files an engine writes (trtexec's logs and exports) go where the record will live; without a
  // workspace (the runner, --no-save), in a temporary folder.
  const artifactDir = () => (options.workspace ? options.workspace.ensureArtifactDir(runId) : mkdtemp(path.join(tmpdir(), `edgelab-${engine.name}-`)));
  const { record, artifactPaths } = await engine.measure(spec, { ...runOptions, artifactDir });
  record.hardware = hardware as unknown as Record<string, unknown>;
  Object.assign(record.extras, options.extras);
  addJetsonWarnings(record);
  if (record.state === 'completed') {
    const accelerator = await acceleratorForRun(record.executionProvider, record.extras.telemetry, record.hardware, record.extras.trtexec as LoggedDevice | undefined);
    if (accelerator) record.extras.accelerator = accelerator;
  }

  // On a GPU, the download of outputs is timed apart from the inference (as trtexec's D2H), after
  // the timed run so that it never shares the device with it.
  if (record.state === 'completed' && spec.inputs.kind === 'synthetic' && (spec.engine?.kind ?? 'ort') === 'ort' && COPY_SPLIT_PROVIDERS.has(record.executionProvider)) {
    const { measureCopySplit } = await import('../bench/copy-split.js');
    options.onEvent?.({ type: 'phase', runId, phase: 'measure', detail: 'copy split: outputs kept on the device' });
    record.extras.copySplit = await measureCopySplit({
      modelPath: spec.model,
      settings: spec.session,
      inputs: { seed: spec.inputs.seed, poolSize: spec.inputs.poolSize, dims: spec.inputs.dims, shapes: spec.inputs.shapes },
    });
  }

  let tracePath: string | undefined;
  if (spec.profile && !engine.profilesItself && record.state === 'completed' && spec.inputs.kind === 'synthetic') {
    options.onEvent?.({ type: 'phase', runId, phase: 'profile' });
    const outDir = options.workspace ? await options.workspace.ensureArtifactDir(runId) : await mkdtemp(path.join(tmpdir(), 'edgelab-profile-'));
    // Loaded here: the ONNX Runtime profiler pass is the only part of this file that needs ONNX Runtime.
    const { profileModel } = await import('../profile/index.js');
    const profiled = await profileModel({
      ...(record.state === 'completed' ? { timedP50Ms: record.latencyMs.p50 } : {}),
      modelPath: spec.model,
      settings: spec.session,
      inputs: { seed: spec.inputs.seed, poolSize: spec.inputs.poolSize, dims: spec.inputs.dims, shapes: spec.inputs.shapes },
      outDir,
      timedSamplesMs: record.samplesMs,
    });
    // The trace sits beside the record, outside the ledger; its hash in the record lets verify see an edit.
    record.extras.profile = { ...profiled.summary, traceSha256: createHash('sha256').update(await readFile(profiled.tracePath)).digest('hex') };
    tracePath = profiled.tracePath;
  }

  if (turn) recordMeasureLock(record, await turn.evidence());
  return { record, ...(tracePath ? { tracePath } : {}), artifactPaths };
}

/**
 * The image pipeline times decode, preprocess, inference and postprocess per frame; it has no op
 * profile, repeated trials or load scenarios. Asking for them is refused rather than recorded as if
 * they ran, and telemetry (on by default) is recorded as off, which is what happens.
 */
function imagePipelineSpec(spec: RunSpec): RunSpec {
  if (spec.inputs.kind !== 'images') return spec;
  const unsupported = [
    spec.profile ? '--profile' : null,
    spec.scenario.trials !== undefined && spec.scenario.trials > 1 ? '--trials' : null,
    spec.scenario.kind !== 'single-stream' ? `--scenario ${spec.scenario.kind}` : null,
  ].filter((f): f is string => f !== null);
  if (unsupported.length > 0) {
    throw new LabError('usage', `--images runs the end-to-end pipeline in a single stream; it does not take ${unsupported.join(', ')}.`,
      'Profile or load-test the model with synthetic inputs (drop --images), and time the pipeline separately.');
  }
  return { ...spec, telemetry: false };
}
