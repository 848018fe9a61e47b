import type { TelemetryRecording, TelemetrySample } from './sampler.js';
import { available, unavailable, type Reading } from './reading.js';
import { checkThrottling, type ThrottlingCheck } from './throttling.js';
import { boardInputPower } from './board-input-power.js';
import { gpuEnergyOf, type GpuEnergy } from './gpu-energy.js';
import type { GpuClockState } from './gpu-clock-state.js';
import type { TelemetrySeries } from '../api/telemetry-series.js';

/**
 * The compact form of a run's telemetry kept in `extras.telemetry`: each source as a reading that is
 * either a value or the reason it is missing (a zero would read as a measurement), throttling, and a
 * series downsampled to at most SERIES_POINTS points for charts.
 */
export interface TelemetrySummary {
  intervalMs: number;
  sampleCount: number;
  cpuLoadPercent: Reading<{ mean: number; max: number }>;
  cpuClockMHz: Reading<{ mean: number; min: number; max: number; source: string }>;
  temperatureC: Reading<{ mean: number; max: number; first: number; last: number; source: string }>;
  energy: Reading<{ source: string; energyJ: number; averagePowerW: number; joulesPerInference: number; domains: { id: string; name: string; energyJ: number }[] }>;
  gpu: Reading<{ gpus: number; meanUtilizationPercent: number | null; maxTemperatureC: number | null; meanPowerW: number | null }>;
  tegrastats: Reading<{ lines: number; unreadableLines: number }>;
  throttling: ThrottlingCheck;
  series: TelemetrySeries;
  /** NVIDIA GPU energy of the timed run from nvidia-smi's power readings; absent in older records. */
  gpuEnergy?: Reading<GpuEnergy>;
  /** NVIDIA GPU clock state just before and just after the timed run; absent in older records. */
  gpuClocks?: Reading<{ start: GpuClockState[]; end: GpuClockState[] }>;
  /** Set when the samples come from an imported log (`edgelab import tegrastats`), not from a run here. */
  importedLog?: string;
}

export const SERIES_POINTS = 60;

export interface TelemetryContext {
  /** Latency samples in the order taken, for the throttling check. */
  samplesMsInOrder: readonly number[];
  /** Inferences completed while telemetry ran (batches, not batch items). */
  inferences: number;
  /** Wall time telemetry covered. */
  durationMs: number;
  intervalMs: number;
  /** Batch items per inference, when the run knows it: energy is then also given per sample. */
  batchSize?: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const present = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);

/** Clock per sample: the OS's per-core speed, or on a Jetson the mean of tegrastats' online cores. */
function clockOf(s: TelemetrySample): number | null {
  if (s.cpuMeanSpeedMHz !== null) return s.cpuMeanSpeedMHz;
  const freqs = present(s.tegrastats?.cpus.filter((c) => c.online).map((c) => c.freqMHz) ?? []);
  return freqs.length > 0 ? mean(freqs) : null;
}

function temperatureOf(s: TelemetrySample): number | null {
  if (s.temperatureC !== null) return s.temperatureC;
  const temps = present(Object.values(s.tegrastats?.temperaturesC ?? {}));
  return temps.length > 0 ? Math.max(...temps) : null;
}

/** Board input power of a Jetson from the rail that is its total (board-input-power.ts says which). */
export function jetsonInputPowerW(s: TelemetrySample): number | null {
  return boardInputPower(s.tegrastats?.powerRails ?? [])?.powerW ?? null;
}

export function packagePowerW(s: TelemetrySample): number | null {
  const ids = Object.keys(s.raplPowerW).filter((id) => /^intel-rapl:\d+$/.test(id));
  return ids.length > 0 ? ids.reduce((sum, id) => sum + (s.raplPowerW[id] ?? 0), 0) : null;
}

function energyOf(recording: TelemetryRecording, ctx: TelemetryContext): TelemetrySummary['energy'] {
  const perInference = (j: number) => (ctx.inferences > 0 ? j / ctx.inferences : 0);
  const seconds = ctx.durationMs / 1000;
  if (recording.energy.available) {
    // Top-level RAPL domains (packages, psys) are disjoint from each other only when psys is absent:
    // psys already contains the packages, so it is the whole figure when the platform has it.
    const domains = recording.energy.value;
    const psys = domains.find((d) => d.name === 'psys');
    const packages = domains.filter((d) => /^intel-rapl:\d+$/.test(d.id) && d.name !== 'psys');
    const energyJ = psys ? psys.energyJ : packages.reduce((sum, d) => sum + d.energyJ, 0);
    return available({
      source: psys ? 'RAPL psys (whole platform)' : 'RAPL CPU package(s)',
      energyJ,
      averagePowerW: seconds > 0 ? energyJ / seconds : 0,
      joulesPerInference: perInference(energyJ),
      domains,
    });
  }
  const jetson = present(recording.samples.map(jetsonInputPowerW));
  if (jetson.length > 0) {
    const averagePowerW = mean(jetson);
    const energyJ = averagePowerW * seconds;
    const rail = recording.samples.map((s) => boardInputPower(s.tegrastats?.powerRails ?? [])).find((r) => r !== null);
    const which = rail ? `${rail.rail}, ${rail.method}` : 'board input';
    return available({ source: `tegrastats ${which} (mean power × duration)`, energyJ, averagePowerW, joulesPerInference: perInference(energyJ), domains: [] });
  }
  const rails = recording.samples.find((s) => (s.tegrastats?.powerRails.length ?? 0) > 0)?.tegrastats?.powerRails;
  if (rails) {
    return unavailable(`tegrastats printed the rails ${rails.map((r) => r.name).join(', ')}, which no documented rule adds up to this module's input power (board-input-power.ts lists the modules it knows).`);
  }
  return unavailable(recording.energy.reason);
}

