import { useMemo } from 'react';
import { medianIntervalMissing } from '../../../core/present/median-interval.js';
import type { CompletedRun } from '../../../core/api/run-record.js';
import { latencyHistogramSpec } from '../../../core/present/charts/latency-histogram.js';
import { latencyOverTimeSpec } from '../../../core/present/charts/latency-over-time.js';
import { VegaChart } from '../charts/vega-chart.js';
import { Fold } from '../components/fold.js';
import { asProfile, OpBreakdown } from '../components/op-breakdown.js';
import { VerdictTable } from '../components/verdict-table.js';
import { inFormWords } from '../form-wording.js';
import { formatMs, formatPercent, formatPerSecond } from '../../../core/present/format-values.js';
import { formatRatio } from '../../../core/present/compare-text.js';
import { ExplainProfileForm } from './explain-profile-form.js';
import { ExtrasSections } from './extras-sections.js';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Every statistic of the run, as the tables always showed them: the headline is a summary of these. */
function LatencyTables({ record }: { record: CompletedRun }) {
  const { latencyMs: l, stability: s } = record;
  return (
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
          <tr><th scope="row">Throughput</th><td className="num">{formatPerSecond(record.throughputPerS)}</td></tr>
          <tr><th scope="row">Session create</th><td className="num">{record.coldStart.sessionCreateMs === null ? 'not stated' : `${formatMs(record.coldStart.sessionCreateMs)} ms`}</td></tr>
          <tr><th scope="row">First inference</th><td className="num">{record.coldStart.firstInferenceMs === null ? 'not stated' : `${formatMs(record.coldStart.firstInferenceMs)} ms`}</td></tr>
          <tr><th scope="row">Warm-up</th><td className="num">{record.warmup.iterations} it, {formatMs(record.warmup.durationMs)} ms</td></tr>
          <tr><th scope="row">Median {Math.round(s.medianInterval.confidence * 100)} % CI</th><td className="num">{medianIntervalMissing(s.medianInterval, record.iterations) ?? `${formatMs(s.medianInterval.lowMs)} – ${formatMs(s.medianInterval.highMs)} ms`}</td></tr>
          <tr><th scope="row">Coefficient of variation</th><td className="num">{formatPercent(s.coefficientOfVariation)}</td></tr>
          <tr><th scope="row">Outliers</th><td className="num">{s.outlierCount}</td></tr>
          <tr><th scope="row">Drift (last/first decile)</th><td className="num">{s.driftRatio === null ? 'not measured (under 20 samples)' : formatRatio(s.driftRatio)}</td></tr>
        </tbody>
      </table>
    </div>
  );
}

/**
 * A completed run below its headline: the two latency charts at the window's width, then the
 * detail folded: statistics (open), targets, warnings, the op breakdown, the run's extras.
 */
export function CompletedResults({ record }: { record: CompletedRun }) {
  const histogram = useMemo(() => latencyHistogramSpec(record), [record]);
  const overTime = useMemo(() => latencyOverTimeSpec(record), [record]);
  const { latencyMs: l, stability: s } = record;
  const profile = asProfile(record.extras.profile);
  return (
    <>
      <div className="charts wide">
        <VegaChart spec={histogram} label={`Latency histogram: p50 ${formatMs(l.p50)} ms, p99 ${formatMs(l.p99)} ms`} />
        <VegaChart spec={overTime} label={`Latency over ${record.iterations} iteration${record.iterations === 1 ? '' : 's'}, ${s.driftRatio === null ? 'too short to measure drift' : `drift ratio ${formatRatio(s.driftRatio)}`}`} />
      </div>
      <Fold id="results-latency" headingId="latency-heading" title="Latency" hint={`every statistic of ${count(record.iterations, 'timed iteration')}`} defaultOpen>
        <LatencyTables record={record} />
      </Fold>
      <Fold id="results-verdicts" headingId="verdicts-heading" title="Verdicts" hint={record.verdicts.length > 0 ? `${count(record.verdicts.length, 'target')}, each with the method that judged it` : 'no targets'}>
        {record.verdicts.length > 0 ? <VerdictTable verdicts={record.verdicts} /> : <p className="muted">No targets were set for this run.</p>}
      </Fold>
      {record.warnings.length > 0 ? (
        <Fold id="results-warnings" headingId="warnings-heading" title="Warnings" hint={count(record.warnings.length, 'warning')} className="fold-warn">
          <ul className="warnings">
            {record.warnings.map((w) => (
              <li key={w.code}><strong>{w.message}</strong> <span className="advice">{inFormWords(w.advice)}</span></li>
            ))}
          </ul>
        </Fold>
      ) : null}
      {profile ? (
        <Fold id="results-ops" headingId="ops-heading" title="Op breakdown" hint="where the time goes, op by op">
          <OpBreakdown profile={profile} />
          {/* An explanation only counts beside a measured profile: the ladder sets imported runs aside. */}
          {record.origin?.kind === 'imported'
            ? <p className="muted">This profile was imported, so an explanation of it would not count on the ladder: profile the model with edgelab on that device, then explain that run.</p>
            : <ExplainProfileForm runId={record.id} />}
        </Fold>
      ) : null}
      <ExtrasSections record={record} />
    </>
  );
}
