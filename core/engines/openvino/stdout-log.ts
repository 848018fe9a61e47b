import { LabError } from '../../api/errors.js';
import { readImportLines, type ImportFileRef, type StreamedFile } from '../../files/import-file-stream.js';
import { deviceList, emptyFacts, flagValue, hintValue, type BenchmarkFacts } from './benchmark-facts.js';
import { PcTableReader } from './pc-table.js';
import type { ParsedCounters } from './perf-counters.js';

/**
 * What benchmark_app printed (`benchmark_app … | tee run.log`), C++ or Python, any version since
 * the 11-step output: the OpenVINO build, the device asked for and the devices used, the
 * compiled model's properties (hint, streams, PERF_COUNT), and the statistics of step 11, plus any
 * `-pc` tables. One run per file: a second `[Step 1/11]` is refused, as is a log that stops
 * before its results.
 */
export interface StdoutLog extends StreamedFile {
  facts: BenchmarkFacts;
  counters: ParsedCounters | null;
  /** The compiled model's properties as step 8 printed them. */
  properties: Record<string, string>;
}

const num = (s: string | undefined) => (s === undefined ? null : Number(s));

export async function readStdoutLog(file: ImportFileRef): Promise<StdoutLog> {
  const facts = emptyFacts();
  const pc = new PcTableReader();
  const properties: Record<string, string> = {};
  const l = facts.latency;
  let firstStep: number | null = null;
  let step = 0;
  let inModelProps = false;
  let inDeviceInfo = false;
  let resultsLine: number | null = null;
  let lastNonEmpty = '';
  let firstLine = '';
  // Only the Python tool prints enums and types as Python does.
  let pythonReprs = false;
  const name = file.path.split(/[\\/]/).pop();
  const statePercentile = (percentile: number, valueMs: number) => {
    if (!l.percentiles.some((p) => p.percentile === percentile)) l.percentiles.push({ percentile, valueMs });
  };
  const streamed = await readImportLines(file, (raw, n) => {
    const line = raw.trimEnd();
    if (/PerformanceMode\.|<Type: '|Status\.EXECUTED/.test(line)) pythonReprs = true;
    if (line.trim() !== '') lastNonEmpty = line;
    if (firstLine === '' && line.trim() !== '') firstLine = line;
    const stepMatch = /^\[Step (\d+)\/11\]/.exec(line);
    if (stepMatch) {
      pc.close();
      const s = Number(stepMatch[1]);
      if (s === 1 && firstStep !== null) {
        throw new LabError('input', `${file.given} ${file.path}, line ${n}: a second benchmark_app run begins here (the first began at line ${firstStep}).`, 'Import one run per file: cut the log at each "[Step 1/11]" and import each part as its own run.');
      }
      if (s === 1) firstStep = n;
      step = s;
      inModelProps = false;
      inDeviceInfo = false;
      return;
    }
    if (pc.feed(line)) return;
    if (line.trim() === '') {
      pc.close();
      return;
    }
    // The command as typed: bare, after a shell prompt (`$ `, `(ov) D:\model>`), or in a copied log.
    if (/(?:^|>|^\$)\s*benchmark_app\s/.test(line) && !line.startsWith('[')) {
      facts.commandLine ??= line.replace(/^.*?benchmark_app/, 'benchmark_app');
      const d = /\s-d\s+(\S+)/.exec(line);
      if (d) facts.requestedDevice ??= d[1]!;
      const m = /\s-m\s+(\S+)/.exec(line);
      if (m) facts.modelPath ??= m[1]!;
      return;
    }
    // Most lines carry `[ INFO ]`; the older Python tool printed its results with a bare print().
    const info = /^(?:\[ (INFO|WARNING|ERROR) \]\s?)?(.*)$/.exec(line)!;
    const level = info[1] ?? null;
    const text = info[2]!;
    if (level === 'ERROR') {
      facts.failure ??= text.trim();
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^(?:Build|API version)\s*\.+\s*(\S+)/.exec(text.trim())) && facts.openvinoVersion === null) facts.openvinoVersion = m[1]!;
    else if ((m = /^OpenVINO:?\s*(?:API version)?\s*\.*\s*(\d{4}\.\d\S*)/.exec(text.trim()))) facts.openvinoVersion ??= m[1]!;
    if (text.trim() === 'Device info:') inDeviceInfo = true;
    else if (inDeviceInfo && /^[A-Z]+(?:\.\d+)?$/.test(text.trim())) facts.requestedDevice ??= text.trim();
    if ((m = /Device\((\S+?)\) performance hint will be set to (\S+?)\.?$/.exec(text))) {
      facts.requestedDevice ??= m[1]!;
      facts.hint ??= hintValue(m[2]!);
    }
    if (step === 8 && /^Model:?$/.test(text.trim())) {
      inModelProps = true;
      return;
    }
    if (inModelProps && (m = /^\s+([A-Z][A-Z0-9_]+):\s?(.*)$/.exec(text))) {
      properties[m[1]!] ??= m[2]!.trim();
      return;
    }
    if ((m = /^Read model took\s+([\d.]+) ms/.exec(text))) l.readModelMs = Number(m[1]);
    else if ((m = /^(?:Compile model|Load network) took\s+([\d.]+) ms/.exec(text))) l.compileModelMs = Number(m[1]);
    else if ((m = /^First inference took\s+([\d.]+) ms/.exec(text))) l.firstInferenceMs = Number(m[1]);
    else if ((m = /Start inference (a?synchronously)(?:, (\d+) inference requests)?/.exec(text))) {
      facts.api = m[1] === 'synchronously' ? 'sync' : 'async';
      if (m[2]) facts.nireq = Number(m[2]);
    } else if ((m = /^Execution Devices:\s*(.+)$/.exec(text.trim()))) facts.executionDevices = deviceList(m[1]!);
    else if ((m = /^Count:\s+(\d+) iterations/.exec(text.trim()))) {
      l.iterations = Number(m[1]);
      resultsLine = n;
    } else if ((m = /^Duration:\s+([\d.]+) ms/.exec(text.trim()))) l.durationMs = Number(m[1]);
    // The first statement of each figure is the run's; with -pcseq, per-group ones follow it.
    else if ((m = /^Median:\s+([\d.]+) ms/.exec(text.trim()))) statePercentile(50, Number(m[1]));
    else if ((m = /^\(?(\d+(?:\.\d+)?) percentile\)?:\s+([\d.]+) ms/.exec(text.trim()))) statePercentile(Number(m[1]), Number(m[2]));
    else if ((m = /^(?:Average|AVG):\s+([\d.]+) ms/.exec(text.trim()))) l.meanMs ??= Number(m[1]);
    else if ((m = /^(?:Min|MIN):\s+([\d.]+) ms/.exec(text.trim()))) l.minMs ??= Number(m[1]);
    else if ((m = /^(?:Max|MAX):\s+([\d.]+) ms/.exec(text.trim()))) l.maxMs ??= Number(m[1]);
    else if ((m = /^Throughput:\s+([\d.]+) FPS/.exec(text.trim()))) l.throughputPerS = Number(m[1]);
  });
  pc.close();
  if (firstStep === null && pc.totals.blocks === 0) {
    const looksLike = /deepstream|nvinfer|gst-|\*\*PERF|tegrastats|RAM \d+\/\d+MB/i.test(firstLine) ? ' It looks like DeepStream or tegrastats output: use `edgelab import deepstream` or `edgelab import tegrastats`.' : '';
    throw new LabError('input', `${file.given} ${file.path}, line 1: expected benchmark_app output ('[Step 1/11] Parsing and validating input arguments', or a '-pc' table), found '${firstLine.slice(0, 80)}'.${looksLike}`, 'Give what benchmark_app printed (`benchmark_app … 2>&1 | tee run.log`).');
  }
  if (firstStep !== null && resultsLine === null && facts.failure === null) {
    throw new LabError('input', `${file.given} ${file.path}, line ${streamed.lines}: the log stops at step ${step} of 11, before benchmark_app's results ('Count: … iterations', 'Latency:'): it is truncated. Its last line: '${lastNonEmpty.slice(0, 80)}'.`, 'Import the whole output of a run that finished (it ends with the Throughput line).');
  }
  if (properties['EXECUTION_DEVICES'] && facts.executionDevices.length === 0) facts.executionDevices = deviceList(properties['EXECUTION_DEVICES']);
  if (properties['PERF_COUNT'] !== undefined) facts.perfCount = flagValue(properties['PERF_COUNT']);
  if (properties['PERFORMANCE_HINT']) facts.hint = hintValue(properties['PERFORMANCE_HINT']);
  if (properties['NUM_STREAMS']) facts.streams = properties['NUM_STREAMS'];
  if (properties['OPTIMAL_NUMBER_OF_INFER_REQUESTS'] && facts.nireq === null) facts.nireq = num(properties['OPTIMAL_NUMBER_OF_INFER_REQUESTS']);
  if (properties['INFERENCE_PRECISION_HINT']) facts.inferencePrecision = properties['INFERENCE_PRECISION_HINT'].replace(/^<Type: '(.+)'>$/, '$1');
  facts.writer = pythonReprs || pc.writer === 'Python' ? 'Python' : firstStep !== null ? 'C++' : pc.writer;
  if (resultsLine !== null) facts.latencySource = `${name} line ${resultsLine}`;
  const counters: ParsedCounters | null = pc.totals.blocks === 0 ? null : { format: pc.format!, writer: pc.writer, ...pc.totals.result(), fullDeviceName: pc.fullDeviceName, namesTruncated: pc.namesTruncated };
  return { ...streamed, facts, counters, properties };
}
