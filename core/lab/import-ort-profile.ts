import { basename } from 'node:path';
import { LabError } from '../api/errors.js';
import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun } from '../api/run-record.js';
import { executionProviderNames, RunSpecSchema, type ExecutionProvider } from '../api/run-spec.js';
import { analyzeRun } from '../bench/analyze-run.js';
import { recordBase } from '../evidence/record-base.js';
import type { Workspace } from '../evidence/index.js';
import { inspectModel } from '../model/inspect.js';
import type { ProfileBreakdown } from '../profile/breakdown.js';
import { loadGraphIndex, type GraphIndex } from '../profile/graph-nodes.js';
import type { ProfileSummary } from '../profile/profile-summary.js';
import { readOrtProfile } from '../profile/read-trace-file.js';
import { summarizeProfile } from '../profile/summarize.js';
import { checkTraceMatchesModel } from '../profile/trace-model-match.js';
import { recordStreamedImport } from './record-streamed-import.js';

export interface ImportOrtProfileRequest {
  tracePath: string;
  /** The .onnx file the trace was made with; without it there are no FLOPs, kernel sizes or model identity. */
  modelPath?: string | null;
  /** model_run events left out at the start (the first pays one-off costs). Default 1. */
  skipRuns?: number;
  topN?: number;
  /** The machine the trace was made on, in the user's words ("Jetson AGX Orin 64GB, JetPack 6.2"). */
  statedHardware?: string | null;
  label?: string;
  workspace?: Workspace;
}

export interface ImportedOrtProfile {
  record: CompletedRun;
  breakdown: ProfileBreakdown;
  summary: ProfileSummary;
  savedPath?: string;
}

// recordBase needs a ModelInfo; without a model its fingerprint is replaced by null right after.
const placeholderInfo = { path: '', fileName: '', sha256: '', sizeBytes: 0, producerName: '', producerVersion: '', opsets: {} } as unknown as ModelInfo;

// ONNX Runtime's provider class names → edgelab's (ONNX Runtime's short) names.
const providerNames: Record<string, ExecutionProvider> = {
  CPUExecutionProvider: 'cpu', CUDAExecutionProvider: 'cuda', TensorrtExecutionProvider: 'tensorrt', WebGpuExecutionProvider: 'webgpu',
  DmlExecutionProvider: 'dml', CoreMLExecutionProvider: 'coreml', QNNExecutionProvider: 'qnn', XnnpackExecutionProvider: 'xnnpack',
};

/** The provider most nodes ran on, preferring any accelerator over the CPU it fell back to. */
function mainProvider(breakdown: ProfileBreakdown): string {
  const ranked = [...breakdown.providers].sort((a, b) => b.nodes - a.nodes);
  return (ranked.find((p) => p.provider !== 'CPUExecutionProvider') ?? ranked[0])?.provider ?? 'CPUExecutionProvider';
}

/**
 * An ONNX Runtime profile made elsewhere (Python onnxruntime-gpu on a Jetson, `onnxruntime_perf_test
 * -p`, another machine) → the same breakdown, device-time rules and findings as `edgelab profile`,
 * recorded as an imported run: its latencies are the trace's model_run events (taken with the
 * profiler on), its origin names the trace by hash, and it never stands for a measured run.
 */
