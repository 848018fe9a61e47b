import { available, unavailable, type Reading } from './reading.js';

/** One power reading of one GPU: milliseconds since telemetry started, and watts (null: the driver could not say). */
export interface GpuPowerReading {
  elapsedMs: number;
  index: number;
  powerW: number | null;
}

export interface GpuEnergy {
  /** What was integrated, named so a reader can judge it (board power, its update rate). */
  sensor: string;
  /** Per GPU that reported power. */
  gpus: { index: number; energyJ: number; averagePowerW: number; readings: number }[];
  energyJ: number;
  averagePowerW: number;
  joulesPerInference: number;
  /** Joules per batch item when the run knows its batch size; null otherwise. */
  joulesPerSample: number | null;
}

/**
 * Mean power of a series by the trapezoid rule over the time it covers (readings arrive about every
 * -lms interval, not exactly); one reading is its own mean.
 */
export function meanPowerW(readings: readonly { elapsedMs: number; powerW: number }[]): number {
  const sorted = [...readings].sort((a, b) => a.elapsedMs - b.elapsedMs);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return 0;
  if (last.elapsedMs <= first.elapsedMs) return sorted.reduce((a, r) => a + r.powerW, 0) / sorted.length;
  let area = 0;
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as { elapsedMs: number; powerW: number };
    const b = sorted[i] as { elapsedMs: number; powerW: number };
    area += ((a.powerW + b.powerW) / 2) * (b.elapsedMs - a.elapsedMs);
  }
  return area / (last.elapsedMs - first.elapsedMs);
}

/**
 * Energy of the timed run from nvidia-smi's `power.draw`: each GPU's mean power over its readings
 * × the run's wall time, summed over GPUs. nvidia-smi reports board power (the whole card, memory
 * included), averaged by the driver over about a second on recent datacenter GPUs, so runs much
 * shorter than that, or with few readings, are a rough figure, and the reading count says so.
 */
export function gpuEnergyOf(readings: readonly GpuPowerReading[], durationMs: number, inferences: number, batchSize?: number): Reading<GpuEnergy> {
  const byGpu = new Map<number, { elapsedMs: number; powerW: number }[]>();
  for (const r of readings) {
    if (r.powerW === null) continue;
    byGpu.set(r.index, [...(byGpu.get(r.index) ?? []), { elapsedMs: r.elapsedMs, powerW: r.powerW }]);
  }
  if (byGpu.size === 0) {
    return unavailable(readings.length === 0 ? 'nvidia-smi gave no power reading during the run.' : 'nvidia-smi reported power.draw as not available on this GPU ([N/A]).');
  }
  const seconds = durationMs / 1000;
  const gpus = [...byGpu].sort((a, b) => a[0] - b[0]).map(([index, series]) => {
    const averagePowerW = meanPowerW(series);
    return { index, energyJ: averagePowerW * seconds, averagePowerW, readings: series.length };
  });
  const energyJ = gpus.reduce((a, g) => a + g.energyJ, 0);
  const joulesPerInference = inferences > 0 ? energyJ / inferences : 0;
  return available({
    sensor: `nvidia-smi power.draw (board power, ${gpus.length === 1 ? `GPU ${gpus[0]?.index}` : `${gpus.length} GPUs summed`}; mean of ${gpus.reduce((a, g) => a + g.readings, 0)} readings × run time)`,
    gpus,
    energyJ,
    averagePowerW: gpus.reduce((a, g) => a + g.averagePowerW, 0),
    joulesPerInference,
    joulesPerSample: batchSize !== undefined && batchSize > 0 ? joulesPerInference / batchSize : null,
  });
}
