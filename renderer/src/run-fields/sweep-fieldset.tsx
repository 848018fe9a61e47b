import { useCallback, useEffect, useState } from 'react';
import type { RunSpecInput } from '../../../core/api/run-spec.js';
import type { SweepAxesRequest, SweepRunView } from '../../../core/api/sweep-run.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { StatusMark } from '../components/status-mark.js';
import { formatMs, formatPerSecond, NOT_MEASURED } from '../../../core/present/format-values.js';
import { errorInFormWords } from '../form-wording.js';
import { useLab } from '../lab-context.js';
import { routeHref } from '../routes.js';
import { useCall } from '../use-call.js';
import { describeQueued } from '../queue-words.js';

/** A list as typed (`1, 2, 4`); a mistyped entry becomes NaN for the schema to name. */
function numberList(text: string): number[] | undefined {
  const items = text.split(/[\s,]+/).filter((t) => t !== '');
  return items.length === 0 ? undefined : items.map((t) => (/^\d+$/.test(t) ? Number(t) : Number.NaN));
}

/**
 * `edgelab sweep` from the Run form: the form's run repeated over batch sizes, thread counts and
 * providers, each point a recorded run; then the points side by side with the best one marked.
 */
export function SweepFieldset({ spec, disabled, providers }: { spec: () => RunSpecInput; disabled: boolean; providers: string[] }) {
  const lab = useLab();
  const [batch, setBatch] = useState('');
  const [threads, setThreads] = useState('');
  const [eps, setEps] = useState('');
  const [batchDim, setBatchDim] = useState('');
  const [progress, setProgress] = useState('');
  const sweep = useCall(useCallback((s: RunSpecInput, axes: SweepAxesRequest) => lab.runSweep(s, axes), [lab]));
  const { busy } = sweep;
  useEffect(() => {
    if (!busy) return;
    const seen = new Set<string>();
    return lab.onEvent((event) => {
      seen.add(event.runId);
      if (event.type === 'phase') setProgress(`point ${seen.size}: ${event.phase}`);
      else if (event.type === 'queued') setProgress(`point ${seen.size}: ${describeQueued(event)}`);
    });
  }, [lab, busy]);
  const axes: SweepAxesRequest = {
    ...(numberList(batch) ? { batch: numberList(batch) } : {}),
    ...(numberList(threads) ? { threads: numberList(threads) } : {}),
    ...(eps.trim() ? { executionProviders: eps.split(/[\s,]+/).filter((e) => e !== '') as SweepAxesRequest['executionProviders'] } : {}),
  };
  const any = Object.keys(axes).length > 0;
  // As `edgelab sweep --dim NAME`: which symbolic dim the batch sizes set (default: the first input's first).
  if (batchDim.trim() !== '') axes.batchDim = batchDim.trim();
  return (
    <fieldset disabled={disabled || busy} className="sweep">
      <legend>Sweep (optional)</legend>
      <div className="field"><label htmlFor="sweep-batch">Batch sizes (e.g. 1, 4, 8)</label><input id="sweep-batch" type="text" className="mono" value={batch} onChange={(e) => setBatch(e.target.value)} data-request-field="runSweep.axes.batch" /></div>
      <div className="field"><label htmlFor="sweep-batch-dim">Batch dim (optional; default: the first symbolic dim of the first input)</label><input id="sweep-batch-dim" type="text" className="mono" value={batchDim} onChange={(e) => setBatchDim(e.target.value)} spellCheck={false} data-request-field="runSweep.axes.batchDim" /></div>
      <div className="field"><label htmlFor="sweep-threads">Intra-op thread counts (e.g. 1, 2, 4)</label><input id="sweep-threads" type="text" className="mono" value={threads} onChange={(e) => setThreads(e.target.value)} data-request-field="runSweep.axes.threads" /></div>
      <div className="field"><label htmlFor="sweep-eps">Execution providers (e.g. {providers.join(', ') || 'cpu'})</label><input id="sweep-eps" type="text" className="mono" value={eps} onChange={(e) => setEps(e.target.value)} data-request-field="runSweep.axes.executionProviders" /></div>
      <div className="row">
        <button type="button" disabled={!any || busy} onClick={() => void sweep.run(spec(), axes)}>Run the sweep</button>
        {busy ? <span role="status" aria-label="Sweep progress">Sweeping… {progress}</span> : null}
      </div>
      <ErrorNotice error={errorInFormWords(sweep.error)} />
      {sweep.result && !busy ? <SweepResult result={sweep.result} /> : null}
    </fieldset>
  );
}

function SweepResult({ result }: { result: SweepRunView }) {
  return (
    <section aria-label="Sweep result">
      <table className="runs">
        <caption>Sweep {result.sweepId}: {result.bestReason}</caption>
        <thead><tr><th scope="col">Point</th><th scope="col">Run</th><th scope="col">State</th><th scope="col" className="num">p50 ms</th><th scope="col" className="num">p99 ms</th><th scope="col" className="num">Rate</th><th scope="col">Targets</th></tr></thead>
        <tbody>
          {result.points.map((p) => (
            <tr key={p.runId} className={p.runId === result.bestRunId ? 'selected' : undefined}>
              <td>{p.point}{p.runId === result.bestRunId ? <span className="badge">best</span> : null}</td>
              <td className="nowrap"><RunLink runId={p.runId} /></td>
              <td><StatusMark status={p.state} /></td>
              <td className="num">{formatMs(p.p50Ms)}</td>
              <td className="num">{formatMs(p.p99Ms)}</td>
              <td className="num">{p.ratePerS === null ? NOT_MEASURED : formatPerSecond(p.ratePerS)}</td>
              <td>{p.verdict === null || p.verdict === 'none' ? <span className="muted">{p.verdict === 'none' ? 'no targets' : '–'}</span> : <StatusMark status={p.verdict} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.points.length >= 2 ? <a className="button-link" href={routeHref({ screen: 'compare', runIds: result.points.map((p) => p.runId) })}>Compare the points</a> : null}
    </section>
  );
}