export async function importOrtProfile(request: ImportOrtProfileRequest): Promise<ImportedOrtProfile> {
  const skipRuns = request.skipRuns ?? 1;
  const modelPath = request.modelPath ?? null;
  let info: ModelInfo | null = null;
  // The trace is read twice as a stream (see read-trace-file.ts); the model is read between the
  // passes, once the trace is known to be one.
  let graph: GraphIndex | undefined;
  const { breakdown, firstKernel, runs, sha256 } = await readOrtProfile(request.tracePath, {
    skipRuns,
    beforeCounting: async () => {
      if (modelPath === null) return {};
      info = await inspectModel(modelPath);
      graph = await loadGraphIndex(modelPath);
      return { graph };
    },
  });
  if (runs.length === 0) {
    throw new LabError('input', `${request.tracePath}: the trace has no model_run events, so it holds no inference to record.`,
      'Profile whole inferences: keep profiling on across session.run() calls and end it after them.');
  }
  // Asked for in so many words, a skip that leaves no run is refused, not quietly shortened.
  if (request.skipRuns !== undefined && request.skipRuns >= runs.length) {
    throw new LabError('usage', `--skip-runs ${request.skipRuns}: ${request.tracePath} has ${runs.length} model_run event${runs.length === 1 ? '' : 's'}, and at least one must be left to record.`,
      `Skip at most ${runs.length - 1}.`);
  }
  const mismatch = modelPath === null || info === null || !graph ? null : checkTraceMatchesModel({ breakdown, firstKernel }, { graph, inputs: (info as ModelInfo).inputs }, request.tracePath, modelPath);
  const warmupRuns = runs.slice(0, breakdown.skippedRuns);
  const samplesMs = runs.slice(breakdown.skippedRuns).map((r) => r.dur / 1000);

  const summary = summarizeProfile(breakdown, { tracePath: request.tracePath, topN: request.topN ?? 10, timedP50Ms: null });
  const provider = mainProvider(breakdown);
  const ep = providerNames[provider];
  const spec = RunSpecSchema.parse({
    // Without the model the trace is all that names it.
    model: modelPath ?? basename(request.tracePath),
    ...(request.label ? { label: request.label } : {}),
    session: { executionProviders: [ep && (executionProviderNames as readonly string[]).includes(ep) ? ep : 'cpu'] },
    scenario: { kind: 'single-stream', warmup: { iterations: warmupRuns.length }, iterations: samplesMs.length },
    profile: true,
    telemetry: false,
  });
  const analysis = analyzeRun({
    samplesMs,
    elapsedMs: samplesMs.reduce((a, b) => a + b, 0),
    sessionCreateMs: breakdown.sessionPhases.reduce((a, p) => a + p.durationMs, 0),
    firstInferenceMs: runs[0] ? runs[0].dur / 1000 : 0,
    warmupIterations: warmupRuns.length,
    poolSize: 1,
    targets: [],
  });
  // Loaded on use, so the lab (and its other imports) opens where ONNX Runtime cannot load.
  const ortVersion = (await import('../runtime/ort.js')).onnxRuntimeVersion();
  // The one recording path every importer shares: the trace copied beside the record, named with its
  // SHA-256 in `origin`, the hardware as stated (never this machine's).
  const imported = await recordStreamedImport({
    tool: 'ort-profile',
    // Hashed as it was parsed; the copy is checked against that hash, so it is exactly what was analysed.
    sources: [{ role: 'trace', path: request.tracePath, given: 'TRACE', sha256 }],
    build: (sources, { runId, startedAt }) => {
  const base = info === null
    ? { ...recordBase(runId, startedAt, spec, placeholderInfo, ortVersion), model: null }
    : recordBase(runId, startedAt, spec, info, ortVersion);
  const record: CompletedRun = {
    ...base,
    finishedAt: startedAt,
    state: 'completed',
    executionProvider: ep ?? provider,
    // A trace that holds no session phases or no inference does not state them: null, never a zero.
    coldStart: {
      sessionCreateMs: breakdown.sessionPhases.length > 0 ? breakdown.sessionPhases.reduce((a, p) => a + p.durationMs, 0) : null,
      firstInferenceMs: runs[0] ? runs[0].dur / 1000 : null,
    },
    warmup: { iterations: warmupRuns.length, durationMs: warmupRuns.reduce((a, r) => a + r.dur / 1000, 0) },
    iterations: samplesMs.length,
    durationMs: samplesMs.reduce((a, b) => a + b, 0),
    samplesMs,
    // The imported trace says nothing about how its inputs were made.
    inputs: { distinctSets: 1, seed: 0, tensors: [] },
    ...analysis,
    warnings: [
      {
        code: 'profiled-latency',
        message: `The latencies are the trace's ${samplesMs.length} model_run events, taken with ONNX Runtime's profiler on, on a machine edgelab did not see.`,
        advice: 'The profiler adds time to every node (on WebGPU it gives each dispatch its own pass): read them as the profiled pass, and measure headline latency with edgelab bench on that machine.',
      },
      ...(mismatch ? [mismatch] : []),
      ...analysis.warnings,
    ],
  };
  record.extras.profile = { ...summary, traceSha256: sources[0]?.sha256 ?? null };
  return { record, statedHardware: request.statedHardware ?? null };
    },
  }, { ...(request.workspace ? { workspace: request.workspace } : {}) });
  const record = imported.record as CompletedRun;
  return { record, breakdown, summary, ...(imported.savedPath ? { savedPath: imported.savedPath } : {}) };
}
