import { execFile } from 'node:child_process';
import { parseNvidiaSmiCsv, type NvidiaSmiRow } from './nvidia-smi.js';
import { available, unavailable, type Reading } from './reading.js';

/**
 * An NVIDIA GPU's identity and clock state at one moment, as nvidia-smi reports it: what the run
 * record names as the accelerator, and what tells a reader whether its clocks held during the run.
 */
export interface GpuClockState {
  index: number;
  name: string | null;
  driverVersion: string | null;
  memoryTotalMiB: number | null;
  pstate: string | null;
  smClockMHz: number | null;
  memoryClockMHz: number | null;
  maxSmClockMHz: number | null;
  maxMemoryClockMHz: number | null;
  /** 'Enabled' / 'Disabled'; null where the driver has no such mode (Windows WDDM prints [N/A]). */
  persistenceMode: string | null;
  /** Active clock-event reasons by nvidia-smi's field names (`sw_power_cap`, `hw_thermal_slowdown` …). */
  activeReasons: string[];
  /** Which name the driver used: newer drivers say clocks_event_reasons, older clocks_throttle_reasons. */
  reasonsField: 'clocks_event_reasons' | 'clocks_throttle_reasons' | null;
}

const BASE_FIELDS = ['index', 'name', 'driver_version', 'memory.total', 'pstate', 'persistence_mode', 'clocks.sm', 'clocks.mem', 'clocks.max.sm', 'clocks.max.mem'];
/** The query for drivers that name the reasons clocks_event_reasons (R535 and later) … */
export const GPU_CLOCK_FIELDS = [...BASE_FIELDS, 'clocks_event_reasons.active'];
/** … and for older ones, which only know clocks_throttle_reasons. */
export const GPU_CLOCK_FIELDS_LEGACY = [...BASE_FIELDS, 'clocks_throttle_reasons.active'];

/** NVML's clock-event reason bits, in nvidia-smi's field names. */
const REASON_BITS: Array<[number, string]> = [
  [0x1, 'gpu_idle'],
  [0x2, 'applications_clocks_setting'],
  [0x4, 'sw_power_cap'],
  [0x8, 'hw_slowdown'],
  [0x10, 'sync_boost'],
  [0x20, 'sw_thermal_slowdown'],
  [0x40, 'hw_thermal_slowdown'],
  [0x80, 'hw_power_brake_slowdown'],
  [0x100, 'display_clock_setting'],
];

/** Reasons that mean the GPU ran slower than it could for power or heat; idle and app clocks do not. */
export const THROTTLE_REASONS = new Set(['sw_power_cap', 'hw_slowdown', 'sw_thermal_slowdown', 'hw_thermal_slowdown', 'hw_power_brake_slowdown']);

function cell(row: NvidiaSmiRow, ...names: string[]): { text: string; number: number | null } | null {
  for (const name of names) {
    const r = row[name];
    if (r?.available) return r.value;
  }
  return null;
}

/**
 * One nvidia-smi row (from the query above, or a capture of every field) → clock state. The active
 * reasons come from the `.active` bitmask, or from the per-reason `Active`/`Not Active` fields.
 */
export function readGpuClockState(row: NvidiaSmiRow): GpuClockState {
  const reasonsField = Object.keys(row).some((k) => k.startsWith('clocks_event_reasons.'))
    ? 'clocks_event_reasons'
    : Object.keys(row).some((k) => k.startsWith('clocks_throttle_reasons.')) ? 'clocks_throttle_reasons' : null;
  const activeReasons: string[] = [];
  const mask = reasonsField ? cell(row, `${reasonsField}.active`) : null;
  if (mask && /^0x[0-9a-f]+$/i.test(mask.text)) {
    const bits = Number.parseInt(mask.text.slice(2), 16);
    for (const [bit, name] of REASON_BITS) if (bits & bit) activeReasons.push(name);
  } else if (reasonsField) {
    for (const [, name] of REASON_BITS) if (cell(row, `${reasonsField}.${name}`)?.text === 'Active') activeReasons.push(name);
  }
  const num = (...names: string[]) => cell(row, ...names)?.number ?? null;
  const text = (...names: string[]) => cell(row, ...names)?.text ?? null;
  return {
    index: num('index') ?? 0,
    name: text('name'),
    driverVersion: text('driver_version'),
    memoryTotalMiB: num('memory.total'),
    pstate: text('pstate'),
    smClockMHz: num('clocks.current.sm', 'clocks.sm'),
    memoryClockMHz: num('clocks.current.memory', 'clocks.mem'),
    maxSmClockMHz: num('clocks.max.sm'),
    maxMemoryClockMHz: num('clocks.max.memory', 'clocks.max.mem'),
    persistenceMode: text('persistence_mode'),
    activeReasons,
    reasonsField,
  };
}

export type RunNvidiaSmi = (args: string[]) => Promise<{ stdout: string; stderr: string }>;

