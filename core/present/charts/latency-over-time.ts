import type { TopLevelSpec } from 'vega-lite';
import type { RunRecord } from '../../api/run-record.js';
import { REPORT_CHART_SIZE, type ChartSize } from './chart-size.js';

/** Above this many samples the line is drawn per window of iterations, so the SVG stays small. */
export const MAX_PLOTTED_POINTS = 1000;

export interface LatencyWindow {
  /** First iteration of the window, counted from 1. */
  iteration: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/**
 * Latency in iteration order: drift (thermal throttling, a background job) shows as a slope, spikes
 * as isolated peaks. Long runs are summarised per window of consecutive iterations: the median as
 * the line and the min–max as a band, so a single spike in a window of 50 still shows.
 */
export function latencyOverTimeSpec(record: RunRecord, size: ChartSize = REPORT_CHART_SIZE): TopLevelSpec {
  const windows = latencyWindows(record.samplesMs, MAX_PLOTTED_POINTS);
  const windowSize = windowSizeFor(record.samplesMs.length, MAX_PLOTTED_POINTS);
  const perIteration = windowSize === 1;
  const line = {
    mark: { type: 'line' as const, color: '#4c78a8', strokeWidth: 1, interpolate: 'linear' as const },
    encoding: {
      x: { field: 'iteration', type: 'quantitative' as const, title: 'iteration' },
      y: {
        field: 'medianMs',
        type: 'quantitative' as const,
        title: 'latency (ms)',
        scale: { zero: false },
      },
    },
  };
  const band = {
    mark: { type: 'area' as const, color: '#9ecae9', opacity: 0.6 },
    encoding: {
      x: { field: 'iteration', type: 'quantitative' as const },
      y: { field: 'minMs', type: 'quantitative' as const },
      y2: { field: 'maxMs' },
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency of ${record.samplesMs.length} timed iterations in order`,
    ...(perIteration
      ? {}
      : { title: { text: `median (line) and range (band) of every ${windowSize} iterations`, fontSize: 11, fontWeight: 'normal' as const } }),
    width: size.widthPx,
    height: size.heightPx,
    data: { values: windows },
    layer: perIteration ? [line] : [band, line],
  };
}

/** Consecutive, equal windows (the last may be shorter); window size 1 when the run is short. */
export function latencyWindows(samplesMs: readonly number[], maxPoints: number): LatencyWindow[] {
  const windowSize = windowSizeFor(samplesMs.length, maxPoints);
  const windows: LatencyWindow[] = [];
  for (let start = 0; start < samplesMs.length; start += windowSize) {
    const sorted = samplesMs.slice(start, start + windowSize).sort((x, y) => x - y);
    windows.push({
      iteration: start + 1,
      medianMs: medianOfSorted(sorted),
      minMs: sorted[0] ?? 0,
      maxMs: sorted[sorted.length - 1] ?? 0,
    });
  }
  return windows;
}

function windowSizeFor(sampleCount: number, maxPoints: number): number {
  return Math.max(1, Math.ceil(sampleCount / maxPoints));
}

function medianOfSorted(sorted: readonly number[]): number {
  const mid = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(mid)] ?? 0;
  const high = sorted[Math.ceil(mid)] ?? 0;
  return (low + high) / 2;
}
