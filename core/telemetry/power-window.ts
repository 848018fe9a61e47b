/**
 * Mean power over a window of time from readings taken around it. A sensor that reports what it
 * reads at an instant (nvidia-smi's power.draw, a tegrastats rail) is a point series: power is taken
 * to move in a straight line between readings and to hold its first and last value beyond them, and
 * that curve is integrated over the window. RAPL gives the mean power since the previous reading: an
 * interval series, each value holding over the interval that ends at its reading.
 */
export interface PowerPoint {
  elapsedMs: number;
  powerW: number;
}

export interface TimeWindow {
  startMs: number;
  endMs: number;
}

const sortedByTime = (xs: readonly PowerPoint[]) => [...xs].sort((a, b) => a.elapsedMs - b.elapsedMs);

/** Power at time t on the straight lines between readings, held flat before the first and after the last. */
function powerAt(points: readonly PowerPoint[], t: number): number {
  const first = points[0]!;
  const last = points.at(-1)!;
  if (t <= first.elapsedMs) return first.powerW;
  if (t >= last.elapsedMs) return last.powerW;
  const i = points.findIndex((p) => p.elapsedMs >= t);
  const a = points[i - 1]!;
  const b = points[i]!;
  return b.elapsedMs === a.elapsedMs ? b.powerW : a.powerW + ((b.powerW - a.powerW) * (t - a.elapsedMs)) / (b.elapsedMs - a.elapsedMs);
}

/** Mean of a point series over the window (trapezoids between the window's ends and every reading inside it). */
export function meanPointPowerW(readings: readonly PowerPoint[], window: TimeWindow): number | null {
  const points = sortedByTime(readings);
  if (points.length === 0) return null;
  const { startMs, endMs } = window;
  if (endMs <= startMs) return powerAt(points, startMs);
  const knots = [startMs, ...points.map((p) => p.elapsedMs).filter((t) => t > startMs && t < endMs), endMs];
  let area = 0;
  for (let i = 1; i < knots.length; i++) {
    const t0 = knots[i - 1]!;
    const t1 = knots[i]!;
    area += ((powerAt(points, t0) + powerAt(points, t1)) / 2) * (t1 - t0);
  }
  return area / (endMs - startMs);
}

/** Mean of an interval series over the window, each interval weighted by its overlap with the window. */
export function meanIntervalPowerW(readings: readonly PowerPoint[], window: TimeWindow, firstIntervalStartMs = 0): number | null {
  const points = sortedByTime(readings);
  let weighted = 0;
  let covered = 0;
  let from = firstIntervalStartMs;
  for (const p of points) {
    const overlap = Math.min(p.elapsedMs, window.endMs) - Math.max(from, window.startMs);
    if (overlap > 0) {
      weighted += p.powerW * overlap;
      covered += overlap;
    }
    from = p.elapsedMs;
  }
  return covered > 0 ? weighted / covered : null;
}
