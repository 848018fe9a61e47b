/**
 * LabApi.inferenceTrace: one inference of a profiled run as a timeline (each kernel where and
 * how long it ran), and the whole ONNX Runtime trace file as written, for Perfetto or
 * chrome://tracing. Types only: the renderer imports this file.
 */
export interface TimelineSpan {
  /** The kernel as ONNX Runtime named it (without `_kernel_time`). */
  name: string;
  opType: string;
  provider: string;
  /** Start since the inference began, µs. */
  startUs: number;
  durationUs: number;
  /** The trace's thread id: parallel kernels sit on different lanes. */
  lane: number;
}

export interface InferenceTrace {
  runId: string;
  /** Which profiled inference the timeline shows (0-based, among the trace's model_run events). */
  inference: number;
  inferences: number;
  /** model_run's duration, µs: kernel spans plus what ran between them. */
  durationUs: number;
  spans: TimelineSpan[];
  /** The trace file, byte for byte, to save. */
  file: { fileName: string; mediaType: string; content: string };
}
