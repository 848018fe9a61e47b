import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { cpuLoadBetween, readCpuTimes, type CpuTimes } from './cpu-load.js';
import { DEFAULT_POWERCAP_ROOT, energyBetween, readRaplDomains, type RaplDomain } from './rapl.js';
import { available, unavailable, type Reading } from './reading.js';
import { parseTegrastatsLine, type TegrastatsSample } from './tegrastats.js';
import { startNvidiaSmi, type GpuSample } from './nvidia-smi-stream.js';
import type { GpuPowerReading } from './gpu-energy.js';
import type { GpuClockState } from './gpu-clock-state.js';
import { DEFAULT_THERMAL_ROOT, readThermalZones } from './thermal.js';
import { stopChild } from './stop-child.js';

/**
 * Samples the machine while a run measures: CPU load and clock, memory, this process's RSS, RAPL
 * power and energy, and on a Jetson the latest tegrastats line. It reads between inferences on a
 * timer and never inside the timed region; the bench loop decides when to start and stop it.
 */
export interface TelemetrySample {
  /** Milliseconds since the sampler started, from the monotonic clock. */
  elapsedMs: number;
  cpuLoadPercent: number | null;
  cpuPerCorePercent: number[];
  cpuMeanSpeedMHz: number | null;
  memoryUsedBytes: number;
  processRssBytes: number;
  /** Mean power per RAPL domain id (`intel-rapl:0`) since the previous sample; empty when RAPL is unavailable. */
  raplPowerW: Record<string, number>;
  /** The latest tegrastats line at the time of the sample, or null (not a Jetson, or no line yet). */
  tegrastats: TegrastatsSample | null;
  /** Hottest thermal zone in °C, or null when no zone is readable. */
  temperatureC: number | null;
  /** The latest nvidia-smi line per GPU; empty without an NVIDIA driver. */
  gpus: GpuSample[];
}

export interface TelemetryRecording {
  samples: TelemetrySample[];
  /** Energy per RAPL domain over the whole recording, summed interval by interval so wraps are unwrapped. */
  energy: Reading<RaplDomainEnergy[]>;
  tegrastats: Reading<{ lines: number; unreadableLines: number }>;
  /** The thermal zones read (type names), or why there are none. */
  thermal: Reading<{ zones: string[] }>;
  nvidiaSmi: Reading<{ lines: number; gpus: number }>;
  /** Every nvidia-smi power reading, timed from the sampler's start; empty without an NVIDIA driver. */
  gpuPower: GpuPowerReading[];
  /** performance.now() when the sampler started: places events timed on that clock among the samples. */
  startedAtMs?: number;
}

export interface RaplDomainEnergy {
  id: string;
  name: string;
  energyJ: number;
}

export interface TelemetryOptions {
  intervalMs?: number;
  powercapRoot?: string;
  /** The tegrastats command; defaults to `tegrastats --interval <intervalMs>` on a Jetson. `false` turns it off. */
  tegrastats?: { command: string; args: string[] } | false;
  thermalRoot?: string;
  /** The nvidia-smi command; defaults to a `--query-gpu … -lms` stream. `false` turns it off. */
  nvidiaSmi?: { command: string; args: string[] } | false;
  /** Reads the GPU clock state before and after the timed run; defaults to asking nvidia-smi. */
  gpuClockQuery?: () => Promise<Reading<GpuClockState[]>>;
}

export interface TelemetryRecorder {
  /** The most recent sample, for live `telemetry` events; null before the first tick. */
  latest(): TelemetrySample | null;
  stop(): Promise<TelemetryRecording>;
}

