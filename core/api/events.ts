/**
 * Events a run emits while it measures; the CLI draws a progress bar from them, the app a live
 * chart, the server forwards them as server-sent events. None is emitted inside a timed region.
 */
export type RunPhase = 'load' | 'session' | 'first-inference' | 'warmup' | 'measure' | 'profile' | 'done';

export type RunEvent =
  | { type: 'phase'; runId: string; phase: RunPhase; detail?: string }
  | { type: 'progress'; runId: string; phase: 'warmup' | 'measure'; iterations: number; elapsedMs: number; fraction: number; lastMs: number }
  /** Latency samples measured since the previous batch, for live charts. */
  | { type: 'samples'; runId: string; fromIteration: number; samplesMs: number[] }
  /**
   * The telemetry sampler's latest reading during the timed run, sent with progress (between
   * iterations, never inside the timed region); a null field was not measured here.
   */
  | { type: 'telemetry'; runId: string; elapsedMs: number; cpuLoadPercent: number | null; cpuMeanSpeedMHz: number | null; temperatureC: number | null; processRssBytes: number; powerW: number | null };

export type RunEventListener = (event: RunEvent) => void;
