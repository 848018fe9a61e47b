import type { OpenvinoImportRequest } from '../../api/openvino-import.js';
import { RUN_RECORD_SCHEMA_VERSION, type FailedRun, type StatedSummary, type SummaryOnlyRun } from '../../api/run-record.js';
import { RunSpecSchema } from '../../api/run-spec.js';
import type { BenchWarning } from '../../api/warnings.js';
import { modelFingerprint } from '../../evidence/record-base.js';
import type { StreamedImport } from '../../files/streamed-import.js';
import { inspectModel } from '../../model/inspect.js';
import { edgelabVersion } from '../../package-root.js';
import { loadGraphIndex } from '../../profile/graph-nodes.js';
import { parseTargets } from '../../targets/index.js';
import type { BenchmarkFacts } from './benchmark-facts.js';
import { openvinoWarnings, precisionFindings } from './openvino-lint.js';
import { openvinoLayers, openvinoProfileSummary } from './openvino-profile.js';
import { readOpenvinoFiles, type OpenvinoFiles } from './read-openvino-files.js';
import { statedVerdicts } from '../../targets/stated-verdicts.js';

/**
 * `edgelab import openvino`: a benchmark_app run made where edgelab never ran OpenVINO (its Node
 * binding downloads its runtime from Intel when installed, so no package registry ships it and it
 * cannot be installed offline) recorded as imported evidence. benchmark_app states a summary only,
 * so the record is summary-only: the figures exactly as stated, no samples, no intervals, verdicts
 * only on stated figures. Per-layer counters become the profile section, mapped onto the model's
 * graph when the model is given.
 */
export const SUMMARY_ONLY_NOTE = 'benchmark_app states summary statistics only (a median or one percentile, the mean, min and max) and writes no per-iteration latencies: there are no samples, so no confidence intervals, no drift or outlier checks, and no percentile it did not print';

function statedSummary(facts: BenchmarkFacts): StatedSummary {
  const l = facts.latency;
  return {
    source: facts.latencySource ?? 'no latency figures in the imported files',
    iterations: l.iterations, durationMs: l.durationMs, throughputPerS: l.throughputPerS,
    latencyMs: { mean: l.meanMs, min: l.minMs, max: l.maxMs, percentiles: [...l.percentiles].sort((a, b) => a.percentile - b.percentile) },
    firstInferenceMs: l.firstInferenceMs,
    compileMs: l.compileModelMs,
    note: SUMMARY_ONLY_NOTE,
  };
}

function deviceOf(files: OpenvinoFiles): string {
  return files.facts.executionDevices.join(', ') || files.facts.requestedDevice || files.counters?.fullDeviceName || 'device not stated';
}

function machineStated(request: OpenvinoImportRequest, files: OpenvinoFiles): string | null {
  const f = files.facts;
  const device = f.executionDevices.length > 0 ? `OpenVINO device ${f.executionDevices.join(', ')}` : f.requestedDevice ? `OpenVINO device ${f.requestedDevice}, as asked with -d (the files name no devices used)` : null;
  const fromFiles = [files.counters?.fullDeviceName, device].filter(Boolean).join('; ') || null;
  const user = request.statedHardware?.trim() || null;
  return user && fromFiles ? `${user}; the files name ${fromFiles}` : user ?? fromFiles;
}

