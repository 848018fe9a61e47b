import { CounterTotals } from './layer-totals.js';
import type { CountersFormat, PerfCounter } from './perf-counters.js';
import { layerStatus } from './perf-counters.js';

/**
 * The `-pc` tables benchmark_app prints on stdout, in the four forms its versions used:
 * - C++ (2022+): `name  EXECUTED  layerType: Convolution  execType: jit_avx2_FP32  realTime (ms): 0.123  cpuTime (ms): 0.123`
 * - Python (2023+): the same words, the status printed as `Status.EXECUTED`
 * - Python 2022: `realTime: 0:00:00.000226cpu: 0:00:00.000226 execType: …`: timedelta values whose
 *   fixed-width columns run into each other when a value fills its column
 * - legacy (Inference Engine samples): `realTime: 226  cpu: 226  execType: …` in microseconds
 * Names of 20 characters or more are cut to 15-17 characters and `...` by every printer.
 */
const MS_ROW = /^(.*?)\s*\b((?:Status\.)?(?:EXECUTED|NOT_RUN|OPTIMIZED_OUT))\s*layerType:\s*(.*?)\s+execType:\s*(\S*)\s+realTime \(ms\):\s*(\d+(?:\.\d+)?)\s+cpuTime \(ms\):\s*(\d+(?:\.\d+)?)/;
const TIMEDELTA = String.raw`\d+:\d{2}:\d{2}(?:\.\d{1,6})?`;
const PY2022_ROW = new RegExp(String.raw`^(.*?)\s*(Status\.(?:EXECUTED|NOT_RUN|OPTIMIZED_OUT))\s*layerType:\s*(.*?)\s*realTime:\s*(${TIMEDELTA})\s*cpu:\s*(${TIMEDELTA})\s*execType:\s*(\S*)`);
const LEGACY_ROW = /^(.*?):?\s*\b(EXECUTED|NOT_RUN|OPTIMIZED_OUT)\s*layerType:\s*(.*?)\s*realTime:\s*(\d+)\s*cpu:\s*(\d+)\s*execType:\s*(\S*)/;
const BLOCK_START = /Performance counts for (\d+)-th infer request/;
const TOTAL = /^Total time:\s*(\d+(?:\.\d+)?)\s*(milliseconds|microseconds)/;

/** `0:00:00.001189` → 1.189 ms. */
export function timedeltaMs(text: string): number {
  const [h, m, s] = text.split(':');
  // In whole microseconds first, as the timedelta holds them, so 0.000226 s is 0.226 ms exactly.
  return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1e6) / 1000;
}

export function pcRow(line: string): { counter: PerfCounter; format: CountersFormat } | null {
  let m = MS_ROW.exec(line);
  if (m) {
    return {
      counter: { name: m[1]!.trim(), status: layerStatus(m[2]!)!, layerType: m[3]!.trim(), execType: m[4]!, realTimeMs: Number(m[5]), cpuTimeMs: Number(m[6]) },
      format: m[2]!.startsWith('Status.') ? 'pc-python' : 'pc-cpp',
    };
  }
  m = PY2022_ROW.exec(line);
  if (m) {
    return { counter: { name: m[1]!.trim(), status: layerStatus(m[2]!)!, layerType: m[3]!.trim(), execType: m[6]!, realTimeMs: timedeltaMs(m[4]!), cpuTimeMs: timedeltaMs(m[5]!) }, format: 'pc-python-2022' };
  }
  m = LEGACY_ROW.exec(line);
  if (m) {
    return { counter: { name: m[1]!.trim().replace(/:$/, ''), status: layerStatus(m[2]!)!, layerType: m[3]!.trim(), execType: m[6]!, realTimeMs: Number(m[4]) / 1000, cpuTimeMs: Number(m[5]) / 1000 }, format: 'pc-legacy-us' };
  }
  return null;
}

/**
 * Reads `-pc` blocks from lines as they come (a whole stdout log or a table on its own), summing
 * each row into its layer at once: a log of many requests' tables costs memory per layer only.
 */
export class PcTableReader {
  readonly totals = new CounterTotals();
  format: CountersFormat | null = null;
  fullDeviceName: string | null = null;
  namesTruncated = false;

  /** True when the line belonged to a `-pc` table. */
  feed(rawLine: string): boolean {
    // Log lines carry `[ INFO ] ` in front; table rows do not, but a copied log may indent them.
    const line = rawLine.replace(/^\[ (?:INFO|WARNING) \]\s*/, '');
    const start = BLOCK_START.exec(line);
    if (start) {
      this.close();
      this.totals.begin(Number(start[1]));
      return true;
    }
    const row = pcRow(line);
    if (row) {
      this.totals.add(row.counter);
      this.format ??= row.format;
      if (row.counter.name.endsWith('...')) this.namesTruncated = true;
      return true;
    }
    const total = TOTAL.exec(line.trim());
    // The stated total is the sum of the rows above it; the profile sums the rows itself.
    if (total && this.totals.hasOpenBlock) return true;
    if (/^Total CPU time:/.test(line.trim()) && (this.totals.hasOpenBlock || this.totals.blocks > 0)) return true;
    const device = /^Full device name:\s*(.+)$/.exec(line.trim());
    if (device) {
      this.fullDeviceName = device[1]!.trim();
      this.close();
      return true;
    }
    return false;
  }

  /** Ends the open block (at a blank line, the next log step or the end of the file); an empty one is not a block. */
  close(): void {
    this.totals.end(false);
  }

  get writer(): 'C++' | 'Python' | null {
    return this.format === 'pc-cpp' || this.format === 'pc-legacy-us' ? 'C++' : this.format === 'pc-python' || this.format === 'pc-python-2022' ? 'Python' : null;
  }
}
