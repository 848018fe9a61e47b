import { StatedPairTable } from '../components/stated-pair-table.js';
import { useCallback, useEffect, useMemo } from 'react';
import { compareSentence } from '../../../core/present/compare-sentence.js';
import { Fold } from '../components/fold.js';
import type { PairComparison, RunSetComparison } from '../../../core/api/run-comparison.js';
import { latencyCdfSpec, latencyHistogramsSpec, tradeoffSpec } from '../../../core/present/charts/latency-cdf.js';
import { VegaChart } from '../charts/vega-chart.js';
import { ErrorNotice } from '../components/error-notice.js';
import { ExportPanel } from '../components/export-panel.js';
import { RunLink } from '../components/run-link.js';
import { formatPValue, formatRatio, formatRatioInterval } from '../../../core/present/compare-text.js';
import { formatLatencyOrRate, formatMs, formatPerSecond, NOT_MEASURED } from '../../../core/present/format-values.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';

const COMPARE_CHART = { widthPx: 620, heightPx: 240 };

/** A legend name short enough for a chart: the run's title and the tail of its id. */
function seriesName(run: { id: string; title: string }): string {
  return `${run.title} (${run.id.slice(-6)})`;
}

/**
 * Any number of runs against the first, answer first: the sentence each comparison comes down to,
 * the runs, their overlaid latency CDFs and histograms at the window's width and the tradeoff chart
 * with its Pareto front, then each pair's table of deltas (the rank test, each percentile's
 * change with its interval) folded below.
 */
