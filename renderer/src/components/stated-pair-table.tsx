import type { StatedPairView } from '../../../core/api/run-comparison.js';
import { formatLatencyOrRate, formatPercent } from '../../../core/present/format-values.js';
import { RunLink } from './run-link.js';

/**
 * A pair where one run is summary-only (an OpenVINO benchmark_app import): the figures both runs
 * state, side by side with their ratio, tested by nothing, and what one side does not state.
 */
export function StatedPairTable({ pair }: { pair: StatedPairView }) {
  return (
    <section className="pair" aria-label={`${pair.b.title} against ${pair.a.title}, as stated`}>
      <table className="deltas">
        <caption>
          <RunLink runId={pair.b.id}>{pair.b.title}</RunLink> against the baseline, as stated: no samples on the summary-only side, so no test
        </caption>
        <thead><tr><th scope="col">Metric</th><th scope="col" className="num">Baseline</th><th scope="col" className="num">This run</th><th scope="col" className="num">Change</th><th scope="col">Verdict</th></tr></thead>
        <tbody>
          {pair.metrics.map((m) => (
            <tr key={m.metric}>
              <th scope="row">{m.metric}</th>
              <td className="num">{formatLatencyOrRate(m.a, m.unit)}</td>
              <td className="num">{formatLatencyOrRate(m.b, m.unit)}</td>
              <td className="num">{m.ratio >= 1 ? '+' : ''}{formatPercent(m.ratio - 1)}</td>
              <td>not tested</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pair.notStated.length > 0 ? <p className="muted">Not stated by one side, so not compared: {pair.notStated.join(', ')}.</p> : null}
      {pair.warnings.length > 0 ? <ul className="warnings">{pair.warnings.map((w) => <li key={w.code}><strong>{w.message}</strong> <span className="advice">{w.advice}</span></li>)}</ul> : null}
    </section>
  );
}
