import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunEventListener } from '../api/events.js';
import type { RunRecord } from '../api/run-record.js';
import { RunSpecSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import { LabError } from '../api/errors.js';
import { runBenchmark } from '../bench/run-benchmark.js';
import type { Workspace } from '../evidence/index.js';
import { newRunId } from '../evidence/evidence-id.js';
import { readHardware } from '../hardware/read-hardware.js';
import { runPipelineBenchmark } from '../bench/pipeline-benchmark.js';
import { keepRecord } from './keep-record.js';
import { inspectModel } from '../model/index.js';
import { profileModel } from '../profile/index.js';
import { parseTargets } from '../targets/index.js';

export interface RecordRunOptions {
  /** Where the record is saved; without one the run is measured but not kept (`--no-save`). */
  workspace?: Workspace;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** The id to record the run under (the server hands it out before the run starts). */
  runId?: string;
  /** Added to the record's `extras` before it is saved (e.g. `suite` for a suite run). */
  extras?: Record<string, unknown>;
}

export interface RecordedRun {
  record: RunRecord;
  /** Absolute path of the saved record, when saved. */
  savedPath?: string;
  /** Chrome-trace JSON of the profiled pass, when one ran. */
  tracePath?: string;
}

/**
 * The one entry point every face uses to run a spec and keep its evidence: validate, measure, add
 * the machine's identity, profile in a separate pass when asked (so the headline numbers carry no
 * profiler overhead), then save. Request errors throw before anything runs; failures while
 * measuring are saved as failed runs.
 */
export async function recordRun(specInput: RunSpecInput, options: RecordRunOptions = {}): Promise<RecordedRun> {
  const spec = imagePipelineSpec(RunSpecSchema.parse(specInput));
  parseTargets(spec.targets); // a malformed target is a usage error before any measuring
  const modelInfo = await inspectModel(spec.model);
  const runId = options.runId ?? newRunId();
  // Read the machine before measuring, never during: its child processes and event-loop work would
  // land inside timed samples (ONNX Runtime resolves run() on the same thread).
  const hardware = await readHardware();
  const runOptions = {
    modelInfo,
    runId,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  // Real images go through the pipeline benchmark (decode, preprocess, infer, postprocess timed apart).
  const record = spec.inputs.kind === 'images' ? await runPipelineBenchmark(spec, runOptions) : await runBenchmark(spec, runOptions);
  record.hardware = hardware as unknown as Record<string, unknown>;
  Object.assign(record.extras, options.extras);

  let tracePath: string | undefined;
  if (spec.profile && record.state === 'completed' && spec.inputs.kind === 'synthetic') {
    options.onEvent?.({ type: 'phase', runId, phase: 'profile' });
    const outDir = options.workspace ? await options.workspace.ensureArtifactDir(runId) : await mkdtemp(path.join(tmpdir(), 'edgelab-profile-'));
    const profiled = await profileModel({
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

  const kept = await keepRecord(record, options.workspace);
  return { ...kept, ...(tracePath ? { tracePath } : {}) };
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
