import { TELEMETRY_INTERVAL_MS } from '../../bench/measure-limits.js';
import type { GpuEnergy } from '../../telemetry/gpu-energy.js';
import { meanIntervalPowerW, meanPointPowerW, type TimeWindow } from '../../telemetry/power-window.js';
import { available, type Reading } from '../../telemetry/reading.js';
import type { TelemetryRecording } from '../../telemetry/sampler.js';
import { jetsonInputPowerW, packagePowerW, summarizeTelemetry, type TelemetrySummary } from '../../telemetry/telemetry-summary.js';
import type { TrtexecExit } from './spawn-trtexec.js';

/**
 * Telemetry of a trtexec run, with energy over the timed iterations only. The sampler runs for the
 * whole trtexec process (parsing, the engine build, which takes minutes on a Jetson, warm-up, the
 * timed iterations), so integrating over all of it and dividing by the timed iterations would
 * charge the build to every inference.
 *
 * The window's length is the timed iterations' span in trtexec's --exportTimes file. Its place in
 * time comes from edgelab's own clock: trtexec prints "Warmup completed … / Timing trace has …
 * queries" as timing ends, and edgelab notes when that line arrives (trtexec's log stamps have
 * one-second resolution, far coarser than a run). The window ends there and reaches back by the span.
 */
export const TIMED_MARKS = /\[I\] (Starting inference|Warmup completed \d+ queries|Timing trace has \d+ queries)/;

export interface TimedWindow extends TimeWindow {
  /** How the end was placed, for the record. */
  placedBy: string;
}

/** The timed iterations on the sampler's clock (ms since it started). */
export function timedWindow(samplerStartedAtMs: number, exit: Pick<TrtexecExit, 'marks' | 'exitedAtMs'>, spanMs: number): TimedWindow {
  const done = exit.marks.find((m) => /Warmup completed|Timing trace has/.test(m.line));
  const endAt = done ? done.atMs : exit.exitedAtMs;
  const endMs = endAt - samplerStartedAtMs;
  return {
    startMs: endMs - spanMs,
    endMs,
    placedBy: done
      ? 'ending when trtexec\'s "Timing trace has … queries" line arrived'
      : 'ending when the trtexec process ended (it printed no "Timing trace" line)',
  };
}

export interface TrtexecTelemetry {
  summary: TelemetrySummary;
  covers: string;
  window: TimedWindow;
}

export function trtexecTelemetry(recording: TelemetryRecording, samplesMs: readonly number[], window: TimedWindow, batchSize?: number): TrtexecTelemetry {
  const spanMs = window.endMs - window.startMs;
  const inferences = samplesMs.length;
  const summary = summarizeTelemetry(recording, {
    samplesMsInOrder: samplesMs, inferences, durationMs: spanMs, intervalMs: TELEMETRY_INTERVAL_MS,
    ...(batchSize !== undefined ? { batchSize } : {}),
  });
  const over = `mean power over the timed iterations (${(spanMs / 1000).toFixed(3)} s from the times file, ${window.placedBy}) × their duration`;
  const perInference = (j: number) => (inferences > 0 ? j / inferences : 0);

  if (summary.energy.available) {
    const rapl = recording.energy.available;
    const series = recording.samples.flatMap((s) => {
      const powerW = rapl ? packagePowerW(s) : jetsonInputPowerW(s);
      return powerW === null ? [] : [{ elapsedMs: s.elapsedMs, powerW }];
    });
    const meanW = rapl ? meanIntervalPowerW(series, window) : meanPointPowerW(series, window);
    if (meanW !== null) {
      const energyJ = meanW * (spanMs / 1000);
      const source = summary.energy.value.source.replace(/ \(mean power × duration\)$/, '');
      summary.energy = available({ ...summary.energy.value, source: `${source}; ${over}`, energyJ, averagePowerW: meanW, joulesPerInference: perInference(energyJ), domains: [] });
    }
  }
  if (summary.gpuEnergy?.available) summary.gpuEnergy = gpuEnergyInWindow(recording, window, inferences, over, batchSize);
  const inside = recording.samples.filter((s) => s.elapsedMs >= window.startMs && s.elapsedMs <= window.endMs).length;
  return { summary, window, covers: `the timed iterations, ${window.placedBy}; ${inside} of ${recording.samples.length} telemetry samples fell inside them, the rest covered the engine build and warm-up` };
}

function gpuEnergyInWindow(recording: TelemetryRecording, window: TimedWindow, inferences: number, over: string, batchSize?: number): Reading<GpuEnergy> {
  const seconds = (window.endMs - window.startMs) / 1000;
  const indices = [...new Set(recording.gpuPower.filter((r) => r.powerW !== null).map((r) => r.index))].sort((a, b) => a - b);
  const gpus = indices.map((index) => {
    const series = recording.gpuPower.flatMap((r) => (r.index === index && r.powerW !== null ? [{ elapsedMs: r.elapsedMs, powerW: r.powerW }] : []));
    const averagePowerW = meanPointPowerW(series, window) ?? 0;
    return { index, energyJ: averagePowerW * seconds, averagePowerW, readings: series.filter((r) => r.elapsedMs >= window.startMs && r.elapsedMs <= window.endMs).length };
  });
  const energyJ = gpus.reduce((a, g) => a + g.energyJ, 0);
  const joulesPerInference = inferences > 0 ? energyJ / inferences : 0;
  return available({
    sensor: `nvidia-smi power.draw (board power, ${gpus.length === 1 ? `GPU ${gpus[0]?.index}` : `${gpus.length} GPUs summed`}; ${over}; ${gpus.reduce((a, g) => a + g.readings, 0)} readings inside the window)`,
    gpus,
    energyJ,
    averagePowerW: gpus.reduce((a, g) => a + g.averagePowerW, 0),
    joulesPerInference,
    joulesPerSample: batchSize !== undefined && batchSize > 0 ? joulesPerInference / batchSize : null,
  });
}
