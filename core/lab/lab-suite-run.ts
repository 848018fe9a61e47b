import { isLabError, toErrorInfo } from '../api/errors.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { RunRecord } from '../api/run-record.js';
import type { SuiteEntryView, SuiteMlflowView, SuiteRunOptions, SuiteRunView } from '../api/suite-run.js';
import { parseTrackingUri, trackingAuthorization } from '../export/mlflow/tracking-auth.js';
import { exportToMlflow } from '../export/team-export.js';
import { edgelabVersion } from '../package-root.js';
import { exporters, renderReport } from '../report/index.js';
import { headPins } from '../report/junit.js';
import { renderSuiteJunit } from '../report/junit-suite.js';
import type { AccuracyCheck } from '../suite/accuracy-entry.js';
import { loadSuite, type Suite } from '../suite/parse-suite.js';
import { judgeSuiteEntry, suiteExitCode, type SuiteEntryResult } from '../suite/run-suite.js';
import type { BatchLab } from './lab-batch-runs.js';

/**
 * Runs a suite file entry by entry in the runner process, as `edgelab run` runs it: each entry is
 * recorded, tagged `suite:NAME` with `extras.suite`, and an entry that is refused does not stop the
 * others; a cancelled one stops the suite. Each entry is told through `onEvent` as it ends. Returns
 * when the last entry is saved, with the JUnit XML of the runs and, as asked, a report and an MLflow
 * export. Everything that can be refused (the file, the report format, the tracking server's
 * address and credentials) is refused before the first entry runs.
 */
export async function runSuiteInLab(lab: BatchLab, file: string, options: SuiteRunOptions = {}): Promise<SuiteRunView> {
  const request = LabRequestSchemas.runSuite.parse({ file, options });
  const suite = await loadSuite(request.file);
  const { mlflow } = request.options;
  if (mlflow) {
    parseTrackingUri(mlflow.trackingUri);
    trackingAuthorization(lab.env);
  }
  const plan = { name: suite.name, file: suite.file, sha256: suite.sha256, runs: suite.entries.length, models: suite.entries.map((e) => (e.kind === 'run' ? e.spec.model : e.request.model)) };
  if (request.options.check) return { ...plan, checked: true, entries: [], junit: null, exitCode: 0, report: null, mlflow: null };

  const results = await runEntries(lab, suite);
  const records = results.flatMap((r) => (r.record ? [r.record] : []));
  const pin = await lab.workspace.headPin();
  // Refused entries too, as `edgelab run --junit` writes it: a JUnit that left them out would count the suite green.
  const junit = { fileName: `${suite.name}.junit.xml`, content: renderSuiteJunit(suite.name, results, headPins(pin)) };
  const format = request.options.report;
  const report = format && records.length > 0
    ? {
      fileName: `${suite.name}${exporters[format].extension}`,
      mediaType: exporters[format].mediaType,
      content: await renderReport(format, records, { generatedAt: new Date(), edgelabVersion: edgelabVersion(), title: `Suite ${suite.name}`, ...pin }),
    }
    : null;
  return {
    ...plan,
    checked: false,
    entries: results.map(entryView),
    junit,
    exitCode: suiteExitCode(results, false),
    report,
    mlflow: mlflow && records.length > 0 ? await exportRuns(lab, records, mlflow) : null,
  };
}

async function runEntries(lab: BatchLab, suite: Suite): Promise<SuiteEntryResult[]> {
  const runDate = new Date().toISOString();
  // The same entry results `edgelab run` judges, so every face's exit status is the CLI's.
  const results: SuiteEntryResult[] = [];
  for (const [index, entry] of suite.entries.entries()) {
    const own = entry.kind === 'run' ? entry.spec.label : entry.request.label;
    const label = own ?? `${suite.name}[${index}]`;
    const extras = { suite: { name: suite.name, file: suite.file, sha256: suite.sha256, index, runDate } };
    let result: SuiteEntryResult;
    try {
      const { runId } = entry.kind === 'run'
        ? await lab.start({ ...entry.spec, label, tags: [...new Set([...entry.spec.tags, `suite:${suite.name}`])] }, extras)
        : await lab.startCheck(withReference(entry.request, label, results), extras);
      await lab.settled(runId);
      result = judgeSuiteEntry(index, label, await lab.workspace.getRun(runId));
    } catch (e) {
      if (!isLabError(e)) throw e;
      result = { index, label, record: null, error: toErrorInfo(e), verdict: 'error' };
    }
    results.push(result);
    lab.emit({ type: 'suite-entry', runId: result.record?.id ?? '', suite: suite.name, of: suite.entries.length, entry: entryView(result) });
    // A cancelled entry was stopped by someone (Ctrl-C, the app's Cancel): the rest of the suite is not run.
    if (result.verdict === 'cancelled') break;
  }
  return results;
}

/** An accuracy pass's reference may name an earlier entry of the suite by its label: that entry's run. */
function withReference(request: AccuracyCheck, label: string, earlier: readonly SuiteEntryResult[]): AccuracyCheck {
  const named = request.reference ? earlier.find((r) => r.label === request.reference) : undefined;
  return { ...request, label, ...(named?.record ? { reference: named.record.id } : {}) };
}

function entryView(result: SuiteEntryResult): SuiteEntryView {
  const { index, label, record, error } = result;
  return {
    index, label,
    runId: record?.id ?? null,
    state: record?.state ?? 'refused',
    verdict: result.verdict === 'error' || result.verdict === 'cancelled' ? null : result.verdict,
    error,
  };
}

/** A failed export does not hide the suite's verdict: the answer says why, and the runs stay recorded. */
async function exportRuns(lab: BatchLab, records: readonly RunRecord[], mlflow: NonNullable<SuiteRunOptions['mlflow']>): Promise<SuiteMlflowView> {
  const runIds = records.map((r) => r.id);
  try {
    const result = await exportToMlflow(lab.workspace, { ids: runIds, trackingUri: mlflow.trackingUri, ...(mlflow.experiment !== undefined ? { experiment: mlflow.experiment } : {}) }, lab.env);
    return { runIds, trackingUri: result.trackingUri, experimentName: result.experimentName, runs: result.runs.length, error: null };
  } catch (e) {
    if (!isLabError(e)) throw e;
    return { runIds, trackingUri: mlflow.trackingUri, error: e.hint ? { message: e.message, hint: e.hint } : { message: e.message } };
  }
}
