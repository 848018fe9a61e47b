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
  /**
   * `device`: the device's own time for the work (GPU timestamps); `dispatch`: the host enqueueing
   * a node that runs on an asynchronous device, which is never its kernel time; `host`: a kernel
   * that ran on the CPU inside its node event. Absent in older answers: `host`.
   */
  time?: 'device' | 'dispatch' | 'host';
}

/** One row of the timeline: the device's queue, or a host thread. */
export interface TimelineLane {
  label: string;
  time: 'device' | 'dispatch' | 'host';
}

export interface InferenceTrace {
  runId: string;
  /** Which profiled inference the timeline shows (0-based, among the trace's model_run events). */
  inference: number;
  inferences: number;
  /** model_run's duration, µs: kernel spans plus what ran between them. */
  durationUs: number;
  spans: TimelineSpan[];
  /** Each lane's label, by lane number. */
  lanes?: TimelineLane[];
  /**
   * `device` when the trace holds the device's own times (WebGPU timestamps, GPU kernel events) for
   * this inference: op totals then count device time, and host node times are dispatch time.
   */
  timeBase?: 'device' | 'host';
  /**
   * Set for a TensorRT layer profile: it holds no single inference, only each layer's average over
   * `runs` profiled inferences, drawn in the engine's order.
   */
  averagedOver?: { runs: number; source: 'tensorrt-layer-profile' };
  /** The trace file, byte for byte, to save. */
  file: { fileName: string; mediaType: string; content: string };
}
