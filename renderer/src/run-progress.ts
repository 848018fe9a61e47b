import type { RunPhase } from '../../core/api/events.js';
import type { LabEvent } from '../../core/api/lab-api.js';
import { formatMs } from '../../core/present/format-values.js';

/** Where a running measurement is, as the run screen's status line and bar show it. */
export interface RunProgress {
  phase: RunPhase;
  /** What the phase is doing, e.g. "max-QPS search for p99<=15ms: trial 3 of at most 12". */
  detail?: string;
  /** Iterations and fraction of the current phase only: a new phase starts at none. */
  iterations: number;
  fraction: number;
  lastMs: number | null;
}

/**
 * The progress after one event. A phase event that starts another phase starts its count afresh:
 * carrying the warm-up's finished count into the timed run showed "Timed run … 100 %" before a
 * single timed iteration. The same phase again (a trial of a search) keeps its count.
 */
export function nextProgress(current: RunProgress | null, event: Extract<LabEvent, { type: 'phase' | 'progress' }>): RunProgress {
  if (event.type === 'phase') {
    const same = current !== null && current.phase === event.phase;
    return {
      phase: event.phase,
      ...(event.detail !== undefined ? { detail: event.detail } : {}),
      iterations: same ? current.iterations : 0,
      fraction: same ? current.fraction : 0,
      lastMs: same ? current.lastMs : null,
    };
  }
  return {
    phase: event.phase,
    ...(current?.detail !== undefined && current.phase === event.phase ? { detail: current.detail } : {}),
    iterations: event.iterations,
    fraction: event.fraction,
    lastMs: event.lastMs,
  };
}

const PHASE_WORDS: Record<RunPhase, string> = {
  load: 'Reading the model',
  session: 'Creating the session',
  'first-inference': 'First inference (cold start)',
  warmup: 'Warming up',
  measure: 'Timed run',
  profile: 'Profile pass (op-level trace)',
  done: 'Saving the record',
};

export function describeProgress(running: boolean, progress: RunProgress | null): string {
  if (!running) return '';
  if (!progress) return 'Starting the runner…';
  const phase = `${PHASE_WORDS[progress.phase]}${progress.detail && progress.phase !== 'load' ? ` — ${progress.detail}` : ''}`;
  if ((progress.phase === 'measure' || progress.phase === 'warmup') && progress.iterations > 0) {
    return `${phase}: ${progress.iterations} iterations, ${Math.round(progress.fraction * 100)} %, last ${formatMs(progress.lastMs)} ms`;
  }
  return `${phase}…`;
}
