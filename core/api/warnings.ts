/**
 * Typed warnings carry advice, as hyperfine's do: each names what was seen and what to change.
 * `code` is stable (tools and tests match on it); `message` and `advice` are for people.
 */
export type WarningCode =
  | 'slow-first-run'
  | 'high-variation'
  | 'too-few-samples-for-tail'
  | 'drift'
  | 'outliers'
  | 'few-distinct-inputs'
  | 'short-run'
  // trtexec's own warnings and the state of a Jetson (core/engines/trtexec, core/hardware/jetson-state.ts)
  | 'trtexec-gpu-time-unstable'
  | 'trtexec-enqueue-bound'
  | 'trtexec-h2d-bound'
  | 'trtexec-d2h-bound'
  | 'trtexec-shape-defaulted'
  | 'jetson-clocks-not-locked'
  | 'imported-files-disagree'
  // an imported ONNX Runtime trace whose nodes only partly name the given model's (core/profile/trace-model-match.ts)
  | 'trace-model-partial'
  // another edgelab measurement shared the machine (core/measure/measure-lock.ts)
  | 'measured-alongside'
  // what OpenVINO benchmark_app's files show (core/engines/openvino/openvino-lint.ts)
  | 'openvino-device-not-used'
  | 'openvino-perf-counters-off'
  | 'openvino-precision-fallback'
  | 'openvino-reference-implementation'
  | 'openvino-names-truncated'
  | 'summary-only'
  // a trtexec log imported without its end line (core/engines/trtexec/trtexec-stated.ts)
  | 'trtexec-log-excerpt'
  // observed imports: a DeepStream pipeline (core/engines/deepstream), a tegrastats log
  | 'pipeline-observed'
  | 'frame-latency-is-a-timestamp'
  | 'stream-stalled'
  | 'telemetry-observed';

export interface BenchWarning {
  code: WarningCode;
  message: string;
  advice: string;
}
