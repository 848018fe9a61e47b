import { expect, it } from 'vitest';
import { cpuLoadBetween, readCpuTimes } from '../../core/telemetry/cpu-load.js';

it('computes per-core and overall load between snapshots, over the cores present in both', () => {
  const before = { busyMs: [100, 200, 50], totalMs: [1000, 1000, 1000], speedMHz: [0, 0, 0] };
  // Core 2 went offline (a Jetson power mode change) between the snapshots.
  const after = { busyMs: [600, 300], totalMs: [2000, 2000], speedMHz: [2201, 729] };
  const load = cpuLoadBetween(before, after);
  expect(load.perCorePercent).toEqual([50, 10]);
  expect(load.overallPercent).toBe(30);
  expect(load.meanSpeedMHz).toBe(1465);
  expect(cpuLoadBetween(after, after)).toEqual({ overallPercent: null, perCorePercent: [0, 0], meanSpeedMHz: 1465 });

  const here = readCpuTimes();
  expect(here.busyMs.length).toBeGreaterThan(0);
  expect(here.totalMs.every((total, core) => total >= here.busyMs[core]!)).toBe(true);
});
