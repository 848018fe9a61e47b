import { LabError } from '../api/errors.js';
import { foreignToolOf } from '../files/foreign-log.js';
import { readImportLines, type ImportFile, type ReadLines } from '../files/import-file-lines.js';
import { BoundedSeries } from '../stats/bounded-series.js';
import { boardInputPower, type BoardInputPower } from './board-input-power.js';
import { available, unavailable } from './reading.js';
import { parseTegrastatsLine, type TegrastatsSample } from './tegrastats.js';
import { downsample, SERIES_POINTS, type TelemetrySummary } from './telemetry-summary.js';
import { checkThrottling } from './throttling.js';

/**
 * A tegrastats log read as a stream into the figures edgelab's own telemetry keeps (TelemetrySummary),
 * so an imported log is drawn on the same charts and judged by the same board-power rule
 * (board-input-power.ts) as a run measured here. Lines are parsed by the same parser as live output.
 */
export interface TegrastatsLog {
  file: ReadLines;
  samples: number;
  /** How the time between lines was found: from the lines' own timestamps, or as given. */
  intervalMs: number;
  intervalBasis: 'timestamps' | 'given';
  durationMs: number;
  /** The rail (or sum of rails) the power was read from, as boardInputPower names it; null without rails. */
  power: (BoardInputPower & { meanW: number; energyJ: number }) | null;
  telemetry: Omit<TelemetrySummary, 'energy'> & { energy: TelemetrySummary['energy'] | null };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const present = (xs: readonly (number | null | undefined)[]) => xs.filter((x): x is number => x !== null && x !== undefined);

function secondsOf(timestamp: string | null): number | null {
  const m = timestamp ? /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(timestamp) : null;
  return m ? Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000 : null;
}

class Running {
  n = 0; sum = 0; min = Infinity; max = -Infinity; first: number | null = null; last: number | null = null;
  add(v: number | null): void {
    if (v === null || !Number.isFinite(v)) return;
    this.n += 1; this.sum += v; this.last = v;
    if (this.first === null) this.first = v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  get mean(): number { return this.sum / this.n; }
}

export async function readTegrastatsLog(file: ImportFile, givenIntervalMs = 1000): Promise<TegrastatsLog> {
  const load = new Running(), clock = new Running(), temp = new Running(), power = new Running(), gpuLoad = new Running(), gpuTemp = new Running();
  const series = new BoundedSeries(4, SERIES_POINTS);
  let rail: BoardInputPower | null = null;
  let samples = 0;
  let firstTime: number | null = null, lastTime: number | null = null;
  let bad: { line: number; message: string } | null = null;
  const refused = (line: number, what: string) =>
    new LabError('input', `LOG ${file.path}, line ${line}: ${what}.`, 'Give the output of tegrastats saved as text (`tegrastats --interval 1000 --logfile run.txt`, or `tegrastats | tee run.txt`).');

  const read = await readImportLines(file, (raw, n) => {
    if (bad) throw refused(bad.line, bad.message);
    const line = raw.trim();
    if (line.length === 0) return;
    const foreign = samples === 0 ? foreignToolOf(line, 'tegrastats output') : null;
    if (foreign) throw refused(n, `this is ${foreign}, not tegrastats output ("${line.slice(0, 80)}"); expected lines such as "RAM 2448/62840MB … CPU [0%@2201,…] … VDD_IN 4233mW/4233mW"`);
    let s: TegrastatsSample;
    try {
      s = parseTegrastatsLine(line);
    } catch {
      // Decided after the read: a bad last line without a newline is a cut-off file.
      bad = { line: n, message: `not a tegrastats line (no "RAM used/totalMB" field): "${line.slice(0, 100)}"` };
      return;
    }
    const t = secondsOf(s.timestamp);
    if (t !== null) { if (firstTime === null) firstTime = t; lastTime = t; }
    const online = s.cpus.filter((c) => c.online);
    const loads = present(online.map((c) => c.loadPercent));
    const freqs = present(online.map((c) => c.freqMHz));
    const temps = present(Object.values(s.temperaturesC));
    const board = boardInputPower(s.powerRails);
    if (board && rail === null) rail = board;
    const values = [loads.length ? mean(loads) : null, freqs.length ? mean(freqs) : null, temps.length ? Math.max(...temps) : null, board?.powerW ?? null];
    load.add(values[0]!); clock.add(values[1]!); temp.add(values[2]!); power.add(values[3]!);
    gpuLoad.add(s.gpu?.loadPercent ?? null);
    gpuTemp.add(s.temperaturesC['gpu'] ?? s.temperaturesC['GPU'] ?? null);
    series.push(samples, values);
    samples += 1;
  });
  if (bad !== null) {
    const b: { line: number; message: string } = bad;
    throw refused(b.line, b.line === read.lines && !read.endsWithNewline ? `the file ends mid-line, cut off: ${b.message}` : b.message);
  }
  if (samples === 0) throw refused(read.lines, 'the file holds no tegrastats line');

  // Timestamps have one-second resolution: they set the interval only when they advance.
  const span = firstTime !== null && lastTime !== null ? lastTime - firstTime : 0;
  const fromTimestamps = samples > 1 && span > 0;
  const intervalMs = fromTimestamps ? (span * 1000) / (samples - 1) : givenIntervalMs;
  const durationMs = samples * intervalMs;
  const seconds = durationMs / 1000;
  const r = series.result();
  const elapsed = r.x.map((i) => i * intervalMs);
  const round = (xs: (number | null)[]) => downsample(xs, SERIES_POINTS).map((x) => (x === null ? null : Math.round(x * 10) / 10));
  const clockReason = 'The log prints no CPU clock.';
  const powerFigures = rail !== null && power.n > 0 ? { ...(rail as BoardInputPower), meanW: power.mean, energyJ: power.mean * seconds } : null;
  return {
    file: read,
    samples,
    intervalMs,
    intervalBasis: fromTimestamps ? 'timestamps' : 'given',
    durationMs,
    power: powerFigures,
    telemetry: {
      intervalMs: Math.round(intervalMs),
      sampleCount: samples,
      cpuLoadPercent: load.n > 0 ? available({ mean: load.mean, max: load.max }) : unavailable('The log prints no CPU load.'),
      cpuClockMHz: clock.n > 0 ? available({ mean: clock.mean, min: clock.min, max: clock.max, source: 'tegrastats' }) : unavailable(clockReason),
      temperatureC: temp.n > 0 ? available({ mean: temp.mean, max: temp.max, first: temp.first!, last: temp.last!, source: 'tegrastats (hottest sensor)' }) : unavailable('The log prints no temperature.'),
      energy: null,
      gpu: gpuLoad.n > 0
        ? available({ gpus: 1, meanUtilizationPercent: gpuLoad.mean, maxTemperatureC: gpuTemp.n > 0 ? gpuTemp.max : null, meanPowerW: null })
        : unavailable('The log prints no GR3D (GPU) load.'),
      tegrastats: available({ lines: samples, unreadableLines: 0 }),
      throttling: checkThrottling(r.values[1] ?? [], [], clockReason),
      series: {
        elapsedMs: downsample(elapsed, SERIES_POINTS).map((x) => Math.round(x ?? 0)),
        cpuLoadPercent: round(r.values[0] ?? []).map((x) => x ?? 0),
        cpuClockMHz: round(r.values[1] ?? []),
        temperatureC: round(r.values[2] ?? []),
        powerW: round(r.values[3] ?? []),
      },
    },
  };
}
