import { JSONParser } from '@streamparser/json';
import { LabError } from '../../api/errors.js';
import { readImportChunks, type ImportFileRef } from '../../files/import-file-stream.js';
import { emptyFacts, hintValue, type BenchmarkFacts } from './benchmark-facts.js';
import { CounterTotals } from './layer-totals.js';
import { counterNumber, layerStatus, type ParsedCounters } from './perf-counters.js';

/**
 * The C++ benchmark_app's `-json_stats` files, read as a stream: benchmark_report.json
 * (`cmd_options`, `configuration_setup`, `execution_results`, each keyed by the parameters' JSON
 * names) and the counters JSON (`report_type` and `avg_performance` or `detailed_performance`,
 * whose nodes carry name, status, node_type, exec_type, real_time and cpu_time in ms).
 * Either file, or one holding both, gives what it states.
 */
export interface JsonStats {
  sha256: string;
  sizeBytes: number;
  facts: BenchmarkFacts | null;
  counters: ParsedCounters | null;
}

const PATHS = [
  '$.cmd_options.*', '$.configuration_setup.*', '$.execution_results.*', '$.report_type',
  '$.avg_performance.nodes.*', '$.avg_performance.total_real_time',
  '$.detailed_performance.*.nodes.*', '$.detailed_performance.*.total_real_time',
];

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export async function readJsonStats(file: ImportFileRef): Promise<JsonStats> {
  const where = `${file.given} ${file.path}`;
  const sections: Record<string, Record<string, Json>> = { cmd_options: {}, configuration_setup: {}, execution_results: {} };
  // Each node is summed into its layer as it is parsed; a block is known by its index only.
  const totals = new CounterTotals();
  let openIndex: number | null = null;
  let reportType: string | null = null;
  let sawAny = false;
  const parser = new JSONParser({ paths: PATHS, keepStack: false });
  parser.onValue = ({ value, key, stack }) => {
    sawAny = true;
    const top = stack[1]?.key;
    if (top === undefined && key === 'report_type') {
      reportType = String(value);
      return;
    }
    if (top === 'cmd_options' || top === 'configuration_setup' || top === 'execution_results') {
      sections[top]![String(key)] = value as Json;
      return;
    }
    const index = top === 'detailed_performance' ? Number(stack[2]?.key) : -1;
    if (index !== openIndex) {
      if (openIndex !== null) totals.end(true);
      totals.begin(index >= 0 ? index : null);
      openIndex = index;
    }
    if (key === 'total_real_time') {
      // Checked as a time; the profile sums the nodes itself.
      counterNumber(String(value), where, 'total_real_time');
      return;
    }
    const node = value as Record<string, Json>;
    const status = layerStatus(String(node['status'] ?? ''));
    if (typeof node['name'] !== 'string' || !status) {
      throw new LabError('input', `${where}: a counters node without a name or a known status (${JSON.stringify(node).slice(0, 80)}).`, 'Give the counters JSON benchmark_app wrote with -json_stats, unedited.');
    }
    totals.add({
      name: node['name'], status, layerType: String(node['node_type'] ?? ''), execType: String(node['exec_type'] ?? ''),
      realTimeMs: counterNumber(String(node['real_time']), where, `real_time of ${node['name']}`),
      cpuTimeMs: counterNumber(String(node['cpu_time'] ?? 0), where, `cpu_time of ${node['name']}`),
    });
  };
  // The parser ends by itself when the top-level value closes; end() is only for one that did not.
  let closed = false;
  parser.onEnd = () => {
    closed = true;
  };
  let streamed;
  try {
    streamed = await readImportChunks(file, (chunk) => parser.write(chunk));
    if (!closed) parser.end();
  } catch (e) {
    if (e instanceof LabError) throw e;
    const message = (e as Error).message;
    const truncated = /Unexpected end|ended in (the )?mid|end of/i.test(message);
    throw new LabError('input', `${where}: ${truncated ? 'the JSON ends before it closes: the file is truncated' : `not valid JSON (${message.slice(0, 120)})`}.`, 'Give the JSON file benchmark_app wrote with -json_stats, whole and unedited.');
  }
  const results = sections['execution_results']!;
  const config = sections['configuration_setup']!;
  const cmd = sections['cmd_options']!;
  if (!sawAny) {
    throw new LabError('input', `${where}: JSON, but not benchmark_app's -json_stats: none of cmd_options, configuration_setup, execution_results, avg_performance or detailed_performance.`, 'Give benchmark_report.json or benchmark_*_counters_report.json from benchmark_app\'s -report_folder.');
  }
  let facts: BenchmarkFacts | null = null;
  if (Object.keys(results).length + Object.keys(config).length + Object.keys(cmd).length > 0) {
    facts = emptyFacts();
    facts.writer = 'C++';
    const n = (v: Json | undefined) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
    const s = (v: Json | undefined) => (v === undefined || v === null ? null : String(v));
    facts.requestedDevice = s(cmd['d']) ?? s(config['target_device']);
    facts.hint = s(cmd['hint']) ? hintValue(String(cmd['hint'])) : null;
    facts.api = s(config['api']) ?? s(cmd['api']);
    facts.modelPath = s(cmd['m']);
    facts.nireq = n(config['nireq']);
    facts.batch = n(config['batch_size']);
    facts.inferencePrecision = s(config['precision']);
    const streams = Object.entries(config).filter(([k]) => k.endsWith('_streams_num')).map(([k, v]) => `${k.replace(/_streams_num$/, '')}: ${String(v)}`);
    facts.streams = streams.length > 0 ? streams.join(', ') : null;
    facts.failure = s(results['error']);
    const l = facts.latency;
    const boundary = n(results['percentile_boundary']) ?? 50;
    const median = n(results['latency_median']);
    if (median !== null) l.percentiles.push({ percentile: boundary, valueMs: median });
    l.meanMs = n(results['latency_avg']);
    l.minMs = n(results['latency_min']);
    l.maxMs = n(results['latency_max']);
    l.iterations = n(results['iterations_num']);
    l.durationMs = n(results['execution_time']);
    l.throughputPerS = n(results['throughput']);
    l.firstInferenceMs = n(results['first_inference_time']);
    l.readModelMs = n(results['read_model_time']);
    l.compileModelMs = n(results['compile_model_time']) ?? n(results['load_model_time']);
    if (median !== null || l.meanMs !== null) facts.latencySource = `${file.path.split(/[\\/]/).pop()} execution_results`;
  }
  // detailed_performance is an array, so its blocks come in request order and are summed in it.
  if (openIndex !== null) totals.end(true);
  const summed = totals.result();
  // report_type may come after the blocks (the keys are written sorted).
  if (reportType === 'average') summed.firstRequest = null;
  const counters: ParsedCounters | null = summed.blockCount === 0 ? null : {
    format: 'counters-json', writer: 'C++', ...summed, fullDeviceName: null, namesTruncated: false,
  };
  return { sha256: streamed.sha256, sizeBytes: streamed.sizeBytes, facts, counters };
}
