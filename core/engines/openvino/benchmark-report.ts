import { LabError } from '../../api/errors.js';
import { readImportLines, type ImportFileRef, type StreamedFile } from '../../files/import-file-stream.js';
import { deviceList, emptyFacts, hintValue, type BenchmarkFacts } from './benchmark-facts.js';
import { isCountersHeader } from './counters-csv.js';

/**
 * benchmark_report.csv, written with -report_type by either tool: sections `Command line parameters`,
 * `Configuration setup`, `Execution results` and (C++, with -pcseq) `Group Latencies`, each a title
 * line, `key;value` lines and a blank line. The C++ CsvDumper ends every line with `;`.
 */
const SECTIONS = ['Command line parameters', 'Configuration setup', 'Execution results', 'Group Latencies'] as const;
type Section = (typeof SECTIONS)[number];

function cells(line: string): string[] {
  const parts = line.split(';');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export interface BenchmarkReport extends StreamedFile {
  facts: BenchmarkFacts;
  /** Every key;value as written, by section, for the record. */
  sections: Record<string, Record<string, string>>;
}

export async function readBenchmarkReport(file: ImportFileRef): Promise<BenchmarkReport> {
  const sections: Record<string, Record<string, string>> = {};
  const lineOf: Record<string, number> = {};
  let section: Section | null = null;
  let trailing = false;
  let groupsBegun = false;
  const at = (n: number) => `${file.given} ${file.path}, line ${n}`;
  const streamed = await readImportLines(file, (line, n) => {
    if (line.trim() === '') {
      section = null;
      groupsBegun = false;
      return;
    }
    const title = cells(line)[0]!.trim();
    if ((SECTIONS as readonly string[]).includes(title) && cells(line).length === 1) {
      section = title as Section;
      sections[section] ??= {};
      trailing = trailing || line.endsWith(';');
      return;
    }
    if (section === null) {
      const hint = isCountersHeader(line)
        ? 'This is a per-layer counters report: give it with --counters, and benchmark_report.csv as REPORT.'
        : /deepstream|nvinfer|gst|\*\*PERF/i.test(line) ? 'This looks like DeepStream output: use `edgelab import deepstream`.' : 'Give the benchmark_report.csv that benchmark_app wrote into its -report_folder.';
      throw new LabError('input', `${at(n)}: expected a section title (${SECTIONS.slice(0, 3).map((s) => `'${s}'`).join(', ')}), found '${line.slice(0, 80)}'.`, hint);
    }
    if (section === 'Group Latencies' || groupsBegun) return;
    const c = cells(line);
    if (c.length < 2) throw new LabError('input', `${at(n)}: expected 'key;value' in section '${section}', found '${line.slice(0, 80)}'.`, 'The file is cut or edited; give the report benchmark_app wrote.');
    // The Python tool names flags as typed (`-d`); with -pcseq it repeats the latency keys per group after a `group` key.
    const key = section === 'Command line parameters' ? c[0]!.trim().replace(/^-+/, '') : c[0]!.trim();
    if (section === 'Execution results' && key === 'group') {
      groupsBegun = true;
      return;
    }
    if (sections[section]![key] !== undefined) return;
    sections[section]![key] = c.slice(1).join(';').trim();
    lineOf[key] = n;
  });
  const results = sections['Execution results'];
  if (!results) {
    throw new LabError('input', `${file.given} ${file.path}: no 'Execution results' section${Object.keys(sections).length > 0 ? ' after the configuration: the report is truncated, or the run stopped before its results' : ': not a benchmark_report.csv'}.`, 'Give the benchmark_report.csv of a run that finished (benchmark_app writes the results section last).');
  }
  const facts = emptyFacts();
  const num = (key: string, what: string): number | null => {
    const text = results[key];
    if (text === undefined) return null;
    const value = Number(text);
    if (!Number.isFinite(value)) throw new LabError('input', `${at(lineOf[key] ?? 0)}: ${what} is '${text.slice(0, 40)}', not a number.`, 'Give the report benchmark_app wrote, unedited.');
    return value;
  };
  const cmd = sections['Command line parameters'] ?? {};
  const config = sections['Configuration setup'] ?? {};
  facts.writer = trailing ? 'C++' : 'Python';
  facts.requestedDevice = cmd['d'] ?? config['target device'] ?? null;
  facts.hint = cmd['hint'] ? hintValue(cmd['hint']) : null;
  facts.api = config['API'] ?? cmd['api'] ?? null;
  facts.modelPath = cmd['m'] ?? null;
  facts.reportType = cmd['report_type'] ?? null;
  facts.nireq = config['number of parallel infer requests'] !== undefined ? Number(config['number of parallel infer requests']) : cmd['nireq'] !== undefined ? Number(cmd['nireq']) : null;
  facts.batch = config['batch size'] !== undefined ? Number(config['batch size']) : null;
  const streams = Object.entries(config).filter(([k]) => /^number of .+ streams$/.test(k)).map(([k, v]) => `${k.replace(/^number of | streams$/g, '')}: ${v}`);
  facts.streams = streams.length > 0 ? streams.join(', ') : cmd['nstreams'] ?? null;
  facts.inferencePrecision = config['precision'] ?? null;
  const devices = results['execution devices'];
  if (devices) facts.executionDevices = deviceList(devices);
  if (results['error']) facts.failure = results['error'];

  const percentileKey = Object.keys(results).find((k) => /^Median latency \(ms\)$|^latency \(\d+ percentile\) \(ms\)$|^latency \(ms\)$/.test(k));
  const boundary = num('Percentile boundary', 'the percentile boundary') ?? Number(/\((\d+) percentile\)/.exec(percentileKey ?? '')?.[1] ?? 50);
  const l = facts.latency;
  if (percentileKey) l.percentiles.push({ percentile: boundary, valueMs: num(percentileKey, percentileKey)! });
  l.meanMs = num('Average latency (ms)', 'the average latency') ?? num('avg latency', 'the avg latency');
  l.minMs = num('Min latency (ms)', 'the min latency') ?? num('min latency', 'the min latency');
  l.maxMs = num('Max latency (ms)', 'the max latency') ?? num('max latency', 'the max latency');
  l.iterations = num('total number of iterations', 'the number of iterations');
  l.durationMs = num('total execution time (ms)', 'the total execution time');
  l.throughputPerS = num('throughput', 'the throughput');
  l.firstInferenceMs = num('first inference time (ms)', 'the first inference time');
  l.readModelMs = num('read model time (ms)', 'the read model time');
  l.compileModelMs = num('compile model time (ms)', 'the compile model time') ?? num('load network time (ms)', 'the load network time');
  const sourceKey = percentileKey ?? (results['Average latency (ms)'] !== undefined ? 'Average latency (ms)' : 'avg latency');
  if (percentileKey || l.meanMs !== null) facts.latencySource = `${file.path.split(/[\\/]/).pop()} line ${lineOf[sourceKey]}`;
  return { ...streamed, facts, sections };
}
