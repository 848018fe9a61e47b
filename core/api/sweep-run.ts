/** LabApi.runSweep: `edgelab sweep` from the app. Types only. */
import type { ExecutionProvider } from './run-spec.js';

export interface SweepAxesRequest {
  batch?: number[];
  threads?: number[];
  executionProviders?: ExecutionProvider[];
  batchDim?: string;
}

export interface SweepPointView {
  /** e.g. `threads=2 batch=4`. */
  point: string;
  runId: string;
  state: 'completed' | 'failed' | 'cancelled' | 'summary-only' | 'observed';
  p50Ms: number | null;
  p99Ms: number | null;
  /** Samples per second where the batch is known, inferences per second otherwise. */
  ratePerS: number | null;
  verdict: 'pass' | 'fail' | 'inconclusive' | 'none' | null;
}

export interface SweepRunView {
  sweepId: string;
  points: SweepPointView[];
  /** The best point's run (highest rate among those that passed every target), or null, and why. */
  bestRunId: string | null;
  bestReason: string;
}
