import { useMemo } from 'react';
import type { RunRecord, SummaryOnlyRun } from '../../../core/api/run-record.js';
import { latencyHistogramSpec } from '../../../core/present/charts/latency-histogram.js';
import { latencyOverTimeSpec } from '../../../core/present/charts/latency-over-time.js';
import { statedSummaryRows } from '../../../core/present/stated-summary.js';
import { VegaChart } from '../charts/vega-chart.js';
import { Fold } from '../components/fold.js';
import { asProfile, OpBreakdown } from '../components/op-breakdown.js';
import { StatusMark } from '../components/status-mark.js';
import { VerdictTable } from '../components/verdict-table.js';
import { formatMs } from '../../../core/present/format-values.js';
import { ExtrasSections } from './extras-sections.js';

/** An import whose tool states a summary only (OpenVINO benchmark_app): the figures as stated, no charts. */
export function SummaryOnlyResults({ record }: { record: SummaryOnlyRun }) {
  const profile = asProfile(record.extras.profile);
  return (
    <>
      <Fold id="results-stated" headingId="stated-heading" title="Latency as stated" hint="the imported tool's own figures" defaultOpen>
        <p className="muted">Summary only: {record.statedSummary.note}.</p>
        <table className="stated-summary">
          <tbody>
            {statedSummaryRows(record.statedSummary).map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td className="num">{value}</td></tr>)}
          </tbody>
        </table>
      </Fold>
      {record.verdicts.length > 0 ? (
        <Fold id="results-verdicts" headingId="verdicts-heading" title="Verdicts" hint={`${record.verdicts.length} target${record.verdicts.length === 1 ? '' : 's'}`}>
          <VerdictTable verdicts={record.verdicts} />
        </Fold>
      ) : null}
      {record.warnings.length > 0 ? (
        <Fold id="results-warnings" headingId="stated-warnings-heading" title="Warnings" hint={`${record.warnings.length} warning${record.warnings.length === 1 ? '' : 's'}`} className="fold-warn">
          <ul>{record.warnings.map((w) => <li key={w.code + w.message}><strong>{w.code}</strong>: {w.message} <span className="muted">{w.advice}</span></li>)}</ul>
        </Fold>
      ) : null}
      {profile ? (
        <Fold id="results-ops" headingId="stated-profile-heading" title="Where the time goes">
          <OpBreakdown profile={profile} />
        </Fold>
      ) : null}
      <ExtrasSections record={record} />
    </>
  );
}

/** A run another tool observed (a pipeline, a telemetry log): its targets, then its own sections; no latency statistics. */
export function ObservedResults({ record }: { record: Extract<RunRecord, { state: 'observed' }> }) {
  return (
    <>
      <Fold id="results-verdicts" headingId="verdicts-heading" title="Verdicts" defaultOpen>
        {record.verdicts.length > 0 ? <VerdictTable verdicts={record.verdicts} /> : <p className="muted">No targets were set for this run.</p>}
      </Fold>
      <ExtrasSections record={record} />
    </>
  );
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
      <div className="charts wide">
        <VegaChart spec={histogram} label={`Latency histogram of the ${record.samplesMs.length} samples kept`} />
        <VegaChart spec={overTime} label={`Latency over the ${record.samplesMs.length} iterations before the stop`} />
      </div>
    </section>
  );
}

export function FailedResults({ record }: { record: Extract<RunRecord, { state: 'failed' | 'cancelled' }> }) {
  return (
    <>
      <div className="error" role="alert">
        <p className="error-message">{record.error.message}</p>
        {record.error.hint ? <p className="error-hint">{record.error.hint}</p> : null}
        <p className="muted">{record.samplesMs.length} samples were taken before the run stopped; they are kept in the record.</p>
      </div>
      {record.samplesMs.length >= 2 ? <KeptSamples record={record} /> : null}
      <Fold id="results-verdicts" headingId="verdicts-heading" title="Verdicts" defaultOpen>
        {record.spec.targets.length > 0 ? (
          <ul className="unmet-targets">
            {record.spec.targets.map((t) => <li key={t}><StatusMark status="fail" /> <span className="mono">{t}</span> not met: the run {record.state === 'cancelled' ? 'was cancelled' : 'failed'} before it finished, so nothing was judged against it.</li>)}
          </ul>
        ) : <p className="muted">No targets were set for this run.</p>}
      </Fold>
      <ExtrasSections record={record} />
    </>
  );
}
