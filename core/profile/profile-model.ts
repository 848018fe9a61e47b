import type { ProfileBreakdown } from './breakdown.js';
import { measurePeaks, type MachinePeaks } from './peaks.js';
import { runProfiledPass, type ProfiledPassOptions } from './profiled-pass.js';
import type { ProfileSummary } from './profile-summary.js';
import { summarizeProfile } from './summarize.js';

export interface ProfileModelOptions extends ProfiledPassOptions {
  /** Nodes kept in the summary. Default 10. */
  topN?: number;
  /** Skip measuring peaks (no roofline); they take about a second the first time in a process. */
  roofline?: boolean;
  /** The timed run's p50, to set the device's busy time against (GPU profiles). */
  timedP50Ms?: number;
  /** The timed run's latencies, to check the profiled pass against (see timed-run-check.ts). */
  timedSamplesMs?: readonly number[];
}

export interface ModelProfile {
  tracePath: string;
  breakdown: ProfileBreakdown;
  summary: ProfileSummary;
}

/** The profiled pass, this machine's peaks and the summary, in one call, for `edgelab profile`. */
export async function profileModel(options: ProfileModelOptions): Promise<ModelProfile> {
  const { tracePath, breakdown } = await runProfiledPass(options);
  const onCpu = options.settings.executionProviders[0] === 'cpu';
  // Peaks are measured on the CPU provider; against another provider's kernels they mean nothing.
  const peaks: MachinePeaks | null =
    options.roofline === false || !onCpu ? null : await measurePeaks({ threads: options.settings.intraOpNumThreads });
  const summary = summarizeProfile(breakdown, {
    tracePath, peaks, topN: options.topN ?? 10, requestedProviders: options.settings.executionProviders, timedP50Ms: options.timedP50Ms ?? null,
    ...(options.timedSamplesMs ? { timedSamplesMs: options.timedSamplesMs } : {}),
  });
  return { tracePath, breakdown, summary };
}
