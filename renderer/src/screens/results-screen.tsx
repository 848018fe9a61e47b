import { useCallback, useEffect, useMemo } from 'react';
import { medianIntervalMissing } from '../../../core/present/median-interval.js';
import type { CompletedRun, RunRecord, SummaryOnlyRun } from '../../../core/api/run-record.js';
import { statedSummaryRows } from '../../../core/present/stated-summary.js';
import { latencyHistogramSpec } from '../../../core/present/charts/latency-histogram.js';
import { latencyOverTimeSpec } from '../../../core/present/charts/latency-over-time.js';
import { VegaChart } from '../charts/vega-chart.js';
import { ErrorNotice } from '../components/error-notice.js';
import { StatusMark } from '../components/status-mark.js';
import { ExportPanel } from '../components/export-panel.js';
import { inFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { routeHref } from '../routes.js';
import { useCall } from '../use-call.js';
import { asProfile, OpBreakdown } from '../components/op-breakdown.js';
import { VerdictTable } from '../components/verdict-table.js';
import { ExtrasSections } from '../results/extras-sections.js';
import { RunConfigurationView } from '../results/run-configuration-view.js';
import { ExplainProfileForm } from '../results/explain-profile-form.js';
import { inputTensorsText } from '../../../core/present/run-configuration.js';
import { formatLocalTime, formatMs, formatPercent } from '../../../core/present/format-values.js';

/** The GPU a run used, as the record states it (`extras.accelerator.label`); null for CPU runs and older records. */
function acceleratorOf(record: RunRecord): string | null {
  const a = record.extras['accelerator'] as { label?: unknown } | undefined;
  return typeof a?.label === 'string' ? a.label : null;
}

interface Props {
  /** The run in the URL; null when none is chosen yet. */
  runId: string | null;
  /** The record last shown or just measured, so a finished run needs no second read. */
  cached: RunRecord | null;
  onRecord: (record: RunRecord) => void;
  onPickRun: () => void;
}

export function ResultsScreen({ runId, cached, onRecord, onPickRun }: Props) {
  const lab = useLab();
  const load = useCall(useCallback((id: string) => lab.run(id), [lab]));
  const { run: loadRun } = load;
  const record = cached && cached.id === runId ? cached : null;
  useEffect(() => {
    if (runId !== null && record === null) void loadRun(runId).then((r) => r && onRecord(r));
  }, [runId, record, loadRun, onRecord]);
  const runIds = useMemo(() => (record ? [record.id] : []), [record]);
  if (!record) {
    return (
      <section aria-labelledby="results-heading">
        <h1 id="results-heading">Results</h1>
        {runId === null ? <p>No run selected. Start one on the Run screen or open one from History.</p> : load.busy ? <p>Reading run {runId}…</p> : null}
        <ErrorNotice error={load.error} />
        <button type="button" onClick={onPickRun}>Go to History</button>
      </section>
    );
  }
  return (
    <section aria-labelledby="results-heading">
      <h1 id="results-heading">
        Results <span className="muted">{record.spec.label ?? record.model?.fileName ?? record.spec.model}</span>
      </h1>
      <dl className="facts">
        <div className="fact"><dt>Run</dt><dd className="mono">{record.id}</dd></div>
        <div className="fact"><dt>State</dt><dd><StatusMark status={record.state} /></dd></div>
        {outputCheckVerdict(record) ? <div className="fact"><dt>Output check</dt><dd><StatusMark status={outputCheckVerdict(record) as 'pass' | 'fail'} /></dd></div> : null}
        <div className="fact"><dt>Started</dt><dd>{formatLocalTime(record.startedAt)}</dd></div>
        <div className="fact"><dt>Model</dt><dd className="mono">{record.model?.path ?? record.spec.model}</dd></div>
        {record.state === 'completed' ? <div className="fact"><dt>Provider</dt><dd>{record.executionProvider}</dd></div> : null}
        {acceleratorOf(record) ? <div className="fact"><dt>Device</dt><dd>{acceleratorOf(record)}</dd></div> : null}
        {record.state === 'completed' ? <div className="fact"><dt>Input shapes</dt><dd className="mono">{inputTensorsText(record)}</dd></div> : null}
        {record.extras['profile'] !== undefined ? <ProfileLinks record={record} /> : null}
        {sweepIdOf(record) !== null ? <div className="fact"><dt>Sweep</dt><dd><a href={routeHref({ screen: 'history', query: { q: `sweep:${sweepIdOf(record) ?? ''}`, sort: 'p50', dir: 'asc' } })}>Every point of sweep {sweepIdOf(record)}, in History</a></dd></div> : null}
        <div className="fact"><dt>Software</dt><dd>edgelab {record.software.edgelab}, ONNX Runtime {record.software.onnxruntime}, Node {record.software.node}, {record.software.platform}/{record.software.arch}</dd></div>
      </dl>
      {record.state === 'completed' ? <CompletedResults record={record} /> : record.state === 'summary-only' ? <SummaryOnlyResults record={record} /> : record.state === 'observed' ? <ObservedResults record={record} /> : <FailedResults record={record} />}
      <RunConfigurationView record={record} />
      <ExportPanel runIds={runIds} />
    </section>
  );
}

/** An import whose tool states a summary only (OpenVINO benchmark_app): the figures as stated, no charts. */
function SummaryOnlyResults({ record }: { record: SummaryOnlyRun }) {
  const profile = asProfile(record.extras.profile);
  return (
    <>
      <section aria-labelledby="stated-heading">
        <h2 id="stated-heading">Latency as stated</h2>
        <p className="muted">Summary only: {record.statedSummary.note}.</p>
        <table className="stated-summary">
          <tbody>
            {statedSummaryRows(record.statedSummary).map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td className="num">{value}</td></tr>)}
          </tbody>
        </table>
      </section>
      {record.verdicts.length > 0 ? <VerdictTable verdicts={record.verdicts} /> : null}
      {record.warnings.length > 0 ? (
        <section aria-labelledby="stated-warnings-heading">
          <h2 id="stated-warnings-heading">Warnings</h2>
          <ul>{record.warnings.map((w) => <li key={w.code + w.message}><strong>{w.code}</strong>: {w.message} <span className="muted">{w.advice}</span></li>)}</ul>
        </section>
      ) : null}
      {profile ? (
        <section aria-labelledby="stated-profile-heading">
          <h2 id="stated-profile-heading">Where the time goes</h2>
          <OpBreakdown profile={profile} />
        </section>
      ) : null}
      <ExtrasSections record={record} />
    </>
  );
}