function gpuOf(recording: TelemetryRecording): TelemetrySummary['gpu'] {
  if (!recording.nvidiaSmi.available) return unavailable(recording.nvidiaSmi.reason);
  const gpus = recording.samples.flatMap((s) => s.gpus);
  const utils = present(gpus.map((g) => g.utilizationPercent));
  const temps = present(gpus.map((g) => g.temperatureC));
  const powers = present(gpus.map((g) => g.powerW));
  return available({
    gpus: recording.nvidiaSmi.value.gpus,
    meanUtilizationPercent: utils.length > 0 ? mean(utils) : null,
    maxTemperatureC: temps.length > 0 ? Math.max(...temps) : null,
    meanPowerW: powers.length > 0 ? mean(powers) : null,
  });
}

/** Averages consecutive samples into at most `points` buckets; a bucket with no reading stays null. */
export function downsample(values: readonly (number | null)[], points: number): (number | null)[] {
  if (values.length <= points) return [...values];
  const out: (number | null)[] = [];
  for (let b = 0; b < points; b++) {
    const bucket = present(values.slice(Math.floor((b * values.length) / points), Math.floor(((b + 1) * values.length) / points)));
    out.push(bucket.length > 0 ? mean(bucket) : null);
  }
  return out;
}

export function summarizeTelemetry(recording: TelemetryRecording, ctx: TelemetryContext): TelemetrySummary {
  const samples = recording.samples;
  const loads = present(samples.map((s) => s.cpuLoadPercent));
  const clocks = samples.map(clockOf);
  const temps = samples.map(temperatureOf);
  const powers = samples.map((s) => packagePowerW(s) ?? jetsonInputPowerW(s));
  const knownClocks = present(clocks);
  const knownTemps = present(temps);
  const clockReason = 'The OS reports no CPU clock here (os.cpus() speed is 0, common in VMs and containers) and there is no tegrastats.';
  const round = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : Math.round(x * 10) / 10));

  return {
    intervalMs: ctx.intervalMs,
    sampleCount: samples.length,
    cpuLoadPercent:
      loads.length > 0
        ? available({ mean: mean(loads), max: Math.max(...loads) })
        : unavailable('The CPU time counters did not advance between samples (they tick every 10 ms; the run was too short).'),
    cpuClockMHz:
      knownClocks.length > 0
        ? available({ mean: mean(knownClocks), min: Math.min(...knownClocks), max: Math.max(...knownClocks), source: samples.some((s) => s.cpuMeanSpeedMHz !== null) ? 'os.cpus()' : 'tegrastats' })
        : unavailable(clockReason),
    temperatureC:
      knownTemps.length > 0
        ? available({ mean: mean(knownTemps), max: Math.max(...knownTemps), first: knownTemps[0]!, last: knownTemps.at(-1)!, source: samples.some((s) => s.temperatureC !== null) ? 'thermal zones (hottest)' : 'tegrastats (hottest sensor)' })
        : unavailable(recording.thermal.available ? 'The thermal zones stopped being readable during the run.' : recording.thermal.reason),
    energy: energyOf(recording, ctx),
    gpu: gpuOf(recording),
    tegrastats: recording.tegrastats,
    gpuEnergy: recording.nvidiaSmi.available
      ? gpuEnergyOf(recording.gpuPower ?? [], ctx.durationMs, ctx.inferences, ctx.batchSize)
      : unavailable(recording.nvidiaSmi.reason),
    throttling: checkThrottling(clocks, ctx.samplesMsInOrder, clockReason),
    series: {
      elapsedMs: downsample(samples.map((s) => s.elapsedMs), SERIES_POINTS).map((x) => Math.round(x ?? 0)),
      cpuLoadPercent: round(downsample(loads, SERIES_POINTS)).map((x) => x ?? 0),
      cpuClockMHz: round(downsample(clocks, SERIES_POINTS)),
      temperatureC: round(downsample(temps, SERIES_POINTS)),
      powerW: round(downsample(powers, SERIES_POINTS)),
    },
  };
}
