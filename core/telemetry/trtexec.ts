import { LabError } from '../api/errors.js';

/**
 * The `=== Performance summary ===` block that TensorRT's trtexec prints, read so a user can put a
 * TensorRT result beside an ONNX Runtime run of the same model. Releases before 8.6 print one
 * percentile (`percentile(99%)`); later ones print 90/95/99. Lines trtexec did not print are null.
 */
export interface TrtexecSummary {
  throughputQps: number | null;
  /** Host latency: H2D + GPU compute + D2H for one query. */
  latencyMs: TrtexecTimings | null;
  enqueueTimeMs: TrtexecTimings | null;
  h2dLatencyMs: TrtexecTimings | null;
  gpuComputeTimeMs: TrtexecTimings | null;
  d2hLatencyMs: TrtexecTimings | null;
  totalHostWalltimeS: number | null;
  totalGpuComputeTimeS: number | null;
  /** `[W]` lines of the summary, such as "GPU compute time is unstable", as printed. */
  warnings: string[];
  /** From the `&&&& PASSED TensorRT.trtexec [TensorRT v8400]` line, when present. */
  tensorrtVersion: string | null;
}

export interface TrtexecTimings {
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Keyed `p90`, `p95`, `p99` (or `p99.9` with --percentile=99.9), as trtexec printed them. */
  percentiles: Record<string, number>;
}

const TIMING_LINES = {
  Latency: 'latencyMs',
  'Enqueue Time': 'enqueueTimeMs',
  'H2D Latency': 'h2dLatencyMs',
  'GPU Compute Time': 'gpuComputeTimeMs',
  'D2H Latency': 'd2hLatencyMs',
} as const;

// `[03/11/2022-14:57:03] [I] ` before every line; pastes sometimes drop it.
const LOG_PREFIX = /^(?:\[[^\]]*\]\s*)*/;

export function parseTrtexecSummary(text: string): TrtexecSummary {
  const lines = new TrtexecSummaryLines();
  for (const rawLine of text.split(/\r?\n/)) lines.line(rawLine);
  return lines.result();
}

/** The summary read a line at a time, for a log read as a stream. */
export class TrtexecSummaryLines {
  private readonly summary: TrtexecSummary = {
    throughputQps: null,
    latencyMs: null,
    enqueueTimeMs: null,
    h2dLatencyMs: null,
    gpuComputeTimeMs: null,
    d2hLatencyMs: null,
    totalHostWalltimeS: null,
    totalGpuComputeTimeS: null,
    warnings: [],
    tensorrtVersion: null,
  };
  private found = false;
  private inSummary = false;

  line(rawLine: string): void {
    const summary = this.summary;
    const version = /&&&& \w+ TensorRT\.trtexec \[TensorRT v(\d+)\]/.exec(rawLine);
    if (version) summary.tensorrtVersion = tensorrtVersion(version[1]!);
    const prefix = LOG_PREFIX.exec(rawLine)?.[0] ?? '';
    const line = rawLine.slice(prefix.length).trim();
    if (line.startsWith('=== Performance summary ===')) this.inSummary = true;
    // Build-time warnings earlier in a full log are about the engine, not about these numbers.
    if (this.inSummary && prefix.includes('[W]')) summary.warnings.push(line);

    const match = /^([A-Za-z0-9 ]+?):\s*(.+)$/.exec(line);
    if (!match) return;
    const [, label, value] = match as unknown as [string, string, string];

    // A verbose log explains each figure after the summary ("[V] Throughput: the observed throughput
    // computed by …"): those lines hold no number and must not erase the one printed before them.
    if (label === 'Throughput') {
      summary.throughputQps ??= numberWithUnit(value, 'qps');
      this.found ||= summary.throughputQps !== null;
      this.inSummary ||= this.found;
    } else if (label === 'Total Host Walltime') {
      summary.totalHostWalltimeS ??= numberWithUnit(value, 's');
    } else if (label === 'Total GPU Compute Time') {
      summary.totalGpuComputeTimeS ??= numberWithUnit(value, 's');
    } else if (label in TIMING_LINES) {
      const timings = parseTimings(value);
      if (timings) {
        summary[TIMING_LINES[label as keyof typeof TIMING_LINES]] = timings;
        this.found = true;
      }
    }
  }

  result(): TrtexecSummary {
    if (!this.found) {
      throw new LabError(
        'input',
        'No trtexec performance summary found (no "Throughput:" or "Latency: min = ..." line).',
        'Pass the output of a trtexec run from its "=== Performance summary ===" line onward.',
      );
    }
    return this.summary;
  }
}

function numberWithUnit(value: string, unit: string): number | null {
  const match = new RegExp(`^(\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?) ${unit}$`).exec(value.trim());
  return match ? Number(match[1]) : null;
}

/** `min = 0.387207 ms, max = ..., mean = ..., median = ..., percentile(99%) = 0.420288 ms` */
function parseTimings(value: string): TrtexecTimings | null {
  const named: Record<string, number> = {};
  const percentiles: Record<string, number> = {};
  for (const part of value.split(',')) {
    const match = /^\s*(min|max|mean|median|percentile\(([\d.]+)%\))\s*=\s*([\d.e+-]+) ms\s*$/.exec(part);
    if (!match) return null;
    if (match[2] !== undefined) percentiles[`p${match[2]}`] = Number(match[3]);
    else named[match[1]!] = Number(match[3]);
  }
  const { min, max, mean, median } = named;
  if (min === undefined || max === undefined || mean === undefined || median === undefined) return null;
  return { min, max, mean, median, percentiles };
}

/** TensorRT prints its version as one number: 8400 is 8.4.0, 100300 is 10.3.0. */
export function tensorrtVersion(digits: string): string {
  const n = Number(digits);
  const majorScale = n >= 10000 ? 10000 : 1000;
  const rest = n % majorScale;
  return `${Math.floor(n / majorScale)}.${Math.floor(rest / 100)}.${rest % 100}`;
}
