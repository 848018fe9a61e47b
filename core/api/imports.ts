import type { RunRecord } from './run-record.js';

/**
 * Importing runs made elsewhere, from the app or the server: the files are paths on the lab's
 * machine (as a DVC export names a folder there), read by the same importers as
 * `edgelab import trtexec` and `edgelab import ort-profile`. Types only, so the renderer may import them.
 */

export interface TrtexecImportRequest {
  /** trtexec's console output (`trtexec … 2>&1 | tee run.log`). */
  log?: string;
  /** The --exportTimes file: every timed iteration; a completed run needs it. */
  times?: string;
  /** The --exportProfile file: the per-layer profile. */
  profile?: string;
  /** The --exportLayerInfo file: layer types, precisions, GPU/DLA placement. */
  layerInfo?: string;
  /** The ONNX file the engine was built from, to fingerprint it in the record. */
  model?: string;
  label?: string;
  /** The machine, in the user's words; stored as stated, beside the device the log names. */
  statedHardware?: string;
  /** Targets judged on the imported latencies (`p99<=5ms`). */
  targets?: string[];
  tags?: string[];
}

export interface OrtProfileImportRequest {
  /** The ONNX Runtime profile (JSON, or gzipped .json.gz). */
  trace: string;
  /** The .onnx file the trace was made with: FLOPs, kernel sizes and the model's identity. */
  model?: string;
  label?: string;
  /** The machine the trace was made on, in the user's words; stored as stated, not verified. */
  statedHardware?: string;
  /** model_run events left out at the start (the first pays one-off allocations). Default 1. */
  skipRuns?: number;
  /** Nodes kept in the profile summary. Default 10. */
  top?: number;
  /** false: analyse only, record nothing (the answer carries the record). Default true. */
  save?: boolean;
}

/** `edgelab import deepstream`: what a DeepStream pipeline printed; edgelab builds no pipelines. */
export interface DeepstreamImportRequest {
  /** deepstream-app's console output (`deepstream-app -c cfg.txt 2>&1 | tee run.log`). */
  log: string;
  /** Targets judged on the pipeline: `fps>=30` on every stream, `pipeline-fps>=120` on their sum. */
  targets?: string[];
  label?: string;
  statedHardware?: string;
  tags?: string[];
}

/** `edgelab import tegrastats`: a tegrastats log made during a run made elsewhere, linked to that run. */
export interface TegrastatsImportRequest {
  log: string;
  /** The run it was recorded during (a DeepStream import, say): its FPS gives energy per frame. */
  runId: string;
  /** Milliseconds between lines (tegrastats --interval) for lines without a timestamp. Default 1000. */
  intervalMs?: number;
  label?: string;
  statedHardware?: string;
}

export interface ImportResult {
  runId: string;
  /** A trtexec log that ends in &&&& FAILED is recorded as the failed run it was. */
  /** 'observed': figures another tool printed without per-inference samples (a pipeline, tegrastats). */
  state: 'completed' | 'failed' | 'cancelled' | 'summary-only' | 'observed';
  tool: string;
  /** The machine as the record states it. */
  hardware: string;
  /** The files copied beside the record, by name, with their SHA-256. */
  files: { role: string; name: string; sha256: string }[];
  /** The failure a failed import records, else null. */
  failure: string | null;
  /** The targets' verdict on the figures the files state; null for a run that failed or was cancelled. */
  verdict: 'pass' | 'fail' | 'inconclusive' | 'none' | null;
  /** Where the files were copied, beside the record; null when nothing was kept. */
  filesDir: string | null;
  /** The lab's workspace folder the run was recorded in; null when nothing was recorded. */
  workspace: string | null;
  /** The record itself, when it was not saved (`save: false`): the workspace has none to read back. */
  unsaved?: RunRecord;
}
