import { unitOf } from '../hardware/hardware-kind.js';
import { unitText } from '../present/provenance-label.js';
import { LabError } from '../api/errors.js';
import type { CompletedRun, RunRecord } from '../api/run-record.js';
import { mannWhitneyU } from '../stats/mann-whitney.js';
import { quantileInterval } from '../stats/quantile-interval.js';
import { sortedAscending } from '../stats/quantile.js';
import { shortHash } from '../present/format-values.js';
import { hardwareFingerprint, runTitle } from '../present/run-labels.js';
import { engineAndStateWarnings } from './compare-engines.js';
import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import type { ComparedMetric, Comparison, ComparisonWarning, MetricComparison } from './comparison-types.js';

/**
 * Run B against run A, metric by metric. Whether a latency difference is real is decided by one
 * Mann–Whitney U test (two-sided, normal approximation with tie correction) on the two runs' raw
 * samples: latency is skewed with a long right tail, which a rank test tolerates and a t-test on
 * means does not. A metric counts as changed when the test is significant at `alpha` AND the metric
 * moved the same way as the samples did (a run can be slower overall yet have a lower p99 by
 * chance; that p99 is then not reported as an improvement). Cold start is one measurement per run,
 * so no test applies to it: its ratio is shown, untested.
 */
export const SIGNIFICANCE_LEVEL = 0.05;

/** The run's accelerator and unit, each when the record has one (absent for older CPU runs, so their comparison is unchanged). */
function acceleratorField(run: CompletedRun): { accelerator?: string; unit?: string } {
  const accelerator = acceleratorOfRecord(run);
  const unit = unitText(unitOf(run.hardware));
  return { ...(accelerator ? { accelerator: acceleratorLabel(accelerator) } : {}), ...(unit ? { unit } : {}) };
}

const latencyMetrics = ['mean', 'p50', 'p90', 'p95', 'p99', 'p999'] as const;

export function compareRuns(a: RunRecord, b: RunRecord, alpha = SIGNIFICANCE_LEVEL): Comparison {
  const runA = requireCompleted(a);
  const runB = requireCompleted(b);
  const mw = mannWhitneyU(runA.samplesMs, runB.samplesMs);
  const significant = mw.pValue < alpha;
  // U counts pairs where A is slower, so a positive z means B's latencies tend to be lower.
  const faster = significant ? (mw.z > 0 ? 'b' : mw.z < 0 ? 'a' : null) : null;

  const sortedA = sortedAscending(runA.samplesMs);
  const sortedB = sortedAscending(runB.samplesMs);
  const tested = (metric: ComparedMetric, unit: 'ms' | '/s', valueA: number, valueB: number): MetricComparison => {
    const ratio = valueB / valueA;
    const bFaster = unit === 'ms' ? valueB < valueA : valueB > valueA;
    const bSlower = unit === 'ms' ? valueB > valueA : valueB < valueA;
    const agrees = (faster === 'b' && bFaster) || (faster === 'a' && bSlower);
    return {
      metric,
      unit,
      a: valueA,
      b: valueB,
      ratio,
      significant: agrees,
      change: agrees ? (bFaster ? 'faster' : 'slower') : 'no significant change',
      ratioInterval: metric in PERCENTILES ? ratioInterval(sortedA, sortedB, PERCENTILES[metric as keyof typeof PERCENTILES]) : null,
    };
  };

  const coldA = coldStartMs(runA);
  const coldB = coldStartMs(runB);
  return {
    a: { id: runA.id, title: runTitle(runA), samples: runA.samplesMs.length, ...acceleratorField(runA) },
    b: { id: runB.id, title: runTitle(runB), samples: runB.samplesMs.length, ...acceleratorField(runB) },
    test: { name: 'Mann–Whitney U', statistic: mw.statistic, z: mw.z, pValue: mw.pValue, alpha, significant, faster },
    metrics: [
      ...latencyMetrics.map((k) => tested(k, 'ms', runA.latencyMs[k], runB.latencyMs[k])),
      tested('throughput', '/s', runA.throughputPerS, runB.throughputPerS),
      // A cold start the files do not state (an imported trtexec run) is not compared against a zero.
      ...(coldA !== null && coldB !== null ? [{ metric: 'coldStart', unit: 'ms', a: coldA, b: coldB, ratio: coldB / coldA, significant: null, change: 'not tested', ratioInterval: null } satisfies MetricComparison] : []),
    ],
    warnings: comparisonWarnings(runA, runB),
  };
}

