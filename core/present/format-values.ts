import type { Dim } from '../api/model-info.js';

/**
 * How numbers read in every report, terminal table and screen of the app. Fixed decimals chosen by
 * magnitude, so a column of latencies lines up and a golden file does not depend on the locale.
 * A figure a record does not hold (null) reads as NOT_MEASURED, never as 0.
 */
export const NOT_MEASURED = '–';

type Maybe = number | null | undefined;

export function formatMs(ms: Maybe): string {
  return ms === null || ms === undefined ? NOT_MEASURED : formatDecimal(ms);
}

export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatMsWithUnit(ms: number): string {
  return `${formatMs(ms)} ms`;
}

/** A cold start as recorded: a part an imported run's files do not state reads "not stated", never 0 ms. */
export function formatColdStart(coldStart: { sessionCreateMs: number | null; firstInferenceMs: number | null }): string {
  const part = (ms: number | null) => (ms === null ? 'not stated' : formatMsWithUnit(ms));
  return `${part(coldStart.sessionCreateMs)} session + ${part(coldStart.firstInferenceMs)} first inference`;
}

export function formatPerSecond(perS: number): string {
  return `${perS >= 100 ? perS.toFixed(1) : perS.toFixed(2)} /s`;
}

/** A compared figure with its unit: a latency in ms or a throughput per second. */
export function formatLatencyOrRate(value: number, unit: 'ms' | '/s'): string {
  return unit === 'ms' ? formatMsWithUnit(value) : formatPerSecond(value);
}

/** Work of one node or inference, from its count of floating-point operations. */
export function formatGflop(flops: number): string {
  return `${formatDecimal(flops / 1e9)} GFLOP`;
}

/** Achieved compute, one decimal as the profile's GFLOP/s columns print it. */
export function formatGflopsPerS(gflopsPerS: number): string {
  return gflopsPerS.toFixed(1);
}

export function formatPercent(fraction: Maybe): string {
  return fraction === null || fraction === undefined ? NOT_MEASURED : `${(fraction * 100).toFixed(1)} %`;
}

export { formatRatio } from './compare-text.js';

export function formatDurationMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : formatMsWithUnit(ms);
}

export function formatCount(n: number): string {
  // Thin grouping by hand: toLocaleString would follow the machine's locale.
  return Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Enough of a SHA-256 to tell files apart by eye; the full hash stays in the JSON record. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** A value of the unit a verdict or target uses: times in ms, anything else as given. */
export function formatMeasured(value: number, unit: string): string {
  if (unit === 'ms') return formatMsWithUnit(value);
  if (unit === 'B' || unit === 'bytes') return formatBytes(value);
  // An accuracy figure is a bare fraction (mAP 0.505); a drop is in points of it.
  if (unit === 'fraction') return formatDecimal(value);
  return unit ? `${formatDecimal(value)} ${unit}` : formatDecimal(value);
}

export function formatBytes(bytes: Maybe): string {
  if (bytes === null || bytes === undefined) return NOT_MEASURED;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** "1 outlier", "3 outliers"; "1 class", "2 classes" with the plural given. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}

/**
 * Memory in MiB, the unit `top`, `free -m` and ONNX Runtime's arena logs speak, so figures from
 * one run read against each other; below 1 MiB in the unit that keeps a digit that means something.
 */
export function formatMiB(bytes: number): string {
  return Math.abs(bytes) < 2 ** 20 ? formatBytes(bytes) : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** `[batch, 3, 224, 224]`; `?` for an unknown dim, `(unknown rank)` when there is no shape. */
export function formatShape(shape: readonly Dim[] | null): string {
  if (shape === null) return '(unknown rank)';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/**
 * When something happened, in the reader's own zone and locale: the app shows a run's time this way,
 * where the CLI and the reports print the ISO stamp the record holds. Text that is not a time stays as given.
 */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

// Two wordings the measuring modules need for their own findings live below them (stats, profile);
// the faces take them from here with every other number format.
export { plainNumber } from '../stats/plain-number.js';
export { roofText } from '../profile/roof-text.js';
