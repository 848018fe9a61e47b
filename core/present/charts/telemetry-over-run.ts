import type { TopLevelSpec } from 'vega-lite';
import { z } from 'zod';
import type { TelemetrySeries } from '../../api/telemetry-series.js';

const SeriesView = z.object({
  elapsedMs: z.array(z.number()),
  cpuLoadPercent: z.array(z.number()),
  cpuClockMHz: z.array(z.number().nullable()),
  temperatureC: z.array(z.number().nullable()),
  powerW: z.array(z.number().nullable()),
});

/**
 * The series of `extras.telemetry` when it is the shape core/telemetry writes and long enough to
 * draw; null for an older or newer record, or a run too short for a line.
 */
export function telemetrySeriesOf(telemetry: unknown): TelemetrySeries | null {
  const parsed = z.object({ series: SeriesView }).safeParse(telemetry);
  return parsed.success && hasTelemetryChart(parsed.data.series) ? parsed.data.series : null;
}

/** One row of the chart's data: a measure's value at a time into the run. */
export interface TelemetryPoint {
  elapsedS: number;
  measure: string;
  value: number;
}

const MEASURES: Array<[keyof Omit<TelemetrySeries, 'elapsedMs'>, string]> = [
  ['cpuLoadPercent', 'CPU load (%)'],
  ['cpuClockMHz', 'CPU clock (MHz)'],
  ['temperatureC', 'Temperature (°C)'],
  ['powerW', 'Power (W)'],
];

/**
 * The series as long-form rows; a measure with no reading at a point is left out there (a gap, never
 * a zero), and a measure never read is left out entirely.
 */
export function telemetryPoints(series: TelemetrySeries): TelemetryPoint[] {
  const points: TelemetryPoint[] = [];
  for (const [key, measure] of MEASURES) {
    series[key].forEach((value, i) => {
      const elapsedMs = series.elapsedMs[i];
      if (value !== null && elapsedMs !== undefined) points.push({ elapsedS: elapsedMs / 1000, measure, value });
    });
  }
  return points;
}

/** A line needs two points; fewer samples (a very short run) draw nothing rather than a dot. */
export function hasTelemetryChart(series: TelemetrySeries | undefined): series is TelemetrySeries {
  return series !== undefined && series.elapsedMs.length >= 2 && telemetryPoints(series).length >= 2;
}

/**
 * One small line chart per measure, stacked on a shared time axis with its own y scale: load, clock,
 * temperature and power have different units, and a clock that drops while the temperature climbs
 * is the throttling the table's finding describes.
 */
export function telemetrySeriesSpec(series: TelemetrySeries, widthPx = 560): TopLevelSpec {
  const values = telemetryPoints(series);
  const measures = MEASURES.map(([, m]) => m).filter((m) => values.some((p) => p.measure === m));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Telemetry during the run: ${measures.join(', ')}`,
    data: { values },
    facet: { row: { field: 'measure', type: 'nominal', title: null, sort: measures, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' } } },
    spec: {
      width: widthPx,
      height: 60,
      mark: { type: 'line', color: '#4c78a8', strokeWidth: 1.5, point: values.length <= 40 ? { size: 12 } : false },
      encoding: {
        x: { field: 'elapsedS', type: 'quantitative', title: 'time into the run (s)' },
        y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false }, axis: { tickCount: 3, format: '~g' } },
      },
    },
    resolve: { scale: { y: 'independent' } },
    spacing: 6,
  };
}
