import { cpus } from 'node:os';

/** Cumulative CPU time counters per logical core, as the OS keeps them (milliseconds). */
export interface CpuTimes {
  busyMs: number[];
  totalMs: number[];
  /** Current clock per core in MHz as the OS reports it; 0 where it does not (some VMs, ARM). */
  speedMHz: number[];
}

export interface CpuLoad {
  /** Share of all cores' time spent busy between two snapshots, 0–100. */
  /** null when no time passed on the counters between the two readings. */
  overallPercent: number | null;
  perCorePercent: number[];
  /** Mean reported clock across cores at the later snapshot; null when the OS reports none. */
  meanSpeedMHz: number | null;
}

export function readCpuTimes(): CpuTimes {
  const cores = cpus();
  return {
    busyMs: cores.map(({ times }) => times.user + times.nice + times.sys + times.irq),
    totalMs: cores.map(({ times }) => times.user + times.nice + times.sys + times.irq + times.idle),
    speedMHz: cores.map((core) => core.speed),
  };
}

/**
 * Load between two snapshots. A core that went offline or came online in between (a Jetson power
 * mode change, CPU hotplug) makes the arrays differ in length; only the cores present in both count.
 */
export function cpuLoadBetween(before: CpuTimes, after: CpuTimes): CpuLoad {
  const count = Math.min(before.busyMs.length, after.busyMs.length);
  const perCorePercent: number[] = [];
  let busy = 0;
  let total = 0;
  for (let core = 0; core < count; core += 1) {
    const coreBusy = after.busyMs[core]! - before.busyMs[core]!;
    const coreTotal = after.totalMs[core]! - before.totalMs[core]!;
    perCorePercent.push(coreTotal > 0 ? (100 * coreBusy) / coreTotal : 0);
    busy += coreBusy;
    total += coreTotal;
  }
  const speeds = after.speedMHz.filter((s) => s > 0);
  return {
    // No time passed on the counters (they tick every 10 ms): no reading, rather than a false 0 %.
    overallPercent: total > 0 ? (100 * busy) / total : null,
    perCorePercent,
    meanSpeedMHz: speeds.length > 0 ? speeds.reduce((a, b) => a + b, 0) / speeds.length : null,
  };
}
