import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SuiteRunView } from '../../../core/api/suite-run.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { StatusMark } from '../components/status-mark.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { describeQueued } from '../queue-words.js';

function saveText(fileName: string, content: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * A benchmark suite file (YAML or JSON, the RunSpecs `edgelab run` reads) run from the app: each
 * entry measured in the runner and recorded, then the entries' outcomes and the JUnit XML a CI
 * job would read, to look at and to save.
 */
export function SuitesScreen() {
  const lab = useLab();
  const [file, setFile] = useState('');
  const [phase, setPhase] = useState('');
  const suite = useCall(useCallback((path: string) => lab.runSuite(path), [lab]));
  const { busy } = suite;
  useEffect(() => {
    if (!busy) return;
    let runs = 0;
    const seen = new Set<string>();
    return lab.onEvent((event) => {
      if (!seen.has(event.runId)) {
        seen.add(event.runId);
        runs += 1;
      }
      if (event.type === 'phase') setPhase(`Entry ${runs}: ${event.phase}${event.detail && event.phase !== 'load' ? ` (${event.detail})` : ''}`);
      else if (event.type === 'queued') setPhase(`Entry ${runs}: ${describeQueued(event)}`);
    });
  }, [lab, busy]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPhase('');
    if (file.trim() !== '') void suite.run(file.trim());
  };
  return (
    <section aria-labelledby="suites-heading">
      <h1 id="suites-heading">Suites</h1>
      <p className="muted">A suite file lists runs (model, inputs, scenario, targets) as <code>edgelab run SUITE.yaml</code> reads it; each entry is recorded and tagged <code>suite:NAME</code>.</p>
      <form className="row" onSubmit={submit}>
        <label htmlFor="suite-file">Suite file (.yaml or .json)</label>
        <input id="suite-file" data-request-field="runSuite.file" type="text" className="path wide" value={file} onChange={(e) => setFile(e.target.value)} spellCheck={false} placeholder="/repo/bench/gate.yaml" />
        <button type="submit" className="primary" disabled={busy}>Run the suite</button>
      </form>
      {busy ? <p role="status" aria-live="polite">Running the suite… {phase}</p> : null}
      <ErrorNotice error={suite.error} />
      {suite.result && !busy ? <SuiteResult result={suite.result} /> : null}
    </section>
  );
}

function SuiteResult({ result }: { result: SuiteRunView }) {
  return (
    <section aria-labelledby="suite-result-heading">
      <h2 id="suite-result-heading">{result.name} <span className="muted">{result.file}</span></h2>
      <p>
        {result.exitCode === 0 ? 'Every entry ran and met its targets' : 'Not every entry ran and met its targets'}: <code>edgelab run</code> would exit with {result.exitCode}.
      </p>
      <table className="runs">
        <thead><tr><th scope="col">#</th><th scope="col">Entry</th><th scope="col">Run</th><th scope="col">State</th><th scope="col">Targets</th><th scope="col">Why not</th></tr></thead>
        <tbody>
          {result.entries.map((e) => (
            <tr key={e.index}>
              <td className="num">{e.index + 1}</td>
              <td>{e.label}</td>
              <td className="nowrap">{e.runId ? <RunLink runId={e.runId} /> : '–'}</td>
              <td>{e.state === 'refused' ? <span className="state state-failed">refused</span> : <StatusMark status={e.state} />}</td>
              <td>{e.verdict === null || e.verdict === 'none' ? <span className="muted">{e.verdict === 'none' ? 'no targets' : '–'}</span> : <StatusMark status={e.verdict} />}</td>
              <td>{e.error ? <><span>{e.error.message}</span>{e.error.hint ? <span className="advice"> {e.error.hint}</span> : null}</> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.junit ? (
        <>
          <div className="row">
            <h3>JUnit XML</h3>
            <button type="button" onClick={() => result.junit && saveText(result.junit.fileName, result.junit.content, 'application/xml')}>Save {result.junit.fileName}</button>
          </div>
          <pre className="compare junit" aria-label="JUnit XML">{result.junit.content}</pre>
        </>
      ) : null}
    </section>
  );
}