/**
 * Where a profile can be looked at: the graph needs the model file (an imported trtexec run names
 * none), and a TensorRT layer profile is drawn as the average inference, layer by layer.
 */
function ProfileLinks({ record }: { record: RunRecord }) {
  const engine = (record.extras['profile'] as { engine?: unknown } | undefined)?.engine;
  const trtexec = engine === 'trtexec';
  const graph = record.model ? <a href={routeHref({ screen: 'graph', runId: record.id })}>Where the time goes, on the model graph</a> : null;
  // OpenVINO's counters are time per layer per inference, not a timeline: no trace link.
  const timeline = engine === 'openvino' ? null : <a href={routeHref({ screen: 'trace', runId: record.id })}>{trtexec ? 'The layer profile as a timeline, and its file' : 'Timeline of one inference, and the trace file'}</a>;
  return (
    <div className="fact">
      <dt>Profile</dt>
      <dd>{graph}{graph && timeline ? ' · ' : null}{timeline}{graph ? null : <span className="muted"> (no graph: the imported files name no model)</span>}</dd>
    </div>
  );
}

/** A run another tool observed (a pipeline, a telemetry log): its targets, then its own sections; no latency statistics. */
function ObservedResults({ record }: { record: Extract<RunRecord, { state: 'observed' }> }) {
  return (
    <>
      <h2>Verdicts</h2>
      {record.verdicts.length > 0 ? <VerdictTable verdicts={record.verdicts} /> : <p className="muted">No targets were set for this run.</p>}
      <ExtrasSections record={record} />
    </>
  );
}

function FailedResults({ record }: { record: Extract<RunRecord, { state: 'failed' | 'cancelled' }> }) {
  return (
    <>
      <div className="error" role="alert">
        <p className="error-message">{record.error.message}</p>
        {record.error.hint ? <p className="error-hint">{record.error.hint}</p> : null}
        <p className="muted">{record.samplesMs.length} samples were taken before the run stopped; they are kept in the record.</p>
      </div>
      <h2>Verdicts</h2>
      {record.spec.targets.length > 0 ? (
        <ul className="unmet-targets">
          {record.spec.targets.map((t) => <li key={t}><StatusMark status="fail" /> <span className="mono">{t}</span> not met: the run {record.state === 'cancelled' ? 'was cancelled' : 'failed'} before it finished, so nothing was judged against it.</li>)}
        </ul>
      ) : <p className="muted">No targets were set for this run.</p>}
      {record.samplesMs.length >= 2 ? <KeptSamples record={record} /> : null}
      <ExtrasSections record={record} />
    </>
  );
}

/** The sweep a run is a point of (`extras.sweep.sweepId`), or null. */
function sweepIdOf(record: RunRecord): string | null {
  const sweep = record.extras['sweep'];
  const id = typeof sweep === 'object' && sweep !== null ? (sweep as { sweepId?: unknown }).sweepId : undefined;
  return typeof id === 'string' ? id : null;
}

/** What a cancelled or failed run measured before it stopped: evidence too, drawn as the reports draw it. */
function KeptSamples({ record }: { record: RunRecord }) {
  const histogram = useMemo(() => latencyHistogramSpec(record), [record]);
  const overTime = useMemo(() => latencyOverTimeSpec(record), [record]);
  const sorted = useMemo(() => [...record.samplesMs].sort((a, b) => a - b), [record]);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
  return (
    <section aria-labelledby="kept-heading">
      <h2 id="kept-heading">Samples kept</h2>
      <p>{record.samplesMs.length} timed iterations before the stop: median {formatMs(median)} ms, min {formatMs(sorted[0])} ms, max {formatMs(sorted.at(-1))} ms.</p>
      <div className="charts">
        <VegaChart spec={histogram} label={`Latency histogram of the ${record.samplesMs.length} samples kept`} />
        <VegaChart spec={overTime} label={`Latency over the ${record.samplesMs.length} iterations before the stop`} />
      </div>
    </section>
  );
}