export async function startTelemetry(options: TelemetryOptions = {}): Promise<TelemetryRecorder> {
  const intervalMs = options.intervalMs ?? 500;
  const startedAt = performance.now();
  const samples: TelemetrySample[] = [];
  const tegrastats = startTegrastats(options.tegrastats, intervalMs);
  const nvidiaSmi = startNvidiaSmi(options.nvidiaSmi, intervalMs);
  const thermalRoot = options.thermalRoot ?? DEFAULT_THERMAL_ROOT;
  const firstThermal = await readThermalZones(thermalRoot);
  // Zones are read again only when the first read found some: a machine without sensors costs nothing per tick.
  const thermal: Reading<{ zones: string[] }> = firstThermal.available
    ? available({ zones: firstThermal.value.map((z) => z.type) })
    : unavailable(firstThermal.reason);

  const firstRapl = await readRaplDomains(options.powercapRoot ?? DEFAULT_POWERCAP_ROOT);
  const energyUj = new Map<string, { name: string; uj: number }>();
  let previousRapl: RaplDomain[] | null = firstRapl.available ? firstRapl.value : null;
  // A counter that stops being readable mid-run leaves a gap; the total must then not be reported.
  let raplFailure: string | null = firstRapl.available ? null : firstRapl.reason;
  let previousCpu: CpuTimes = readCpuTimes();
  let previousAt = startedAt;
  let ticking: Promise<void> | null = null;

  async function tick(): Promise<void> {
    const now = performance.now();
    const cpu = readCpuTimes();
    const load = cpuLoadBetween(previousCpu, cpu);
    const raplPowerW: Record<string, number> = {};
    if (previousRapl) {
      const rapl = await readRaplDomains(options.powercapRoot ?? DEFAULT_POWERCAP_ROOT);
      if (rapl.available) {
        for (const { id, name, energyUj: delta } of energyBetween(previousRapl, rapl.value)) {
          energyUj.set(id, { name, uj: (energyUj.get(id)?.uj ?? 0) + delta });
          // µJ per ms is mW; /1000 gives W.
          if (now > previousAt) raplPowerW[id] = delta / (now - previousAt) / 1000;
        }
        previousRapl = rapl.value;
      } else {
        raplFailure = rapl.reason;
        previousRapl = null;
      }
    }
    let temperatureC: number | null = null;
    if (thermal.available) {
      const zones = await readThermalZones(thermalRoot);
      if (zones.available) temperatureC = Math.max(...zones.value.map((z) => z.celsius));
    }
    samples.push({
      elapsedMs: now - startedAt,
      cpuLoadPercent: load.overallPercent,
      cpuPerCorePercent: load.perCorePercent,
      cpuMeanSpeedMHz: load.meanSpeedMHz,
      memoryUsedBytes: totalmem() - freemem(),
      processRssBytes: process.memoryUsage.rss(),
      raplPowerW,
      tegrastats: tegrastats.latest,
      temperatureC,
      gpus: [...nvidiaSmi.latest.values()],
    });
    previousCpu = cpu;
    previousAt = now;
  }

  const timer = setInterval(() => {
    // A slow RAPL read must not stack ticks on top of each other.
    if (ticking) return;
    ticking = tick().finally(() => (ticking = null));
  }, intervalMs);
  timer.unref();

  return {
    latest: () => samples.at(-1) ?? null,
    async stop() {
      clearInterval(timer);
      if (ticking) await ticking;
      await tick();
      const [tegrastatsReading, nvidiaSmiReading] = await Promise.all([tegrastats.stop(), nvidiaSmi.stop()]);
      return {
        samples,
        energy:
          raplFailure === null
            ? available([...energyUj].map(([id, { name, uj }]) => ({ id, name, energyJ: uj / 1e6 })))
            : unavailable(raplFailure),
        tegrastats: tegrastatsReading,
        thermal,
        nvidiaSmi: nvidiaSmiReading,
        gpuPower: nvidiaSmi.powerReadings.map((r) => ({ elapsedMs: r.atMs - startedAt, index: r.index, powerW: r.powerW })),
        startedAtMs: startedAt,
      };
    },
  };
}

interface TegrastatsStream {
  latest: TegrastatsSample | null;
  stop(): Promise<Reading<{ lines: number; unreadableLines: number }>>;
}

function startTegrastats(option: TelemetryOptions['tegrastats'], intervalMs: number): TegrastatsStream {
  if (option === false) return idleStream('tegrastats was turned off for this run.');
  if (option === undefined && !existsSync('/etc/nv_tegra_release')) {
    return idleStream('Not a Jetson (no /etc/nv_tegra_release), so there is no tegrastats.');
  }
  const { command, args } = option ?? { command: 'tegrastats', args: ['--interval', String(intervalMs)] };

  let failure: string | null = null;
  let lines = 0;
  let unreadableLines = 0;
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  const stream: TegrastatsStream = {
    latest: null,
    async stop() {
      if (failure === null) await stopChild(child);
      if (failure !== null) return unavailable(failure);
      if (lines === 0) return unavailable(`${command} printed no line during the run.`);
      return available({ lines, unreadableLines });
    },
  };
  child.on('error', (error: NodeJS.ErrnoException) => {
    failure =
      error.code === 'ENOENT'
        ? `${command} was not found on PATH; on a Jetson it is in /usr/bin (part of nvidia-l4t-tools).`
        : `${command} could not start: ${error.message}`;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.trim().length === 0) return;
    try {
      stream.latest = parseTegrastatsLine(line);
      lines += 1;
    } catch {
      unreadableLines += 1;
    }
  });
  return stream;
}

function idleStream(reason: string): TegrastatsStream {
  return { latest: null, stop: async () => unavailable(reason) };
}