/** Session creation + first inference; for trtexec, the engine build + load it printed, null when it printed neither. */
function coldStartMs(run: CompletedRun): number | null {
  if (run.spec.engine?.kind !== 'trtexec') {
    const { sessionCreateMs, firstInferenceMs } = run.coldStart;
    return sessionCreateMs === null || firstInferenceMs === null ? null : sessionCreateMs + firstInferenceMs;
  }
  const t = run.extras['trtexec'] as { engineBuildMs?: number | null; engineLoadMs?: number | null } | undefined;
  const parts = [t?.engineBuildMs, t?.engineLoadMs].filter((x): x is number => typeof x === 'number');
  return parts.length > 0 ? parts.reduce((a, b) => a + b, 0) : null;
}

const PERCENTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 } as const;
const EACH_CONFIDENCE = Math.sqrt(0.95);

function ratioInterval(sortedA: readonly number[], sortedB: readonly number[], q: number): MetricComparison['ratioInterval'] {
  if (sortedA.length === 0 || sortedB.length === 0) return null;
  const a = quantileInterval(sortedA, q, EACH_CONFIDENCE);
  const b = quantileInterval(sortedB, q, EACH_CONFIDENCE);
  if (!a.exact || !b.exact || a.lowMs <= 0) return null;
  return { low: b.lowMs / a.highMs, high: b.highMs / a.lowMs, confidence: 0.95 };
}

function requireCompleted(run: RunRecord): CompletedRun {
  if (run.state === 'completed') return run;
  throw new LabError(
    'usage',
    `Run ${run.id} (${runTitle(run)}) ${run.state}; only completed runs can be compared.`,
    'Pick two completed runs (`edgelab runs` lists them), or re-run this one.',
  );
}