export function CompareScreen({ runIds, onPickRuns }: { runIds: string[]; onPickRuns: () => void }) {
  const lab = useLab();
  const load = useCall(useCallback((ids: string[]) => lab.compareRuns(ids), [lab]));
  const { run: compare } = load;
  const key = runIds.join(',');
  useEffect(() => {
    if (runIds.length >= 2) void compare(runIds);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps

  if (runIds.length < 2) {
    return (
      <section aria-labelledby="compare-heading">
        <h1 id="compare-heading">Compare</h1>
        <p>Select two or more runs in History; the first one selected is the baseline.</p>
        <button type="button" onClick={onPickRuns}>Go to History</button>
      </section>
    );
  }
  return (
    <section aria-labelledby="compare-heading">
      <h1 id="compare-heading">Compare <span className="muted">{runIds.length} runs</span></h1>
      <ErrorNotice error={load.error} />
      {load.busy ? <p aria-live="polite">Comparing…</p> : null}
      {load.result && !load.busy ? <ComparisonView data={load.result} /> : null}
      <ExportPanel runIds={runIds} />
    </section>
  );
}

function ComparisonView({ data }: { data: RunSetComparison }) {
  const series = useMemo(() => data.runs.filter((r) => r.samplesMs.length > 0).map((r) => ({ run: seriesName(r), samplesMs: r.samplesMs })), [data]);
  const cdf = useMemo(() => latencyCdfSpec(series, COMPARE_CHART), [series]);
  const histograms = useMemo(() => latencyHistogramsSpec(series, COMPARE_CHART), [series]);
  const tradeoff = useMemo(() => tradeoffSpec(data.tradeoff, COMPARE_CHART), [data]);
  const download = () => {
    const url = URL.createObjectURL(new Blob([data.text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `edgelab-compare-${data.baselineId}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <>
      <CompareAnswer data={data} />
      <table className="runs compare-runs">
        <caption>Runs (the first is the baseline)</caption>
        <thead><tr><th scope="col">Run</th><th scope="col">Title</th><th scope="col">Provider</th><th scope="col" className="num">Samples</th><th scope="col" className="num">p50 ms</th><th scope="col">Median interval</th><th scope="col" className="num">p99 ms</th><th scope="col" className="num">Throughput /s</th></tr></thead>
        <tbody>
          {data.runs.map((r) => (
            <tr key={r.id} className={r.id === data.baselineId ? 'baseline' : undefined}>
              <td><RunLink runId={r.id} />{r.id === data.baselineId ? <span className="badge">baseline</span> : null}</td>
              <td>{r.title}{r.state !== 'completed' ? <span className={`state state-${r.state}`}>{r.state}</span> : null}{r.unit ? <div className="muted unit">unit {r.unit}</div> : null}</td>
              <td>{r.executionProvider ?? '–'}</td>
              <td className="num">{r.samplesMs.length}</td>
              <td className="num">{formatMs(r.p50Ms)}</td>
              <td className="nowrap">{r.medianInterval ? `${formatMs(r.medianInterval.lowMs)} – ${formatMs(r.medianInterval.highMs)} ms (${Math.round(r.medianInterval.confidence * 100)} %)` : '–'}</td>
              <td className="num">{formatMs(r.p99Ms)}</td>
              <td className="num">{r.throughputPerS === null ? NOT_MEASURED : formatPerSecond(r.throughputPerS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.skipped.length > 0 ? <ul className="warnings">{data.skipped.map((s) => <li key={s.id}>Not tested: <RunLink runId={s.id} /> {s.reason}</li>)}</ul> : null}
      <h2>Latency distributions</h2>
      <div className="charts pair-of-charts">
        <VegaChart spec={cdf} label={`Latency CDFs of ${series.length} runs`} />
        <VegaChart spec={histograms} label={`Latency histograms of ${series.length} runs, overlaid`} />
      </div>
      <h2>Tradeoff</h2>
      {data.tradeoff.length >= 2 ? (
        <>
          <VegaChart spec={tradeoff} label={`Tradeoff of ${data.tradeoff.length} variants, ${data.tradeoff.filter((t) => t.pareto).length} on the Pareto front`} />
          <p className="muted">A variant is a model file on an execution provider: the baseline's is the baseline run itself, every other its latest bench run among these. Pareto-optimal: no other variant is at least as good on every objective measured for all of them and better on one.</p>
        </>
      ) : (
        <p className="muted">These runs are one variant (one model file on one provider): nothing to trade off. Compare runs of different model files or providers to see the front.</p>
      )}
      <h2>Against the baseline</h2>
      {data.pairs.map((pair, i) => (
        <Fold key={pair.b.id} id={i === 0 ? 'compare-first-pair' : 'compare-other-pairs'} headingId={`pair-${pair.b.id}`} title={`${pair.b.title} against ${pair.a.title}`} hint={pair.warnings.length > 0 ? `${pair.warnings.length} difference${pair.warnings.length === 1 ? '' : 's'} between the runs` : 'like for like'} defaultOpen={i === 0} className="pair-fold">
          <PairTable pair={pair} />
        </Fold>
      ))}
      {data.statedPairs.map((pair) => (
        <Fold key={pair.b.id} id="compare-stated-pairs" headingId={`stated-pair-${pair.b.id}`} title={`${pair.b.title} against ${pair.a.title}, as stated`} defaultOpen={data.pairs.length === 0} className="pair-fold">
          <StatedPairTable pair={pair} />
        </Fold>
      ))}
      <div className="row">
        <button type="button" onClick={download}>Download the comparison as text</button>
      </div>
    </>
  );
}

/**
 * The sentence each comparison comes down to, the first pair's large: worded by
 * core/present/compare-sentence from the comparison's own test and intervals.
 */
function CompareAnswer({ data }: { data: RunSetComparison }) {
  const sentences = useMemo(() => data.pairs.map((pair) => ({ id: pair.b.id, ...compareSentence(pair) })), [data]);
  const [first, ...others] = sentences;
  if (!first && data.statedPairs.length === 0) return null;
  return (
    <section className="headline compare-answer" aria-label="Answer">
      {first ? <p className={`compare-sentence compare-${first.direction}`}>{first.text}</p> : null}
      {others.length > 0 || data.statedPairs.length > 0 ? (
        <ul className="compare-sentences">
          {others.map((s) => <li key={s.id} className={`compare-${s.direction}`}>{s.text}</li>)}
          {data.statedPairs.map((p) => <li key={p.b.id}>{p.b.title} against {p.a.title}: figures as the tools stated them, side by side below; no samples on the summary-only side, so no test and no interval.</li>)}
        </ul>
      ) : null}
    </section>
  );
}

function PairTable({ pair }: { pair: PairComparison }) {
  const t = pair.test;
  return (
    <section className="pair" aria-label={`${pair.b.title} against ${pair.a.title}`}>
      <table className="deltas">
        <caption>
          <RunLink runId={pair.b.id}>{pair.b.title}</RunLink> against the baseline: {t.name} p {formatPValue(t.pValue)},{' '}
          {t.significant ? `significant at α = ${t.alpha}, ${t.faster === 'b' ? 'this run is faster' : t.faster === 'a' ? 'the baseline is faster' : 'no direction'}` : `no significant difference at α = ${t.alpha}`}
        </caption>
        <thead><tr><th scope="col">Metric</th><th scope="col" className="num">Baseline</th><th scope="col" className="num">This run</th><th scope="col" className="num">This run / baseline</th><th scope="col" className="num">95 % interval</th><th scope="col">Verdict</th></tr></thead>
        <tbody>
          {pair.metrics.map((m) => (
            <tr key={m.metric} className={`change-${m.change.replaceAll(' ', '-')}`}>
              <th scope="row">{m.metric === 'p999' ? 'p99.9' : m.metric === 'coldStart' ? 'cold start' : m.metric}</th>
              <td className="num">{formatLatencyOrRate(m.a, m.unit)}</td>
              <td className="num">{formatLatencyOrRate(m.b, m.unit)}</td>
              <td className="num">{formatRatio(m.ratio)}</td>
              <td className="num nowrap">{formatRatioInterval(m.ratioInterval)}</td>
              <td>{m.change}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair.warnings.length > 0 ? <ul className="warnings">{pair.warnings.map((w) => <li key={w.code}><strong>{w.message}</strong> <span className="advice">{w.advice}</span></li>)}</ul> : null}
    </section>
  );
}
