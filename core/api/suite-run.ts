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
  error: { message: string; hint?: string } | null;
}

export interface SuiteRunView {
  name: string;
  file: string;
  entries: SuiteEntryView[];
  /** JUnit XML of every entry (one test case per target; a refused entry is an error), as `edgelab run --junit` writes it. */
  junit: { fileName: string; content: string } | null;
  /** What `edgelab run` would exit with: 0 all passed, non-zero when a target failed or an entry could not run. */
  exitCode: number;
}
