import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { hasTelemetryChart, telemetryPoints, telemetrySeriesOf, telemetrySeriesSpec } from '../../core/present/charts/telemetry-over-run.js';

const series = {
  elapsedMs: [0, 250, 500],
  cpuLoadPercent: [40, 95.5, 90],
  cpuClockMHz: [null, null, null],
  temperatureC: [51, null, 53.5],
  powerW: [null, null, null],
};

describe('the telemetry chart of the Results screen', () => {
  it('plots measured points only, leaves gaps and unread sensors out, and compiles to one row per measure', () => {
    const points = telemetryPoints(series);
    expect(points.filter((p) => p.measure === 'CPU load (%)').map((p) => p.elapsedS)).toEqual([0, 0.25, 0.5]);
    expect(points.filter((p) => p.measure === 'Temperature (°C)').map((p) => p.value)).toEqual([51, 53.5]);
    expect(points.some((p) => p.measure.startsWith('CPU clock') || p.measure.startsWith('Power'))).toBe(false);
    expect(hasTelemetryChart(series)).toBe(true);
    expect(hasTelemetryChart({ ...series, elapsedMs: [0], cpuLoadPercent: [10] })).toBe(false);
    expect(hasTelemetryChart(undefined)).toBe(false);
    const spec = telemetrySeriesSpec(series);
    expect(spec.description).toBe('Telemetry during the run: CPU load (%), Temperature (°C)');
    expect(() => compile(spec)).not.toThrow();
  });

  it('takes the series from extras.telemetry only when it is the shape core/telemetry writes and long enough for a line', () => {
    expect(telemetrySeriesOf({ intervalMs: 250, series })).toEqual(series);
    expect(telemetrySeriesOf({ series: { ...series, elapsedMs: [0], cpuLoadPercent: [10], temperatureC: [51] } })).toBeNull();
    expect(telemetrySeriesOf({ series: { ...series, cpuLoadPercent: ['40'] } })).toBeNull();
    // Records from before the series was kept.
    expect(telemetrySeriesOf({ intervalMs: 250 })).toBeNull();
    expect(telemetrySeriesOf(undefined)).toBeNull();
  });
});
