import type { LabEvent } from '../api/lab-api.js';

/**
 * The sampler's latest reading in a line, as the Run screen shows it while a run goes; what this
 * machine does not report says so (never a 0 that reads as measured).
 */
export function liveTelemetryLine(t: Extract<LabEvent, { type: 'telemetry' }>): string {
  const or = (value: number | null, text: (v: number) => string, what: string) => (value === null ? `${what} not measured` : text(value));
  return [
    `at ${(t.elapsedMs / 1000).toFixed(1)} s`,
    or(t.cpuLoadPercent, (v) => `CPU ${v.toFixed(0)} %`, 'CPU load'),
    or(t.cpuMeanSpeedMHz, (v) => `${(v / 1000).toFixed(2)} GHz`, 'clock'),
    or(t.temperatureC, (v) => `${v.toFixed(0)} °C`, 'temperature'),
    `RSS ${(t.processRssBytes / 2 ** 20).toFixed(0)} MiB`,
    or(t.powerW, (v) => `${v.toFixed(1)} W`, 'power'),
  ].join(' · ');
}
