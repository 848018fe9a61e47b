import type { ModelInfo, ValueInfo } from '../api/model-info.js';
import { describeParameterLocations } from './parameter-locations.js';
import { formatShape } from './format-values.js';

export interface FormatOptions {
  /** How many op types to list; the rest are summed in one line. Default 10. */
  topOps?: number;
}

/** The readable summary `edgelab inspect` prints: identity, inputs/outputs, ops, weights. */
export function formatModelInfo(info: ModelInfo, options: FormatOptions = {}): string {
  const topOps = options.topOps ?? 10;
  const lines: string[] = [];
  lines.push(`${info.fileName}  ${humanBytes(info.sizeBytes)}  sha256 ${info.sha256.slice(0, 16)}`);
  lines.push(`  path      ${info.path}`);
  const producer = [info.producerName, info.producerVersion].filter(Boolean).join(' ') || '(not recorded)';
  lines.push(`  producer  ${producer}`);
  lines.push(`  format    IR ${info.irVersion}, opsets ${formatOpsets(info.opsets)}`);

  lines.push('', 'Inputs', ...valueTable(info.inputs));
  lines.push('', 'Outputs', ...valueTable(info.outputs));
  if (info.symbolicDims.length > 0) {
    lines.push('', `Symbolic dims  ${info.symbolicDims.join(', ')}`);
    lines.push(`  set them with ${info.symbolicDims.map((d) => `--dim ${d}=N`).join(' ')}`);
  }

  lines.push('', `Operators  ${info.nodeCount} node${info.nodeCount === 1 ? '' : 's'}, ${info.opHistogram.length} op type${info.opHistogram.length === 1 ? '' : 's'}`);
  const shown = info.opHistogram.slice(0, topOps);
  const rest = info.opHistogram.slice(topOps);
  const opRows = shown.map((o) => [o.opType, String(o.count)]);
  if (rest.length > 0) opRows.push([`(${rest.length} more)`, String(rest.reduce((n, o) => n + o.count, 0))]);
  lines.push(...alignRows(opRows, ['left', 'right']));

  lines.push('', `Parameters  ${humanCount(info.parameterCount)} (${humanBytes(info.parameterBytes)}) ${describeParameterLocations(info)}`);
  lines.push(...alignRows(info.parametersByDtype.map((p) => [p.dtype, humanCount(p.count), humanBytes(p.bytes)]), ['left', 'right', 'right']));

  if (info.externalData.length > 0) {
    const files = [...new Set(info.externalData.map((e) => e.location))];
    lines.push('', `External data  ${info.externalData.length} tensor${info.externalData.length === 1 ? '' : 's'} in ${files.join(', ')} (next to the .onnx file)`);
  }
  for (const problem of info.externalDataProblems ?? []) lines.push(`  PROBLEM: external data ${problem}`);
  // bench and parity refuse these (core/inputs/shapes.ts); inspect says so before anyone tries.
  for (const input of info.inputs) {
    const at = (input.shape ?? []).findIndex((d) => typeof d === 'number' && d < 1);
    if (at >= 0) lines.push(`  PROBLEM: input '${input.name}' declares dim ${at} as ${String(input.shape?.[at])}; a static dim must be at least 1, so it cannot be run`);
  }
  return lines.join('\n');
}

function formatOpsets(opsets: Record<string, number>): string {
  const entries = Object.entries(opsets).map(([domain, version]) => `${domain === '' ? 'ai.onnx' : domain} ${version}`);
  return entries.length > 0 ? entries.join(', ') : '(none)';
}

function valueTable(values: readonly ValueInfo[]): string[] {
  if (values.length === 0) return ['  (none)'];
  return alignRows(values.map((v) => [v.name, v.dtype, formatShape(v.shape)]), ['left', 'left', 'left']);
}

function alignRows(rows: string[][], align: Array<'left' | 'right'>): string[] {
  const widths = align.map((_, i) => Math.max(0, ...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map(
    (row) =>
      '  ' +
      row
        .map((cell, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - [...cell].length);
          return align[i] === 'right' ? pad + cell : i === row.length - 1 ? cell : cell + pad;
        })
        .join('  '),
  );
}

/** 1,536 → "1.5 KiB": binary units, the way file managers on Linux and ONNX tools report. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** 3_504_872 → "3.50 M": parameter counts as papers quote them. */
export function humanCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
