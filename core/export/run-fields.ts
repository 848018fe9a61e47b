import { evidenceKind, type RunRecord } from '../api/run-record.js';

/**
 * What a run record contributes to a team's tracking tools, named once so that MLflow and DVC show
 * the same numbers under the same names. Keys are dotted paths with units in their last part
 * (`latency_ms.p99`, `cold_start_ms.session_create`): MLflow keeps them as metric keys, DVC nests
 * them into JSON objects. Values are read from the record only; nothing is recomputed.
 */
export interface RunField<V> {
  key: string;
  value: V;
}

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive' | 'none';

/** Overall verdict as the CLI's exit code reads it: any fail fails, then inconclusive, then pass. */
export function overallVerdict(record: RunRecord): VerdictStatus {
  if ((record.state !== 'completed' && record.state !== 'summary-only' && record.state !== 'observed') || record.verdicts.length === 0) return 'none';
  const statuses = record.verdicts.map((v) => v.status);
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

/** The engine that produced the numbers: the importing tool for an imported record, else ONNX Runtime in-process. */
export function engineOf(record: RunRecord): string {
  if (record.origin) return record.origin.tool;
  const engine = record.extras['engine'];
  if (typeof engine === 'string') return engine;
  if (engine && typeof engine === 'object' && typeof (engine as { name?: unknown }).name === 'string') return (engine as { name: string }).name;
  return 'onnxruntime';
}

/** Scalar metrics of a run: statistics, throughput, cold start, memory, energy, verdict counts. */
export function runMetrics(record: RunRecord): RunField<number>[] {
  const out: RunField<number>[] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ key, value });
  };
  add('iterations', record.state === 'completed' ? record.iterations : record.state === 'summary-only' ? record.statedSummary.iterations : record.samplesMs.length);
  if (record.state === 'summary-only') {
    // Named apart from computed statistics: these are another tool's figures, as it stated them.
    const s = record.statedSummary;
    for (const [name, value] of [['mean', s.latencyMs.mean], ['min', s.latencyMs.min], ['max', s.latencyMs.max]] as const) add(`stated_latency_ms.${name}`, value);
    for (const p of s.latencyMs.percentiles) add(`stated_latency_ms.p${String(p.percentile).replace('.', '')}`, p.valueMs);
    add('stated_throughput_per_s', s.throughputPerS);
    const count = (status: string) => record.verdicts.filter((v) => v.status === status).length;
    add('verdicts.pass', count('pass'));
    add('verdicts.fail', count('fail'));
    add('verdicts.inconclusive', count('inconclusive'));
  }
  if (record.state === 'completed') {
    const l = record.latencyMs;
    for (const [name, value] of [['mean', l.mean], ['stddev', l.stddev], ['min', l.min], ['max', l.max], ['p50', l.p50], ['p90', l.p90], ['p95', l.p95], ['p99', l.p99], ['p999', l.p999]] as const) {
      add(`latency_ms.${name}`, value);
    }
    add('throughput_per_s', record.throughputPerS);
    add('samples_per_s', record.samplesPerS);
    add('cold_start_ms.session_create', record.coldStart.sessionCreateMs);
    add('cold_start_ms.first_inference', record.coldStart.firstInferenceMs);
    add('stability.coefficient_of_variation', record.stability.coefficientOfVariation);
    add('stability.outlier_count', record.stability.outlierCount);
    add('stability.drift_ratio', record.stability.driftRatio);
    const count = (status: string) => record.verdicts.filter((v) => v.status === status).length;
    add('verdicts.pass', count('pass'));
    add('verdicts.fail', count('fail'));
    add('verdicts.inconclusive', count('inconclusive'));
  }
  const memory = asObject(record.extras['memory']);
  add('memory.peak_rss_bytes', memory?.['peakRssBytes']);
  const energy = asObject(asObject(record.extras['telemetry'])?.['energy']);
  // A missing sensor is a reason, never a zero: only an available reading becomes a metric.
  if (energy?.['available'] === true) {
    const value = asObject(energy['value']);
    add('energy.joules_per_inference', value?.['joulesPerInference']);
    add('energy.average_power_w', value?.['averagePowerW']);
    add('energy.total_j', value?.['energyJ']);
  }
  return out;
}

export type ParamValue = string | number | boolean;

/**
 * What was run, from the RunSpec and what the run resolved (shapes, provider). Values keep their
 * type for DVC's params.yaml; MLflow, whose params are strings, prints them.
 */
export function runParams(record: RunRecord): RunField<ParamValue>[] {
  const { spec } = record;
  const out: RunField<ParamValue>[] = [];
  const add = (key: string, value: ParamValue | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') out.push({ key, value });
  };
  add('model', record.model?.fileName ?? spec.model.split(/[\\/]/).pop());
  add('engine', engineOf(record));
  add('execution_provider', record.state === 'completed' ? record.executionProvider : spec.session.executionProviders[0]);
  add('execution_providers', spec.session.executionProviders.join(','));
  add('intra_op_num_threads', spec.session.intraOpNumThreads);
  add('inter_op_num_threads', spec.session.interOpNumThreads);
  add('graph_optimization_level', spec.session.graphOptimizationLevel);
  add('execution_mode', spec.session.executionMode);
  add('inputs', spec.inputs.kind);
  if (record.state === 'completed') {
    for (const tensor of record.inputs.tensors) add(`shape.${safeKeyPart(tensor.name)}`, `${tensor.dtype}[${tensor.shape.join('x')}]`);
  }
  const s = spec.scenario;
  add('scenario', s.kind);
  add('warmup_iterations', s.warmup.iterations);
  add('warmup_duration_ms', s.warmup.durationMs);
  add('max_iterations', s.iterations);
  add('max_duration_s', s.durationS);
  add('trials', s.trials);
  if (s.kind === 'throughput') add('concurrency', s.concurrency);
  if (s.kind === 'server') add('target_qps', s.qps);
  if (s.kind !== 'single-stream') add('sessions', s.sessions);
  if (record.state === 'completed') add('batch_size', record.batchSize);
  add('targets', spec.targets.join(' '));
  return out;
}

/** Identity and provenance: the keys a team filters and audits by. */
export function runIdentity(record: RunRecord) {
  const hardware = asObject(record.hardware);
  return {
    runId: record.id,
    state: record.state,
    evidence: evidenceKind(record),
    label: runLabel(record),
    modelSha256: record.model?.sha256 ?? null,
    hardwareFingerprint: typeof hardware?.['fingerprint'] === 'string' ? hardware['fingerprint'] : null,
    hardwareLabel: typeof hardware?.['label'] === 'string' ? hardware['label'] : null,
    verdict: overallVerdict(record),
  };
}

function runLabel(record: RunRecord): string {
  return record.spec.label ?? `${record.model?.fileName ?? record.spec.model.split(/[\\/]/).pop()} · ${record.state === 'completed' ? record.executionProvider : (record.spec.session.executionProviders[0] ?? 'cpu')}`;
}

/** MLflow keys allow letters, digits, `_ - . / ` and space; anything else in an input name becomes `_`. */
export function safeKeyPart(name: string): string {
  return name.replace(/[^A-Za-z0-9_\-./ ]/g, '_');
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
