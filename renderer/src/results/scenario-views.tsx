import { maxQpsAnswer } from '../../../core/present/max-qps-answer.js';
import { formatCount, formatDecimal, formatMs, formatPercent, formatPerSecond } from '../format.js';
import type { MaxQpsExtras, PerSampleExtras, ServerExtras, ThroughputExtras, TrialsExtras } from './extras-shapes.js';

function FigureTable({ caption, rows }: { caption: string; rows: Array<[string, string]> }) {
  return (
    <table className="stats">
      <caption>{caption}</caption>
      <tbody>{rows.map(([name, value]) => <tr key={name}><th scope="row">{name}</th><td>{value}</td></tr>)}</tbody>
    </table>
  );
}

/** MLPerf Offline-like load: how many requests were in flight, over how many sessions. */
export function ThroughputView({ throughput: t, throughputPerS }: { throughput: ThroughputExtras; throughputPerS: number | null }) {
  return (
    <div className="extras">
      <FigureTable caption="Load" rows={[['Concurrency', `${t.concurrency} inferences in flight`], ['Sessions', String(t.sessions)], ...(throughputPerS !== null ? [['Throughput', formatPerSecond(throughputPerS)] as [string, string]] : [])]} />
      <p className="muted">Latency is per inference under that load, throughput over the whole run (MLPerf Offline's samples/s).</p>
    </div>
  );
}

export function ServerView({ server: s }: { server: ServerExtras }) {
  return (
    <div className="extras">
      <FigureTable
        caption="Arrivals and rate"
        rows={[
          ['Target rate', `${formatDecimal(s.targetQps)} QPS${s.foundBy ? ` (${s.foundBy}${s.bound ? ` for ${s.bound}` : ''})` : ''}`],
          ['Achieved rate', `${formatDecimal(s.achievedQps)} QPS`],
          ['Queries', `${formatCount(s.completedQueries)} of ${formatCount(s.scheduledQueries)} scheduled completed`],
          ['Sessions', String(s.sessions)],
          ['Issue lag', `p50 ${formatMs(s.issueLagMs.p50)} ms, p99 ${formatMs(s.issueLagMs.p99)} ms, max ${formatMs(s.issueLagMs.max)} ms`],
          ['Latency counted from', s.latencyFrom],
        ]}
      />
      <p className="muted">Queries arrive on a seeded Poisson schedule, as MLPerf LoadGen's Server scenario; latency includes any wait behind earlier queries.</p>
    </div>
  );
}

export function MaxQpsView({ maxQps: m }: { maxQps: MaxQpsExtras }) {
  const answer = maxQpsAnswer(m, { rate: formatDecimal, ms: formatMs, count: formatCount });
  const confirmations = m.confirmations ?? [];
  return (
    <div className="extras">
      <p className="finding"><strong>{answer}</strong></p>
      <table>
        <caption>Search trials, in order</caption>
        <thead><tr><th scope="col" className="num">QPS</th><th scope="col" className="num">Queries</th><th scope="col" className="num">Observed (ms)</th><th scope="col">Result</th></tr></thead>
        <tbody>
          {m.trials.map((t, i) => (
            <tr key={i}>
              <td className="num">{formatDecimal(t.qps)}</td>
              <td className="num">{formatCount(t.queries)}</td>
              <td className="num">{t.observedMs === null ? '–' : formatMs(t.observedMs)}</td>
              <td><span className={`verdict verdict-${t.passed ? 'pass' : 'fail'}`}>{t.passed ? 'pass' : 'fail'}</span>{t.stoppedEarly ? ' stopped early' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirmations.length > 0 ? (
        <table>
          <caption>Confirmation: full-length runs</caption>
          <thead><tr><th scope="col" className="num">QPS</th><th scope="col" className="num">Queries</th><th scope="col" className="num">Observed (ms)</th><th scope="col" className="num">95 % interval (ms)</th><th scope="col">Result</th></tr></thead>
          <tbody>
            {confirmations.map((c, i) => (
              <tr key={i}>
                <td className="num">{formatDecimal(c.qps)}</td>
                <td className="num">{formatCount(c.queries)}</td>
                <td className="num">{c.observedMs === null ? '–' : formatMs(c.observedMs)}</td>
                <td className="num">{c.intervalLowMs === null || c.intervalHighMs === null ? 'too few queries' : `${formatMs(c.intervalLowMs)}–${formatMs(c.intervalHighMs)}`}</td>
                <td><span className={`verdict verdict-${c.status === 'pass' ? 'pass' : c.status === 'fail' ? 'fail' : 'inconclusive'}`}>{c.status}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">{m.method}</p>
    </div>
  );
}

export function TrialsView({ trials: t }: { trials: TrialsExtras }) {
  const ci = t.medianOfTrialsMs;
  const interval = ci.exact ? `${Math.round(ci.confidence * 100)} % CI ${formatMs(ci.low)} to ${formatMs(ci.high)} ms` : 'no interval from fewer than 2 trials';
  return (
    <div className="extras">
      <p>
        {t.count} trials: median {formatMs(ci.mean)} ms on average ({interval}). Variation between trials' medians {formatPercent(t.betweenTrialCv)}, within a trial {formatPercent(t.withinTrialCv)}
        {t.betweenTrialCv > t.withinTrialCv ? ': something shifts between trials (clocks, caches, other load), so one trial\'s interval understates the uncertainty.' : '.'}
      </p>
      <table>
        <caption>Per trial</caption>
        <thead><tr>{['Trial', 'Iterations', 'Median (ms)', 'CV', 'Throughput'].map((c) => <th key={c} scope="col" className="num">{c}</th>)}</tr></thead>
        <tbody>
          {t.trials.map((trial) => (
            <tr key={trial.index}>
              <td className="num">{trial.index + 1}</td>
              <td className="num">{formatCount(trial.iterations)}</td>
              <td className="num">{formatMs(trial.medianMs)}</td>
              <td className="num">{formatPercent(trial.coefficientOfVariation)}</td>
              <td className="num">{formatPerSecond(trial.throughputPerS)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PerSampleView({ perSample: p }: { perSample: PerSampleExtras }) {
  return (
    <div className="extras">
      <table>
        <caption>Per sample of batch {p.batchDim}={p.batchSize} (ms)</caption>
        <thead><tr><th scope="col" className="num">mean</th><th scope="col" className="num">p50</th><th scope="col" className="num">p99</th></tr></thead>
        <tbody><tr><td className="num">{formatMs(p.meanMs)}</td><td className="num">{formatMs(p.p50Ms)}</td><td className="num">{formatMs(p.p99Ms)}</td></tr></tbody>
      </table>
      <p className="muted">Each inference's latency divided by the batch size: the cost of one sample, not how long one waits.</p>
    </div>
  );
}
