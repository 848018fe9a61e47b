import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseNvidiaSmiCsv } from './nvidia-smi.js';
import { available, unavailable, type Reading } from './reading.js';
import { stopChild } from './stop-child.js';

/** What one GPU reported at the latest line; a field the driver cannot report is null, not 0. */
export interface GpuSample {
  index: number;
  utilizationPercent: number | null;
  smClockMHz: number | null;
  temperatureC: number | null;
  powerW: number | null;
}

export const NVIDIA_SMI_FIELDS = ['index', 'utilization.gpu', 'clocks.current.sm', 'temperature.gpu', 'power.draw'] as const;

export interface NvidiaSmiStream {
  /** The latest sample per GPU, keyed by index. */
  latest: Map<number, GpuSample>;
  /** Every power reading as it arrived (performance.now() ms), for integrating energy. */
  powerReadings: { atMs: number; index: number; powerW: number | null }[];
  stop(): Promise<Reading<{ lines: number; gpus: number }>>;
}

/**
 * `nvidia-smi --query-gpu=… -lms N` keeps one process printing a line per GPU every N ms, so the
 * sampler only reads the latest line: spawning nvidia-smi per tick would cost tens of milliseconds of
 * CPU each time, on the same cores the model runs on.
 */
export function startNvidiaSmi(option: { command: string; args: string[] } | false | undefined, intervalMs: number): NvidiaSmiStream {
  const latest = new Map<number, GpuSample>();
  const powerReadings: NvidiaSmiStream['powerReadings'] = [];
  if (option === false) return { latest, powerReadings, stop: async () => unavailable('nvidia-smi was turned off for this run.') };
  const { command, args } = option ?? {
    command: 'nvidia-smi',
    args: [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(Math.max(100, Math.round(intervalMs)))],
  };
  let failure: string | null = null;
  let lines = 0;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  child.on('error', (error: NodeJS.ErrnoException) => {
    failure = error.code === 'ENOENT' ? `${command} was not found on PATH (no NVIDIA driver here).` : `${command} could not start: ${error.message}`;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.trim() === '') return;
    try {
      const row = parseNvidiaSmiCsv(line, { fields: [...NVIDIA_SMI_FIELDS] }).rows[0];
      if (!row) return;
      const num = (field: string): number | null => {
        const cell = row[field];
        return cell?.available ? cell.value.number : null;
      };
      const index = num('index');
      if (index === null) return;
      latest.set(index, { index, utilizationPercent: num('utilization.gpu'), smClockMHz: num('clocks.current.sm'), temperatureC: num('temperature.gpu'), powerW: num('power.draw') });
      powerReadings.push({ atMs: performance.now(), index, powerW: num('power.draw') });
      lines += 1;
    } catch {
      // A line with another layout (an error message on stdout) is not a sample.
    }
  });
  return {
    latest,
    powerReadings,
    async stop() {
      if (failure === null) await stopChild(child);
      if (failure !== null) return unavailable(failure);
      if (lines === 0) return unavailable(`${command} printed no GPU line during the run (exit code ${child.exitCode ?? child.signalCode}).`);
      return available({ lines, gpus: latest.size });
    },
  };
}