/** What makes the two runs not like for like: each is fine when intended, so these warn, not fail. */
export function comparisonWarnings(a: CompletedRun, b: CompletedRun): ComparisonWarning[] {
  const warnings: ComparisonWarning[] = [];
  if (a.model && b.model && a.model.sha256 !== b.model.sha256) {
    warnings.push({
      code: 'different-model',
      message: `The runs measured different model files: ${a.model.fileName} (sha256 ${shortHash(a.model.sha256)}) and ${b.model.fileName} (sha256 ${shortHash(b.model.sha256)}).`,
      advice: 'Expected when comparing an optimised model with its original; otherwise re-run both on the same file.',
    });
  }
  const fingerprintA = hardwareFingerprint(a);
  const fingerprintB = hardwareFingerprint(b);
  if (fingerprintA && fingerprintB && fingerprintA !== fingerprintB) {
    warnings.push({
      code: 'different-hardware',
      message: `The runs were measured on different machines (hardware fingerprints ${shortHash(fingerprintA)} and ${shortHash(fingerprintB)}).`,
      advice: 'A difference may come from the machine, not the change; compare runs from the same machine to judge a model or setting.',
    });
  } else if (!fingerprintA || !fingerprintB) {
    const missing = [fingerprintA ? null : a.id, fingerprintB ? null : b.id].filter((id) => id !== null);
    const subject = missing.length === 1 ? `Run ${missing[0]} has` : `Runs ${missing.join(' and ')} have`;
    warnings.push({
      code: 'unknown-hardware',
      message: `${subject} no hardware fingerprint, so it is unknown whether both ran on the same machine.`,
      advice: 'Record runs in a workspace (edgelab bench saves them there) so each carries its hardware fingerprint.',
    });
  }
  const acceleratorA = acceleratorOfRecord(a);
  const acceleratorB = acceleratorOfRecord(b);
  if (acceleratorA && acceleratorB && (acceleratorA.name !== acceleratorB.name || acceleratorA.driverVersion !== acceleratorB.driverVersion)) {
    warnings.push({
      code: 'different-accelerator',
      message: `The runs used different accelerators: ${acceleratorLabel(acceleratorA)} and ${acceleratorLabel(acceleratorB)}.`,
      advice: 'A GPU model or driver change moves latency by itself; compare on the same GPU and driver to judge a model or setting.',
    });
  }
  const softwareFields = ['edgelab', 'onnxruntime', 'node', 'platform', 'arch'] as const;
  const softwareDiffs = softwareFields.filter((k) => a.software[k] !== b.software[k]).map((k) => `${k} ${a.software[k]} → ${b.software[k]}`);
  if (softwareDiffs.length > 0) {
    warnings.push({
      code: 'different-software',
      message: `Software versions differ: ${softwareDiffs.join(', ')}.`,
      advice: 'An ONNX Runtime or Node upgrade can change latency by itself; keep versions equal to isolate the change under test.',
    });
  }
  const settingDiffs = settingDifferences(a, b);
  if (settingDiffs.length > 0) {
    warnings.push({
      code: 'different-settings',
      message: `Session settings differ: ${settingDiffs.join(', ')}.`,
      advice: 'Fine when the setting is what you are comparing; otherwise re-run with the same settings.',
    });
  }
  warnings.push(...engineAndStateWarnings(a, b));
  const workloadDiffs = workloadDifferences(a, b);
  if (workloadDiffs.length > 0) {
    warnings.push({
      code: 'different-workload',
      message: `The runs measured different workloads: ${workloadDiffs.join('; ')}.`,
      advice: 'Latency under load or through a whole image pipeline is not comparable with single-stream inference on synthetic tensors; compare runs of the same scenario, inputs and shapes.',
    });
  }
  return warnings;
}

/** What was measured: the scenario (and its load), the kind of inputs, and the tensor shapes. */
function workloadDifferences(a: CompletedRun, b: CompletedRun): string[] {
  const diffs: string[] = [];
  const load = (r: CompletedRun) => {
    const s = r.spec.scenario;
    return s.kind === 'throughput' ? `throughput, ${s.concurrency} in flight, ${s.sessions} session(s)` : s.kind === 'server' ? `server, ${s.qps ?? 'max'} QPS, ${s.sessions} session(s)` : 'single-stream';
  };
  if (load(a) !== load(b)) diffs.push(`scenario ${load(a)} → ${load(b)}`);
  if (a.spec.inputs.kind !== b.spec.inputs.kind) diffs.push(`inputs ${a.spec.inputs.kind} → ${b.spec.inputs.kind}`);
  const shapes = (r: CompletedRun) => r.inputs.tensors.map((t) => `${t.name} [${t.shape.join(', ')}]`).join(', ');
  if (a.spec.inputs.kind === b.spec.inputs.kind && shapes(a) !== shapes(b)) diffs.push(`input shapes ${shapes(a)} → ${shapes(b)}`);
  return diffs;
}

function settingDifferences(a: CompletedRun, b: CompletedRun): string[] {
  const diffs = a.executionProvider !== b.executionProvider ? [`executionProvider ${a.executionProvider} → ${b.executionProvider}`] : [];
  // trtexec has no ONNX Runtime session: its spec's session options are defaults it never used.
  if (a.spec.engine?.kind === 'trtexec' || b.spec.engine?.kind === 'trtexec') return diffs;
  const sa = a.spec.session;
  const sb = b.spec.session;
  for (const key of Object.keys(sa) as Array<keyof typeof sa>) {
    const va = JSON.stringify(sa[key]);
    const vb = JSON.stringify(sb[key]);
    if (key !== 'executionProviders' && va !== vb) diffs.push(`${key} ${va} → ${vb}`);
  }
  return diffs;
}

export { formatComparison } from './comparison-text.js';
