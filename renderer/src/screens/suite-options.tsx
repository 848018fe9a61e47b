import type { SuiteRunOptions, SuiteRunView } from '../../../core/api/suite-run.js';
import { saveText } from '../components/save-text.js';

/** What `edgelab run` does besides running the entries (`--check`, `--report`, `--mlflow`), as the form holds it. */
export interface SuiteOptionValues {
  check: boolean;
  report: '' | NonNullable<SuiteRunOptions['report']>;
  trackingUri: string;
  experiment: string;
}

const REPORT_FORMATS: { value: SuiteOptionValues['report']; label: string }[] = [
  { value: '', label: 'none' },
  { value: 'md', label: 'Markdown' },
  { value: 'html', label: 'HTML' },
  { value: 'json', label: 'JSON' },
  { value: 'csv', label: 'CSV' },
  { value: 'junit', label: 'JUnit XML' },
];

/** The request's options from the form: an empty field is "not asked for". */
export function suiteOptions(values: SuiteOptionValues): SuiteRunOptions {
  if (values.check) return { check: true };
  const uri = values.trackingUri.trim();
  const experiment = values.experiment.trim();
  return {
    ...(values.report !== '' ? { report: values.report } : {}),
    ...(uri !== '' ? { mlflow: { trackingUri: uri, ...(experiment !== '' ? { experiment } : {}) } } : {}),
  };
}

export function SuiteOptionsFields({ values, onChange }: { values: SuiteOptionValues; onChange: (values: SuiteOptionValues) => void }) {
  const set = <K extends keyof SuiteOptionValues>(key: K, value: SuiteOptionValues[K]) => onChange({ ...values, [key]: value });
  return (
    <fieldset className="stack">
      <legend>Besides the runs</legend>
      <label className="inline">
        <input type="checkbox" checked={values.check} onChange={(e) => set('check', e.target.checked)} data-request-field="runSuite.options.check" /> Only check the file (measure and record nothing)
      </label>
      <div className="row">
        <label htmlFor="suite-report">Report of the suite's runs</label>
        <select id="suite-report" value={values.report} disabled={values.check} onChange={(e) => set('report', e.target.value as SuiteOptionValues['report'])} data-request-field="runSuite.options.report">
          {REPORT_FORMATS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
        </select>
      </div>
      <div className="row">
        <label htmlFor="suite-mlflow">Export the runs to MLflow (tracking server, optional)</label>
        <input id="suite-mlflow" type="text" className="path" value={values.trackingUri} disabled={values.check} onChange={(e) => set('trackingUri', e.target.value)} spellCheck={false} placeholder="http://mlflow.internal:5000" data-request-field="runSuite.options.mlflow.trackingUri" />
        <label htmlFor="suite-experiment">Experiment</label>
        <input id="suite-experiment" type="text" value={values.experiment} disabled={values.check || values.trackingUri.trim() === ''} onChange={(e) => set('experiment', e.target.value)} spellCheck={false} placeholder="edgelab" data-request-field="runSuite.options.mlflow.experiment" />
      </div>
    </fieldset>
  );
}

/** The report and the MLflow export the suite was asked for, after its table. */
export function SuiteOutputs({ result }: { result: SuiteRunView }) {
  const { report, mlflow } = result;
  return (
    <>
      {report ? (
        <div className="row">
          <h3>Report</h3>
          <button type="button" onClick={() => saveText(report.fileName, report.content, report.mediaType)}>Save {report.fileName}</button>
        </div>
      ) : null}
      {mlflow ? (
        <p role="status" aria-label="MLflow export">
          {mlflow.error === null
            ? `MLflow: ${mlflow.runs} run${mlflow.runs === 1 ? '' : 's'} in experiment "${mlflow.experimentName}" on ${mlflow.trackingUri}.`
            : `MLflow export failed: ${mlflow.error.message}${mlflow.error.hint ? ` ${mlflow.error.hint}` : ''} The suite's runs are recorded; export them later from History.`}
        </p>
      ) : null}
    </>
  );
}
