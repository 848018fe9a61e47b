import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiCsv } from '../../core/telemetry/nvidia-smi.js';
import { gpuClockWarnings, queryGpuClockState, readGpuClockState, type GpuClockState } from '../../core/telemetry/gpu-clock-state.js';

// Recorded nvidia-smi captures from real GPUs (test/fixtures/README.md, nvidia-smi/); no GPU needed here.
const read = (name: string) => readFileSync(new URL(`../fixtures/nvidia-smi/${name}`, import.meta.url), 'utf8');
const stateOf = (text: string): GpuClockState => readGpuClockState(parseNvidiaSmiCsv(text).rows[0]!);

describe('GPU clock state from recorded nvidia-smi output', () => {
  it('reads an H100 under load: clocks, memory, driver, persistence, no active reasons', () => {
    expect(stateOf(read('1.csv'))).toEqual({
      index: 0, name: 'NVIDIA H100 80GB HBM3', driverVersion: '590.48.01', memoryTotalMiB: 81559, pstate: 'P0',
      smClockMHz: 1980, memoryClockMHz: 2619, maxSmClockMHz: 1980, maxMemoryClockMHz: 2619,
      persistenceMode: 'Enabled', activeReasons: [], reasonsField: 'clocks_event_reasons',
    });
  });

  it('decodes the active-reasons bitmask (RTX 2080 SUPER: 0x4 = sw_power_cap, also printed as Active)', () => {
    const s = stateOf(read('4.csv'));
    expect(s.activeReasons).toEqual(['sw_power_cap']);
    expect(stateOf(read('2.csv')).activeReasons).toEqual(['gpu_idle']);
  });

  it('reads older drivers\' clocks_throttle_reasons names the same way', () => {
    // Constructed from the recorded 4.csv by renaming the header to the older field names (drivers
    // before R535 printed these); the values are as recorded.
    const [header, ...rows] = read('4.csv').split('\n');
    const legacy = stateOf([header!.replaceAll('clocks_event_reasons', 'clocks_throttle_reasons'), ...rows].join('\n'));
    expect(legacy.reasonsField).toBe('clocks_throttle_reasons');
    expect(legacy.activeReasons).toEqual(['sw_power_cap']);
  });

  it('warns with advice when a throttle reason is active and persistence mode is off (Linux)', () => {
    const s = stateOf(read('4.csv'));
    const warnings = gpuClockWarnings([s], [s], 'linux');
    expect(warnings.map((w) => w.code)).toEqual(['gpu-throttled', 'gpu-persistence-off']);
    expect(warnings[0]?.message).toContain('sw_power_cap at the start and end');
    expect(warnings[0]?.message).toContain('NVIDIA GeForce RTX 2080 SUPER');
    expect(warnings[1]?.advice).toContain('nvidia-smi -pm 1');
  });

  it('warns when the clocks moved between start and end, and not for an idle reason alone', () => {
    // The same H100 under load (1.csv, SM 1980 MHz) and idle (2.csv, SM 345 MHz, gpu_idle).
    const warnings = gpuClockWarnings([stateOf(read('1.csv'))], [stateOf(read('2.csv'))], 'linux');
    expect(warnings.map((w) => w.code)).toEqual(['gpu-clocks-moved']);
    expect(warnings[0]?.message).toContain('SM clock 1980 → 345 MHz');
    expect(warnings[0]?.advice).toContain('--lock-gpu-clocks');
  });

  it('says nothing for steady clocks, and no persistence warning where the mode does not exist (Windows)', () => {
    const h200 = stateOf(read('5.csv'));
    expect(gpuClockWarnings([h200], [h200], 'linux')).toEqual([]);
    const windows = stateOf(read('6.csv'));
    expect(windows.persistenceMode).toBeNull();
    expect(gpuClockWarnings([windows], [windows], 'win32')).toEqual([]);
  });

  it('falls back to the older field names when the driver rejects the newer ones', async () => {
    const asked: string[] = [];
    // A stand-in for nvidia-smi: an older driver's rejection, then the recorded capture for the retry.
    const run = async (args: string[]) => {
      asked.push(args[0]!);
      if (args[0]!.includes('clocks_event_reasons')) {
        throw Object.assign(new Error('exit 2'), { stdout: 'Field "clocks_event_reasons.active" is not a valid field to query.\n', stderr: '' });
      }
      const [header, ...rows] = read('4.csv').split('\n');
      return { stdout: [header!.replaceAll('clocks_event_reasons', 'clocks_throttle_reasons'), ...rows].join('\n'), stderr: '' };
    };
    const reading = await queryGpuClockState(run);
    expect(asked.map((a) => a.includes('clocks_throttle_reasons'))).toEqual([false, true]);
    expect(reading.available && reading.value[0]?.activeReasons).toEqual(['sw_power_cap']);
  });

  it('is unavailable, with the reason, where there is no nvidia-smi', async () => {
    const reading = await queryGpuClockState('/nonexistent/bin/nvidia-smi');
    expect(reading).toEqual({ available: false, reason: 'nvidia-smi was not found on PATH (no NVIDIA driver here).' });
  });
});
