/**
 * What benchmark_app's files state about one run, from whichever file states it (the stdout log,
 * benchmark_report.csv, the -json_stats JSON). Every field is null or empty until a file states it;
 * nothing is derived. `merge` keeps the first value stated and records a file that contradicts it.
 */
export interface StatedLatency {
  iterations: number | null;
  durationMs: number | null;
  throughputPerS: number | null;
  meanMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  /** The median (50) or the one percentile -latency_percentile asked for. */
  percentiles: Array<{ percentile: number; valueMs: number }>;
  firstInferenceMs: number | null;
  readModelMs: number | null;
  compileModelMs: number | null;
}

export interface BenchmarkFacts {
  openvinoVersion: string | null;
  writer: 'C++' | 'Python' | null;
  /** The device benchmark_app was asked for (-d, or the report's target device). */
  requestedDevice: string | null;
  /** The devices the compiled model ran on (EXECUTION_DEVICES / `Execution Devices:`). */
  executionDevices: string[];
  hint: string | null;
  streams: string | null;
  nireq: number | null;
  api: string | null;
  batch: number | null;
  inferencePrecision: string | null;
  /** PERF_COUNT as the log states it: whether per-layer counters were collected. */
  perfCount: boolean | null;
  modelPath: string | null;
  commandLine: string | null;
  reportType: string | null;
  latency: StatedLatency;
  /** Where the latency figures were read: `benchmark_report.csv line 23`. */
  latencySource: string | null;
  /** benchmark_app's own error, when the run failed. */
  failure: string | null;
}

export function emptyFacts(): BenchmarkFacts {
  return {
    openvinoVersion: null, writer: null, requestedDevice: null, executionDevices: [], hint: null, streams: null, nireq: null,
    api: null, batch: null, inferencePrecision: null, perfCount: null, modelPath: null, commandLine: null, reportType: null,
    latency: { iterations: null, durationMs: null, throughputPerS: null, meanMs: null, minMs: null, maxMs: null, percentiles: [], firstInferenceMs: null, readModelMs: null, compileModelMs: null },
    latencySource: null, failure: null,
  };
}

/** Devices as a list: `['CPU']`, `['GPU.0', 'CPU']`, `NPU.3720`, `CPU, GPU.0`. */
export function deviceList(text: string): string[] {
  return text.replace(/[[\]'"]/g, '').split(/[,\s]+/).map((d) => d.trim()).filter((d) => d !== '');
}

/** A yes/no property as OpenVINO prints it: YES/NO, True/False. */
export function flagValue(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return t === 'yes' || t === 'true' ? true : t === 'no' || t === 'false' ? false : null;
}

/** `PerformanceMode.THROUGHPUT` → THROUGHPUT. */
export function hintValue(text: string): string {
  return text.trim().replace(/^PerformanceMode\./, '');
}

/**
 * `into` gains what `from` states and `into` does not; a figure both state differently is a
 * contradiction, returned for a warning (the files may not be one run).
 */
export function mergeFacts(into: BenchmarkFacts, from: BenchmarkFacts, fromName: string): string[] {
  const conflicts: string[] = [];
  const scalar = <K extends keyof BenchmarkFacts>(key: K) => {
    if (from[key] === null) return;
    if (into[key] === null) (into as unknown as Record<string, unknown>)[key] = from[key];
    else if (String(into[key]) !== String(from[key]) && key !== 'writer' && key !== 'commandLine') conflicts.push(`${key} is ${String(into[key])} but ${fromName} states ${String(from[key])}`);
  };
  (['openvinoVersion', 'writer', 'requestedDevice', 'hint', 'streams', 'nireq', 'api', 'batch', 'inferencePrecision', 'perfCount', 'modelPath', 'commandLine', 'reportType', 'failure'] as const).forEach(scalar);
  if (into.executionDevices.length === 0) into.executionDevices = from.executionDevices;
  const l = into.latency;
  const f = from.latency;
  let took = false;
  for (const key of ['iterations', 'durationMs', 'throughputPerS', 'meanMs', 'minMs', 'maxMs', 'firstInferenceMs', 'readModelMs', 'compileModelMs'] as const) {
    const v = f[key];
    if (v === null) continue;
    if (l[key] === null) {
      l[key] = v;
      took = true;
    } else if (Math.abs(l[key] - v) > Math.max(0.01, Math.abs(v) * 0.001)) conflicts.push(`${key} is ${l[key]} but ${fromName} states ${v}`);
  }
  for (const p of f.percentiles) if (!l.percentiles.some((q) => q.percentile === p.percentile)) l.percentiles.push(p);
  if (took && into.latencySource === null) into.latencySource = from.latencySource;
  return conflicts;
}