const runCommand = (command: string): RunNvidiaSmi => (args) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => (error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr })));
  });

/**
 * Asks nvidia-smi for every GPU's clock state, with the newer field names first and the older ones
 * when the driver rejects them. Read outside the timed region: nvidia-smi takes tens of milliseconds.
 */
export async function queryGpuClockState(run: RunNvidiaSmi | string = 'nvidia-smi'): Promise<Reading<GpuClockState[]>> {
  const exec = typeof run === 'string' ? runCommand(run) : run;
  let lastError = '';
  for (const fields of [GPU_CLOCK_FIELDS, GPU_CLOCK_FIELDS_LEGACY]) {
    try {
      const { stdout } = await exec([`--query-gpu=${fields.join(',')}`, '--format=csv,nounits']);
      const table = parseNvidiaSmiCsv(stdout);
      if (table.rows.length === 0) return unavailable('nvidia-smi listed no GPU.');
      return available(table.rows.map(readGpuClockState));
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
      if (err.code === 'ENOENT') return unavailable('nvidia-smi was not found on PATH (no NVIDIA driver here).');
      lastError = `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || err.message;
      // "Field … is not a valid field to query": an older driver; try its names.
      if (!/not a valid field/i.test(lastError)) break;
    }
  }
  return unavailable(`nvidia-smi could not report clocks: ${lastError.split('\n')[0]}`);
}

export interface GpuClockWarning {
  code: 'gpu-throttled' | 'gpu-clocks-moved' | 'gpu-persistence-off';
  message: string;
  advice: string;
}

/** A clock change beyond this between the start and end of the timed run is worth a warning. */
export const CLOCK_MOVE_PERCENT = 10;

const reasonAdvice: Record<string, string> = {
  sw_power_cap: 'the board reached its power limit (see power.limit in nvidia-smi -q -d POWER)',
  hw_slowdown: 'a hardware slowdown (power brake or overheating) was asserted',
  sw_thermal_slowdown: 'the driver lowered clocks to stay under its temperature target',
  hw_thermal_slowdown: 'the GPU is too hot and hardware lowered its clocks',
  hw_power_brake_slowdown: 'an external power brake (the power supply) slowed the GPU',
};

/** Typed warnings with advice from the clock state at the start and end of the timed run. */
export function gpuClockWarnings(start: readonly GpuClockState[], end: readonly GpuClockState[], platform: string = process.platform): GpuClockWarning[] {
  const warnings: GpuClockWarning[] = [];
  for (const s of start) {
    const e = end.find((x) => x.index === s.index);
    const gpu = `GPU ${s.index}${s.name ? ` (${s.name})` : ''}`;
    const throttled = [...new Set([...s.activeReasons, ...(e?.activeReasons ?? [])])].filter((r) => THROTTLE_REASONS.has(r));
    if (throttled.length > 0) {
      const when = (r: string) => [s.activeReasons.includes(r) ? 'start' : '', e?.activeReasons.includes(r) ? 'end' : ''].filter(Boolean).join(' and ');
      warnings.push({
        code: 'gpu-throttled',
        message: `${gpu} was held back during the run: ${throttled.map((r) => `${r} at the ${when(r)}`).join(', ')} (${throttled.map((r) => reasonAdvice[r]).join('; ')}).`,
        advice: 'The latency is that of a throttled GPU: improve cooling or airflow, check the power limit and supply, and compare runs only at the same clock state (nvidia-smi -q -d PERFORMANCE shows the reasons).',
      });
    }
    const moved = (a: number | null, b: number | null | undefined) => a !== null && b !== null && b !== undefined && a > 0 && (Math.abs(b - a) / a) * 100 > CLOCK_MOVE_PERCENT;
    const changes = [
      moved(s.smClockMHz, e?.smClockMHz) ? `SM clock ${s.smClockMHz} → ${e?.smClockMHz} MHz` : '',
      moved(s.memoryClockMHz, e?.memoryClockMHz) ? `memory clock ${s.memoryClockMHz} → ${e?.memoryClockMHz} MHz` : '',
    ].filter(Boolean);
    if (changes.length > 0) {
      warnings.push({
        code: 'gpu-clocks-moved',
        message: `${gpu} changed clocks between the start and the end of the timed run: ${changes.join(', ')}.`,
        advice: 'Samples were taken at different clocks. Warm up longer (a GPU steps its clocks up under load and down when idle), or lock them for repeatable numbers: sudo nvidia-smi --lock-gpu-clocks=MIN,MAX (and --lock-memory-clocks where supported).',
      });
    }
    if (s.persistenceMode === 'Disabled' && platform === 'linux') {
      warnings.push({
        code: 'gpu-persistence-off',
        message: `${gpu} has persistence mode off: the driver can unload between runs, and the first inference after it pays for initialising the GPU again.`,
        advice: 'Turn it on for benchmarking: sudo nvidia-smi -pm 1 (or run nvidia-persistenced).',
      });
    }
  }
  return warnings;
}
