import { describe, expect, it } from 'vitest';
import { planExtrasSections } from '../../renderer/src/results/extras-plan.js';

const telemetry = {
  intervalMs: 250,
  sampleCount: 4,
  cpuLoadPercent: { available: true, value: { mean: 52.4, max: 98 } },
  cpuClockMHz: { available: true, value: { mean: 2400, min: 2200, max: 2600, source: 'os.cpus()' } },
  temperatureC: { available: false, reason: 'No thermal_zone* entries under /sys/class/thermal.' },
  energy: { available: false, reason: 'No powercap interface at /sys/class/powercap.' },
  gpu: { available: false, reason: 'nvidia-smi was not found on PATH.' },
  tegrastats: { available: false, reason: 'Not a Jetson.' },
  throttling: { throttled: false, finding: 'No throttling seen.' },
  series: { elapsedMs: [0, 250], cpuLoadPercent: [40, 98], cpuClockMHz: [2400, 2400], temperatureC: [null, null], powerW: [null, null] },
};

describe('the Results screen extras', () => {
  it('gives known summaries their own view in the reports\' order and keeps the generic view for unknown or unrecognised ones', () => {
    const plans = planExtrasSections({
      calibration: { scaleFactor: 0.5 },
      telemetry,
      profile: { ops: [] },
      memory: { peakRssBytes: 150.5 * 2 ** 20 },
      throughput: { concurrency: 2, sessions: 1 },
      server: { qps: 'not the shape core/bench writes' },
      trials: { count: 3 },
    });
    expect(plans.map((p) => [p.key, p.view, p.title])).toEqual([
      ['throughput', 'throughput', 'Throughput scenario'],
      ['server', 'generic', 'Server scenario'],
      ['trials', 'generic', 'Trials'],
      ['memory', 'memory', 'Memory'],
      ['telemetry', 'telemetry', 'Telemetry'],
      ['calibration', 'generic', 'calibration'],
    ]);
  });

  it('does not take a memory object with none of the RSS figures for memory', () => {
    expect(planExtrasSections({ memory: { peakRssMethod: 'sampled' } })[0]?.view).toBe('generic');
  });
});
