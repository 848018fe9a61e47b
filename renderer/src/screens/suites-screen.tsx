import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SuiteRunOptions, SuiteRunView } from '../../../core/api/suite-run.js';
import { ErrorNotice } from '../components/error-notice.js';
import { RunLink } from '../components/run-link.js';
import { StatusMark } from '../components/status-mark.js';
import { useLab } from '../lab-context.js';
import { useCall } from '../use-call.js';
import { describeQueued } from '../queue-words.js';
import { saveText } from '../components/save-text.js';
import { SuiteOptionsFields, SuiteOutputs, suiteOptions, type SuiteOptionValues } from './suite-options.js';

/**
 * A benchmark suite file (YAML or JSON, the RunSpecs `edgelab run` reads) run from the app: each
 * entry measured in the runner and recorded, then the entries' outcomes and the JUnit XML a CI
 * job would read, to look at and to save.
 */
export function SuitesScreen() {
  const lab = useLab();
  const [file, setFile] = useState('');
  const [options, setOptions] = useState<SuiteOptionValues>({ check: false, report: '', trackingUri: '', experiment: '' });
  const [phase, setPhase] = useState('');
  const suite = useCall(useCallback((path: string, request: SuiteRunOptions) => lab.runSuite(path, request), [lab]));
  const { busy } = suite;
  useEffect(() => {
    if (!busy) return;
    // The entry measuring is the one after the last that ended.
    let ended = 0;
    let of = 0;
    return lab.onEvent((event) => {
      const entry = `Entry ${ended + 1}${of ? ` of ${of}` : ''}`;
      if (event.type === 'suite-entry') {
        ended = event.entry.index + 1;
        of = event.of;
      } else if (event.type === 'phase') setPhase(`${entry}: ${event.phase}${event.detail && event.phase !== 'load' ? ` (${event.detail})` : ''}`);
      else if (event.type === 'queued') setPhase(`${entry}: ${describeQueued(event)}`);
    });
  }, [lab, busy]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPhase('');
    if (file.trim() !== '') void suite.run(file.trim(), suiteOptions(options));
  };
  return (
    <section aria-labelledby="suites-heading">
      <h1 id="suites-heading">Suites</h1>
      <p className="muted">A suite file lists runs (model, inputs, scenario, targets) as <code>edgelab run SUITE.yaml</code> reads it; each entry is recorded and tagged <code>suite:NAME</code>.</p>
      <form className="stack" aria-label="Run a suite" onSubmit={submit}>
        <div className="row">
          <label htmlFor="suite-file">Suite file (.yaml or .json)</label>
          <input id="suite-file" type="text" className="path wide" value={file} onChange={(e) => setFile(e.target.value)} spellCheck={false} placeholder="/repo/bench/gate.yaml" data-request-field="runSuite.file" />
          <button type="submit" className="primary" disabled={busy}>{options.check ? 'Check the suite' : 'Run the suite'}</button>
        </div>
        <SuiteOptionsFields values={options} onChange={setOptions} />
      </form>
      {busy ? <p role="status" aria-live="polite">Running the suite… {phase}</p> : null}
      <ErrorNotice error={suite.error} />
      {suite.result && !busy ? <SuiteResult result={suite.result} /> : null}
    </section>
  );
}

function SuiteResult({ result }: { result: SuiteRunView }) {
  if (result.checked) {
    return (
      <section aria-labelledby="suite-result-heading">
        <h2 id="suite-result-heading">{result.name} <span className="muted">{result.file}</span></h2>
        <p role="status">The suite is valid: {result.runs} run{result.runs === 1 ? '' : 's'}, nothing measured or recorded.</p>
      </section>
    );
  }
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
      <SuiteOutputs result={result} />
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
