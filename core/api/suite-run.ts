/**
 * LabApi.runSuite: a suite file run from the app as `edgelab run SUITE.yaml` runs it, each entry a
 * recorded run tagged `suite:NAME`, and the JUnit XML `--junit` would write. Types only.
 */
export interface SuiteEntryView {
  index: number;
  label: string;
  /** null when the entry was refused before anything ran (its error says why). */
  runId: string | null;
  state: 'completed' | 'failed' | 'cancelled' | 'refused' | 'summary-only' | 'observed';
  /** The targets' verdict: pass / fail / inconclusive, or none without targets. */
  verdict: 'pass' | 'fail' | 'inconclusive' | 'none' | null;
  /** `kind` as core/api/errors.ts names it: usage and input are the suite's to fix, runtime the machine's. */
  error: { kind?: 'usage' | 'input' | 'unavailable' | 'runtime'; message: string; hint?: string } | null;
}

/** What else `edgelab run SUITE` does than run the entries: the suite's flags, as a request. */
export interface SuiteRunOptions {
  /** `--check`: only validate the suite file; nothing runs, nothing is recorded. */
  check?: boolean;
  /** `--report FILE`: a report of all the suite's runs in this format, in the answer. */
  report?: 'md' | 'html' | 'json' | 'csv' | 'junit';
  /** `--mlflow URL [--experiment NAME]`: after the suite, its runs are exported to this MLflow tracking server. */
  mlflow?: { trackingUri: string; experiment?: string };
}

/** The MLflow export after a suite: what was sent, or why it failed (the suite's runs are recorded all the same). */
export type SuiteMlflowView =
  | { runIds: string[]; trackingUri: string; experimentName: string; runs: number; error: null }
  | { runIds: string[]; trackingUri: string; error: { message: string; hint?: string } };

export interface SuiteRunView {
  name: string;
  file: string;
  /** SHA-256 of the suite file as it was read. */
  sha256: string;
  /** How many runs the file holds, and the model files they read. */
  runs: number;
  models: string[];
  /** true for `check`: the file was validated, and nothing ran. */
  checked: boolean;
  entries: SuiteEntryView[];
  /** JUnit XML of every entry (one test case per target; a refused entry is an error), as `edgelab run --junit` writes it. */
  junit: { fileName: string; content: string } | null;
  /** What `edgelab run` would exit with: 0 all passed, non-zero when a target failed or an entry could not run. */
  exitCode: number;
  /** The report `report` asked for, of every recorded run; null when not asked or no run was recorded. */
  report: { fileName: string; mediaType: string; content: string } | null;
  /** The export `mlflow` asked for; null when not asked or no run was recorded. */
  mlflow: SuiteMlflowView | null;
}

/** Sent through `onEvent` as each entry of a suite ends (recorded, or refused before it ran). */
export interface SuiteEntryEvent {
  type: 'suite-entry';
  /** The entry's run, as every event names one; empty for an entry refused before it ran. */
  runId: string;
  suite: string;
  /** How many entries the suite has. */
  of: number;
  entry: SuiteEntryView;
}
