import type { RunEventListener } from '../api/events.js';
import type { ModelInfo } from '../api/model-info.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import { runTrtexecBenchmark } from './trtexec/run-trtexec.js';

/**
 * What runs the model, behind one interface (as hyperfine's executors are): ONNX Runtime in this
 * process, or TensorRT's trtexec as a child process (in tests, trtexec is a stand-in that replays
 * recorded runs). Each turns a spec into a record; statistics, targets, evidence, reports and the
 * ladder above it never ask which engine ran.
 */
export interface EngineRunOptions {
  modelInfo: ModelInfo;
  runId: string;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** The folder for files the engine writes beside the record (created on first call). */
  artifactDir: () => Promise<string>;
}

export interface EngineResult {
  record: RunRecord;
  /** Files written beside the record and named in it with their SHA-256. */
  artifactPaths: string[];
}

export interface Engine {
  readonly name: 'ort' | 'trtexec';
  /** True when the engine profiles in its own separate pass (trtexec's layer profiler). */
  readonly profilesItself: boolean;
  measure(spec: RunSpec, options: EngineRunOptions): Promise<EngineResult>;
}

export const ortEngine: Engine = {
  name: 'ort',
  profilesItself: false,
  async measure(spec, { artifactDir: _, ...options }) {
    // Loaded when an ONNX Runtime run starts, so the trtexec engine never loads onnxruntime-node.
    // Real images go through the pipeline benchmark (decode, preprocess, infer, postprocess timed apart).
    const record = spec.inputs.kind === 'images'
      ? await (await import('../bench/pipeline-benchmark.js')).runPipelineBenchmark(spec, options)
      : await (await import('../bench/run-benchmark.js')).runBenchmark(spec, options);
    return { record, artifactPaths: [] };
  },
};

export const trtexecEngine: Engine = {
  name: 'trtexec',
  profilesItself: true,
  async measure(spec, { artifactDir, ...options }) {
    return runTrtexecBenchmark(spec, { ...options, outDir: await artifactDir() });
  },
};

export function engineFor(spec: RunSpec): Engine {
  return spec.engine?.kind === 'trtexec' ? trtexecEngine : ortEngine;
}
