import { LabError } from '../api/errors.js';
import type { SessionSettings, SyntheticInputs } from '../api/run-spec.js';
import { feedsFor } from '../profile/profiled-pass.js';
import type { Feeds, InferenceSession } from '../runtime/ort.js';
import { shortOrtMessage } from '../runtime/provider-errors.js';
import { createSession } from '../runtime/session.js';
import { quantileSorted, sortedAscending } from '../stats/index.js';
import { available, unavailable, type Reading } from '../telemetry/reading.js';
import { monotonicClock, type Clock } from './clock.js';

/**
 * How much of a GPU inference is the download of its outputs, as trtexec separates H2D, compute and
 * D2H: the same model timed with outputs copied back to the host (what `run()` does by default) and
 * with outputs kept on the device (ONNX Runtime's `preferredOutputLocation: 'gpu-buffer'`, each
 * output released after the run). Inputs are uploaded in both, so the difference is the download.
 */
export interface CopySplit {
  provider: string;
  iterations: number;
  /** p50 with outputs downloaded to the host, as the timed run measures. */
  withDownloadP50Ms: number;
  /** p50 with outputs left on the device. */
  onDeviceP50Ms: number;
  /** The difference of the two p50s (0 when within noise the other way). */
  downloadMs: number;
  /** downloadMs / withDownloadP50Ms. */
  downloadShare: number;
  /** Bytes of all outputs of one inference: what each download moves. */
  outputBytes: number | null;
  method: string;
}

/** The split from the two p50s: pure, so recorded numbers can be checked without a GPU. */
export function copySplitOf(provider: string, withDownloadP50Ms: number, onDeviceP50Ms: number, iterations: number, outputBytes: number | null): CopySplit {
  const downloadMs = Math.max(0, withDownloadP50Ms - onDeviceP50Ms);
  return {
    provider,
    iterations,
    withDownloadP50Ms,
    onDeviceP50Ms,
    downloadMs,
    downloadShare: withDownloadP50Ms > 0 ? downloadMs / withDownloadP50Ms : 0,
    outputBytes,
    method: `${iterations} alternating inferences per mode on two sessions, same inputs; p50 with outputs downloaded minus p50 with outputs kept on the device (preferredOutputLocation 'gpu-buffer', released after each run)`,
  };
}

/** Providers whose outputs can stay on the device through onnxruntime-node's IO binding. */
import { COPY_SPLIT_PROVIDERS } from './copy-split-providers.js';
export { COPY_SPLIT_PROVIDERS };

export interface CopySplitOptions {
  modelPath: string;
  settings: SessionSettings;
  inputs?: Pick<SyntheticInputs, 'seed' | 'poolSize' | 'dims' | 'shapes'>;
  iterations?: number;
  warmupIterations?: number;
  clock?: Clock;
}

const outputBytesOf = (outputs: Record<string, { data?: unknown }>): number | null => {
  let total = 0;
  for (const t of Object.values(outputs)) {
    const data = t.data as { byteLength?: number } | undefined;
    if (typeof data?.byteLength !== 'number') return null;
    total += data.byteLength;
  }
  return total;
};

const release = (outputs: Record<string, { dispose?: () => void }>) => {
  for (const t of Object.values(outputs)) t.dispose?.();
};

/**
 * Measures the split on this machine. A provider without device outputs (or an IO binding that
 * refuses them, as CUDA may in this binding) is an unavailable reading with ONNX Runtime's reason,
 * never a zero download.
 */
export async function measureCopySplit(options: CopySplitOptions): Promise<Reading<CopySplit>> {
  const provider = options.settings.executionProviders[0] ?? 'cpu';
  if (!COPY_SPLIT_PROVIDERS.has(provider)) return unavailable(`Outputs are already in host memory on ${provider}: there is no download to split off.`);
  const iterations = options.iterations ?? 50;
  const warmup = options.warmupIterations ?? 10;
  const clock = options.clock ?? monotonicClock;
  const sessions: InferenceSession[] = [];
  try {
    const host = (await createSession(options.modelPath, options.settings)).session;
    sessions.push(host);
    let device: InferenceSession;
    try {
      device = (await createSession(options.modelPath, options.settings, { preferredOutputLocation: 'gpu-buffer' })).session;
    } catch (e) {
      return unavailable(`${provider} would not keep outputs on the device (preferredOutputLocation 'gpu-buffer'): ${e instanceof LabError ? e.message : shortOrtMessage(e)}`);
    }
    sessions.push(device);
    const pool = feedsFor({ modelPath: options.modelPath, ...(options.inputs ? { inputs: options.inputs } : {}) }, host);
    let outputBytes: number | null = null;
    for (let i = 0; i < warmup; i++) {
      const feeds = pool[i % pool.length] as Feeds;
      outputBytes = outputBytesOf(await host.run(feeds));
      release(await device.run(feeds));
    }
    const withDownload: number[] = [];
    const onDevice: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const feeds = pool[i % pool.length] as Feeds;
      // Alternate which mode goes first, so neither always follows the other's idle gap.
      const order = i % 2 === 0 ? ['host', 'device'] : ['device', 'host'];
      for (const mode of order) {
        const session = mode === 'host' ? host : device;
        const t0 = clock.now();
        const outputs = await session.run(feeds);
        const ms = clock.now() - t0;
        (mode === 'host' ? withDownload : onDevice).push(ms);
        if (mode === 'device') release(outputs);
      }
    }
    const p50 = (xs: number[]) => quantileSorted(sortedAscending(xs), 0.5);
    return available(copySplitOf(provider, p50(withDownload), p50(onDevice), iterations, outputBytes));
  } catch (e) {
    return unavailable(`The copy split could not be measured on ${provider}: ${(e instanceof LabError ? e.message : shortOrtMessage(e)).replace(/\s+/g, ' ')}`);
  } finally {
    for (const s of sessions) await s.release();
  }
}