function CompletedResults({ record }: { record: CompletedRun }) {
  const histogram = useMemo(() => latencyHistogramSpec(record), [record]);
  const overTime = useMemo(() => latencyOverTimeSpec(record), [record]);
  const { latencyMs: l, stability: s } = record;
  const profile = asProfile(record.extras.profile);
  return (
    <>
      {record.origin?.kind === 'imported' ? (
        <p className="evidence-imported-note" role="note">
          <span className="evidence-imported">imported</span> Read from {record.origin.tool}'s files{record.origin.statedHardware ? ` made on ${record.origin.statedHardware}` : ''}: edgelab did not measure this run, and it never checks a measured ladder item.
        </p>
      ) : null}
      <h2>Verdicts</h2>
      {record.verdicts.length > 0 ? <VerdictTable verdicts={record.verdicts} /> : <p className="muted">No targets were set for this run.</p>}
      <h2>Latency</h2>
      <div className="columns">
        <table className="stats">
          <caption>Per-iteration latency (ms), {record.iterations} timed iterations</caption>
          <tbody>
            {([['mean', l.mean], ['stddev', l.stddev], ['min', l.min], ['p50', l.p50], ['p90', l.p90], ['p95', l.p95], ['p99', l.p99], ['p99.9', l.p999], ['max', l.max]] as const).map(([name, value]) => (
              <tr key={name}><th scope="row">{name}</th><td className="num">{formatMs(value)}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="stats">
          <caption>Run</caption>
          <tbody>
            <tr><th scope="row">Throughput</th><td className="num">{record.throughputPerS.toFixed(1)} /s</td></tr>
            <tr><th scope="row">Session create</th><td className="num">{record.coldStart.sessionCreateMs === null ? 'not stated' : `${formatMs(record.coldStart.sessionCreateMs)} ms`}</td></tr>
            <tr><th scope="row">First inference</th><td className="num">{record.coldStart.firstInferenceMs === null ? 'not stated' : `${formatMs(record.coldStart.firstInferenceMs)} ms`}</td></tr>
            <tr><th scope="row">Warm-up</th><td className="num">{record.warmup.iterations} it, {formatMs(record.warmup.durationMs)} ms</td></tr>
            <tr><th scope="row">Median {Math.round(s.medianInterval.confidence * 100)} % CI</th><td className="num">{medianIntervalMissing(s.medianInterval, record.iterations) ?? `${formatMs(s.medianInterval.lowMs)} – ${formatMs(s.medianInterval.highMs)} ms`}</td></tr>
            <tr><th scope="row">Coefficient of variation</th><td className="num">{formatPercent(s.coefficientOfVariation)}</td></tr>
            <tr><th scope="row">Outliers</th><td className="num">{s.outlierCount}</td></tr>
            <tr><th scope="row">Drift (last/first decile)</th><td className="num">{s.driftRatio === null ? 'not measured (under 20 samples)' : s.driftRatio.toFixed(3)}</td></tr>
          </tbody>
        </table>
      </div>
      <div className="charts">
        <VegaChart spec={histogram} label={`Latency histogram: p50 ${formatMs(l.p50)} ms, p99 ${formatMs(l.p99)} ms`} />
        <VegaChart spec={overTime} label={`Latency over ${record.iterations} iteration${record.iterations === 1 ? '' : 's'}, ${s.driftRatio === null ? 'too short to measure drift' : `drift ratio ${s.driftRatio.toFixed(3)}`}`} />
      </div>
      {record.warnings.length > 0 ? (
        <>
          <h2>Warnings</h2>
          <ul className="warnings">
            {record.warnings.map((w) => (
              <li key={w.code}><strong>{w.message}</strong> <span className="advice">{inFormWords(w.advice)}</span></li>
            ))}
          </ul>
        </>
      ) : null}
      {profile ? (
        <>
          <h2>Op breakdown</h2>
          <OpBreakdown profile={profile} />
          {/* An explanation only counts beside a measured profile: the ladder sets imported runs aside. */}
          {record.origin?.kind === 'imported'
            ? <p className="muted">This profile was imported, so an explanation of it would not count on the ladder: profile the model with edgelab on that device, then explain that run.</p>
            : <ExplainProfileForm runId={record.id} />}
        </>
      ) : null}
      <ExtrasSections record={record} />
    </>
  );
}

/**
 * An eval or parity run completes (its inferences are measured) even when its outputs drift: the
 * check's own verdict sits beside the state, so a failing check reads as failed at the top.
 */
function outputCheckVerdict(record: RunRecord): 'pass' | 'fail' | null {
  for (const key of ['evaluation', 'parity'] as const) {
    const verdict = (record.extras[key] as { verdict?: unknown } | undefined)?.verdict;
    if (verdict === 'pass' || verdict === 'fail') return verdict;
  }
  return null;
}
