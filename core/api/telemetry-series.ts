/**
 * The sampled telemetry of a run, downsampled for charts, as `extras.telemetry.series` holds it:
 * one value per point in time, null where the sensor gave no reading then.
 */
export interface TelemetrySeries {
  elapsedMs: number[];
  cpuLoadPercent: number[];
  cpuClockMHz: (number | null)[];
  temperatureC: (number | null)[];
  powerW: (number | null)[];
}
