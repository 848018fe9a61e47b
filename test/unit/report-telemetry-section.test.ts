import { describe, expect, test } from 'vitest';
import { telemetrySection } from '../../core/present/sections/telemetry-section.js';

const missing = (reason: string) => ({ available: false, reason });

describe('the telemetry section says why a sensor is missing instead of showing a zero', () => {
  test('load and clock measured, temperature, energy and GPU not, with their reasons', () => {
    const section = telemetrySection({
      intervalMs: 500, sampleCount: 12,
      cpuLoadPercent: { available: true, value: { mean: 48.2, max: 97.5 } },
      cpuClockMHz: { available: true, value: { mean: 2594.4, min: 2400, max: 2600, source: '/proc/cpuinfo' } },
      temperatureC: missing('no thermal zone is readable'),
      energy: missing('RAPL is not readable: /sys/class/powercap/intel-rapl:0/energy_uj needs root'),
      gpu: missing('nvidia-smi not found'),
      tegrastats: missing('not a Jetson'),
      throttling: { clockChangePercent: { available: true, value: 0 }, latencyChangePercent: { available: true, value: 1 }, throttled: false, finding: 'No sign of throttling.' },
      series: { elapsedMs: [], cpuLoadPercent: [], cpuClockMHz: [], temperatureC: [], powerW: [] },
    })!;
    expect(section.blocks[0]).toEqual({ kind: 'text', text: 'No sign of throttling.' });
    const table = section.blocks[1];
    expect(table?.kind === 'table' && table.table.rows).toEqual([
      ['CPU load', '48 % mean, 98 % max', 'all cores'],
      ['CPU clock', '2594 MHz mean (2400–2600)', '/proc/cpuinfo'],
      ['Temperature', 'not measured', 'no thermal zone is readable'],
      ['Energy', 'not measured', 'RAPL is not readable: /sys/class/powercap/intel-rapl:0/energy_uj needs root'],
      ['GPU', 'not measured', 'nvidia-smi not found'],
    ]);
    expect(table?.kind === 'table' && table.note).toBe('12 samples every 500 ms, read between inferences, never inside the timed region.');
  });

  test('a run too short for the CPU counters to advance shows CPU load as not measured, not 0 %', () => {
    const section = telemetrySection({
      intervalMs: 250, sampleCount: 1,
      cpuLoadPercent: missing('The CPU time counters did not advance between samples'),
      cpuClockMHz: missing('no clock'), temperatureC: missing('no zone'), energy: missing('no RAPL'), gpu: missing('no GPU'),
      throttling: { throttled: false, finding: 'No sign of throttling.' },
    })!;
    const table = section.blocks[1];
    expect(table?.kind === 'table' && table.table.rows[0]).toEqual(['CPU load', 'not measured', 'The CPU time counters did not advance between samples']);
  });
});
