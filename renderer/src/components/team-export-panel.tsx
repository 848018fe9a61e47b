import { useCallback, useState, type FormEvent } from 'react';
import type { DvcExportResult, MlflowExportResult } from '../../../core/api/team-export.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { ErrorNotice } from './error-notice.js';

// The last server and folder are remembered in this browser profile: a team uses the same ones every day.
const MLFLOW_URI_KEY = 'edgelab.mlflow.trackingUri';
const DVC_DIR_KEY = 'edgelab.dvc.dir';

function remembered(key: string, fallback: string): string {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // A profile without storage just forgets; the export itself is unaffected.
  }
}

/**
 * Sends the selected runs to a team's tools through LabApi: an MLflow tracking server (each run
 * once per experiment; credentials come from the lab's environment, never from this form) and DVC
 * files written into a folder of a model repo on the lab's machine.
 */
export function TeamExportPanel({ runIds }: { runIds: string[] }) {
  const lab = useLab();
  const [trackingUri, setTrackingUri] = useState(() => remembered(MLFLOW_URI_KEY, ''));
  const [experiment, setExperiment] = useState('edgelab');
  const [allRuns, setAllRuns] = useState(false);
  const [dir, setDir] = useState(() => remembered(DVC_DIR_KEY, ''));
  const mlflow = useCall(useCallback((uri: string, name: string, all: boolean) =>
    lab.exportMlflow({ ids: all ? [] : runIds, trackingUri: uri, ...(name ? { experiment: name } : {}), ...(all ? { all: true } : {}) }), [lab, runIds]));
  const dvc = useCall(useCallback((folder: string) => lab.exportDvc({ dir: folder, ids: runIds }), [lab, runIds]));

  const sendToMlflow = (e: FormEvent) => {
    e.preventDefault();
    remember(MLFLOW_URI_KEY, trackingUri.trim());
    void mlflow.run(trackingUri.trim(), experiment.trim(), allRuns);
  };
  const writeDvc = (e: FormEvent) => {
    e.preventDefault();
    remember(DVC_DIR_KEY, dir.trim());
    void dvc.run(dir.trim());
  };

  return (
    <section aria-labelledby="team-export-heading" className="team-export">
      <h3 id="team-export-heading">Team tools</h3>
      <form className="row" aria-label="Send to MLflow" onSubmit={sendToMlflow}>
        <label htmlFor="mlflow-uri">MLflow tracking server</label>
        <input id="mlflow-uri" type="url" required data-request-field="exportMlflow.request.trackingUri" placeholder="http://mlflow.internal:5000" value={trackingUri} onChange={(e) => setTrackingUri(e.target.value)} />
        <label htmlFor="mlflow-experiment">Experiment</label>
        <input id="mlflow-experiment" type="text" data-request-field="exportMlflow.request.experiment" value={experiment} onChange={(e) => setExperiment(e.target.value)} />
        <input id="mlflow-all" type="checkbox" data-request-field="exportMlflow.request.all" checked={allRuns} onChange={(e) => setAllRuns(e.target.checked)} />
        <label htmlFor="mlflow-all">Every run in the workspace</label>
        <button type="submit" disabled={mlflow.busy || (runIds.length === 0 && !allRuns) || trackingUri.trim() === ''}>{mlflow.busy ? 'Sending…' : 'Send to MLflow'}</button>
      </form>
      {mlflow.result && !mlflow.busy ? <MlflowOutcome result={mlflow.result} /> : null}
      <ErrorNotice error={mlflow.error} />
      <form className="row" aria-label="Write DVC files" onSubmit={writeDvc}>
        <label htmlFor="dvc-dir">DVC folder</label>
        <input id="dvc-dir" type="text" required data-request-field="exportDvc.request.dir" placeholder="/path/to/model-repo/perf" value={dir} onChange={(e) => setDir(e.target.value)} />
        <button type="submit" disabled={dvc.busy || runIds.length === 0 || dir.trim() === ''}>Write DVC files</button>
      </form>
      {dvc.result && !dvc.busy ? <DvcOutcome result={dvc.result} /> : null}
      <ErrorNotice error={dvc.error} />
    </section>
  );
}

function MlflowOutcome({ result }: { result: MlflowExportResult }) {
  const sent = result.runs.filter((r) => r.outcome === 'exported').length;
  return (
    <div aria-live="polite" aria-label="MLflow result">
      <p className="muted">{sent} sent, {result.runs.length - sent} already there — experiment “{result.experimentName}” on {result.trackingUri}</p>
      <ul className="team-export-runs">
        {result.runs.map((r) => (
          <li key={r.runId}>
            <code>{r.runId}</code> {r.outcome === 'exported' ? 'sent' : 'already there'} · <a href={r.url} target="_blank" rel="noreferrer">open in MLflow</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DvcOutcome({ result }: { result: DvcExportResult }) {
  return (
    <div aria-live="polite" aria-label="DVC result">
      <p className="muted">
        Wrote {result.runs.map((r) => r.key).join(', ')} to <code>{result.dir}</code>
        {result.removed.length ? ` (removed ${result.removed.length} files of runs no longer exported)` : ''}
        {result.leftOver.length ? ` (left in place: ${result.leftOver.map((l) => `${l.file}, ${l.why}`).join('; ')})` : ''}.{' '}
        {result.templateInstalledAt ? 'Review with `dvc metrics diff` and `dvc plots show`.' : 'No .dvc folder above it: run `dvc init` in the repository and write again, so `dvc plots show` finds the CDF template.'}
      </p>
      <p className="muted">Ledger head to pin: <code>{result.ledgerHead ?? 'none (empty ledger)'}</code>{result.signedHead ? <> · signed head <code>{result.signedHead}</code></> : null}</p>
    </div>
  );
}
