import type { Dim } from '../../core/api/model-info.js';

/** Display formatting shared by the screens; numbers keep their units beside them. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 100 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatShape(shape: Dim[] | null): string {
  if (shape === null) return 'unknown rank';
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(1)} %`;
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Three significant figures or so, whatever the magnitude: watts, joules, QPS. */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(0);
  if (abs >= 100) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function formatPerSecond(perS: number): string {
  return `${perS >= 100 ? perS.toFixed(1) : perS.toFixed(2)} /s`;
}

/** Resident set sizes are read in MiB; below one MiB (a difference) the plain unit is clearer. */
export function formatMiB(bytes: number): string {
  return Math.abs(bytes) < 2 ** 20 ? formatBytes(bytes) : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
