import { LabError } from '../../api/errors.js';
import type { OpenvinoImportRequest } from '../../api/openvino-import.js';
import type { StreamedSource } from '../../files/streamed-import.js';
import { emptyFacts, mergeFacts, type BenchmarkFacts } from './benchmark-facts.js';
import { readBenchmarkReport } from './benchmark-report.js';
import { readCountersCsv } from './counters-csv.js';
import { readExecGraph, type ExecGraph } from './exec-graph.js';
import { readJsonStats } from './json-stats.js';
import type { ParsedCounters } from './perf-counters.js';
import { readStdoutLog } from './stdout-log.js';

/**
 * Reads every file an OpenVINO import names, each as a stream, into one set of facts: the log's
 * first, then the report's (a figure two files state differently is kept as the first said it and
 * reported as a disagreement), the counters from --counters or else the log's `-pc` tables.
 */
export interface OpenvinoFiles {
  facts: BenchmarkFacts;
  counters: ParsedCounters | null;
  /** The role of the file the counters came from. */
  countersRole: string | null;
  execGraph: ExecGraph | null;
  properties: Record<string, string>;
  reportSections: Record<string, Record<string, string>> | null;
  sources: StreamedSource[];
  disagreements: string[];
}

const isJson = (p: string) => /\.json$/i.test(p);

export async function readOpenvinoFiles(request: OpenvinoImportRequest): Promise<OpenvinoFiles> {
  if (!request.log && !request.report && !request.counters) {
    throw new LabError('usage', 'edgelab import openvino: no benchmark_app files given.', 'Give at least one of: its stdout (LOG), --report benchmark_report.csv (or .json), --counters benchmark_*_counters_report.csv (or .json).');
  }
  const facts = emptyFacts();
  const sources: StreamedSource[] = [];
  const disagreements: string[] = [];
  let counters: ParsedCounters | null = null;
  let countersRole: string | null = null;
  let properties: Record<string, string> = {};
  let reportSections: Record<string, Record<string, string>> | null = null;
  const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

  if (request.log) {
    const file = { path: request.log, given: 'LOG' };
    const log = await readStdoutLog(file);
    disagreements.push(...mergeFacts(facts, log.facts, base(request.log)));
    properties = log.properties;
    if (log.counters) {
      counters = log.counters;
      countersRole = 'log';
    }
    sources.push({ role: 'log', ...file, sha256: log.sha256 });
  }
  if (request.report) {
    const file = { path: request.report, given: '--report' };
    if (isJson(request.report)) {
      const stats = await readJsonStats(file);
      if (!stats.facts) throw new LabError('input', `--report ${request.report}: a counters JSON, not benchmark_report.json: it states no results.`, 'Give it with --counters, and benchmark_report.json with --report.');
      disagreements.push(...mergeFacts(facts, stats.facts, base(request.report)));
      sources.push({ role: 'report', ...file, sha256: stats.sha256 });
    } else {
      const report = await readBenchmarkReport(file);
      disagreements.push(...mergeFacts(facts, report.facts, base(request.report)));
      reportSections = report.sections;
      sources.push({ role: 'report', ...file, sha256: report.sha256 });
    }
  }
  if (request.counters) {
    const file = { path: request.counters, given: '--counters' };
    let parsed: ParsedCounters;
    let sha256: string;
    if (isJson(request.counters)) {
      const stats = await readJsonStats(file);
      if (!stats.counters) throw new LabError('input', `--counters ${request.counters}: JSON without per-layer counters (no avg_performance or detailed_performance).`, 'Give benchmark_average_counters_report.json or benchmark_detailed_counters_report.json.');
      parsed = stats.counters;
      sha256 = stats.sha256;
    } else {
      const kind = /average/i.test(base(request.counters)) ? 'average' : /detailed/i.test(base(request.counters)) ? 'detailed' : null;
      const csv = await readCountersCsv(file, kind);
      parsed = csv.counters;
      sha256 = csv.sha256;
    }
    if (counters) disagreements.push(`the log holds -pc tables too; the per-layer times are those of ${base(request.counters)}`);
    counters = parsed;
    countersRole = 'counters';
    sources.push({ role: 'counters', ...file, sha256 });
  }
  let execGraph: ExecGraph | null = null;
  if (request.execGraph) {
    const file = { path: request.execGraph, given: '--exec-graph' };
    execGraph = await readExecGraph(file);
    sources.push({ role: 'exec-graph', ...file, sha256: execGraph.sha256 });
  }
  if (counters && execGraph) {
    const unknown = counters.firstBlockExecuted.filter((name) => !execGraph.nodes.has(name));
    if (unknown.length > 0 && unknown.length === counters.firstBlockExecuted.length) {
      disagreements.push(`no executed layer of the counters is in the execution graph ${base(request.execGraph!)} (e.g. ${unknown[0]})`);
    }
  }
  return { facts, counters, countersRole, execGraph, properties, reportSections, sources, disagreements };
}