/** What the files state, and how they make the record; core/lab records it (core/lab/import-tool-runs.ts). */
export async function readOpenvinoRun(request: OpenvinoImportRequest): Promise<StreamedImport> {
  const targets = parseTargets(request.targets ?? []);
  const files = await readOpenvinoFiles(request);
  const info = request.model ? await inspectModel(request.model) : null;
  const graph = request.model ? await loadGraphIndex(request.model) : null;
  const { facts, counters } = files;
  const device = deviceOf(files);

  return {
    tool: 'openvino',
    sources: files.sources,
    build: (named, ids) => {
      const spec = RunSpecSchema.parse({
        model: request.model ?? facts.modelPath ?? '(model not named by the imported files)',
        ...(request.label ? { label: request.label } : {}),
        tags: request.tags ?? [],
        targets: request.targets ?? [],
        profile: counters !== null,
        telemetry: false,
      });
      const base = {
        schemaVersion: RUN_RECORD_SCHEMA_VERSION as typeof RUN_RECORD_SCHEMA_VERSION,
        id: ids.runId,
        startedAt: ids.startedAt,
        finishedAt: ids.startedAt,
        spec,
        model: info ? modelFingerprint(info) : null,
        // The importing edgelab; the measuring software is OpenVINO, named in extras.openvino.
        software: { edgelab: edgelabVersion(), onnxruntime: 'none (imported OpenVINO benchmark_app run)', node: process.version, platform: 'unknown', arch: 'unknown' },
        hardware: null,
        extras: {} as Record<string, unknown>,
      };
      const nameOf = (role: string) => named.find((s) => s.role === role)?.name ?? null;
      base.extras['openvino'] = {
        openvinoVersion: facts.openvinoVersion, benchmarkApp: facts.writer, requestedDevice: facts.requestedDevice, executionDevices: facts.executionDevices,
        fullDeviceName: counters?.fullDeviceName ?? null, hint: facts.hint, streams: facts.streams, nireq: facts.nireq, api: facts.api, batch: facts.batch,
        inferencePrecision: facts.inferencePrecision, perfCount: facts.perfCount, readModelMs: facts.latency.readModelMs, modelInFiles: facts.modelPath,
        commandLine: facts.commandLine, reportType: facts.reportType, countersFormat: counters?.format ?? null, properties: files.properties,
        files: { log: nameOf('log'), report: nameOf('report'), counters: nameOf('counters'), execGraph: nameOf('exec-graph') },
      };
      const statedHardware = machineStated(request, files);
      if (facts.failure && facts.latency.percentiles.length === 0 && facts.latency.meanMs === null) {
        const failed: FailedRun = { ...base, state: 'failed', error: { kind: 'runtime', message: `benchmark_app failed: ${facts.failure}` }, samplesMs: [] };
        return { record: failed, statedHardware };
      }
      const warnings: BenchWarning[] = [{ code: 'summary-only', message: `Summary only: ${SUMMARY_ONLY_NOTE}.`, advice: 'Read the figures as benchmark_app stated them. For intervals and tail percentiles, measure the ONNX model with edgelab bench, or import a tool that writes every iteration (trtexec --exportTimes).' }];
      warnings.push(...openvinoWarnings(facts, counters));
      if (files.disagreements.length > 0) {
        warnings.push({ code: 'imported-files-disagree', message: `The imported files may not be one run: ${files.disagreements.join('; ')}.`, advice: 'Import the files one benchmark_app command wrote (its log, its -report_folder, its -exec_graph_path).' });
      }
      if (counters) {
        const layers = openvinoLayers(counters, device, graph, files.execGraph);
        const findings = precisionFindings(layers);
        if (graph && counters.namesTruncated) {
          warnings.push({ code: 'openvino-names-truncated', message: 'The -pc table cut long layer names to 15-17 characters and "...", so those layers cannot be found on the model graph.', advice: 'Import the counters CSV (-report_type detailed_counters) or JSON instead: they keep every name whole.' });
        }
        for (const f of findings) warnings.push({ code: f.code as BenchWarning['code'], message: f.message, advice: f.advice });
        const countersSource = named.find((s) => s.role === files.countersRole)!;
        base.extras['profile'] = openvinoProfileSummary(counters, layers, { countersFile: countersSource.name, countersSha256: countersSource.sha256, execGraphFile: nameOf('exec-graph') }, graph !== null, findings);
      }
      const summary = statedSummary(facts);
      const record: SummaryOnlyRun = {
        ...base, state: 'summary-only', executionProvider: `openvino (${device})`, statedSummary: summary, samplesMs: [],
        warnings, verdicts: statedVerdicts(targets, summary),
      };
      return { record, statedHardware };
    },
  };
}
