import { isLabError, LabError, toErrorInfo } from '../api/errors.js';
import type { LabEvent } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import type { RunSpec, RunSpecInput } from '../api/run-spec.js';
import type { SuiteEntryView, SuiteRunView } from '../api/suite-run.js';
import type { SweepAxesRequest, SweepRunView } from '../api/sweep-run.js';
import { bestRun, planSweep, pointLabel, rateOf, type SweepRun } from '../measure/sweep.js';
import type { Workspace } from '../evidence/index.js';
import { headPins } from '../report/junit.js';
import { renderSuiteJunit } from '../report/junit-suite.js';
import { loadSuite } from '../suite/parse-suite.js';
import { suiteExitCode, type SuiteEntryResult } from '../suite/run-suite.js';
import { verdictSummary } from '../targets/index.js';
import type { ModelInspections } from './model-inspections.js';

/** What a suite or a sweep needs of the lab: start a run (in line for the machine) and wait for its record. */
export interface BatchLab {
  workspace: Workspace;
  inspections: ModelInspections;
  start(spec: RunSpecInput, extras?: Record<string, unknown>): Promise<{ runId: string }>;
  settled(runId: string): Promise<void>;
  /** The run's record once it has ended (a run started with `save: false` has no other copy). */
  ended(runId: string): Promise<RunRecord>;
  emit(event: LabEvent): void;
}

/**
 * The record a run ended with, from its terminal event; one refused before it measured (no record)
 * rethrows its error, as the CLI's sweep always stopped on it.
 */
export async function endedRecord(lab: { onEvent(listener: (event: LabEvent) => void): () => void; settled(runId: string): Promise<void>; workspace: Workspace }, runId: string): Promise<RunRecord> {
  let last: Extract<LabEvent, { type: 'done' | 'failed' }> | undefined;
  const off = lab.onEvent((event) => {
    if ((event.type === 'done' || event.type === 'failed') && event.runId === runId) last = event;
  });
  try {
    await lab.settled(runId);
  } finally {
    off();
  }
  if (last?.record) return last.record;
  if (last?.type === 'failed') throw new LabError(last.kind ?? 'runtime', last.message, last.hint, last.field ? { field: last.field } : {});
  return lab.workspace.getRun(runId);
}

/**
 * Runs a suite file entry by entry in the runner process, as `edgelab run` does in-process: each
 * entry is recorded, tagged `suite:NAME` with `extras.suite`, and an entry that is refused does
 * not stop the others. Returns when the last entry is saved, with the JUnit XML of the runs.
 */
export async function runSuiteInLab(lab: BatchLab, file: string): Promise<SuiteRunView> {
  const suite = await loadSuite(LabRequestSchemas.runSuite.parse({ file }).file);
  const runDate = new Date().toISOString();
  const entries: SuiteEntryView[] = [];
  // The same entry results `edgelab run` judges, so the app's exit status is the CLI's.
  const results: SuiteEntryResult[] = [];
  for (const [index, spec] of suite.runs.entries()) {
    const label = spec.label ?? `${suite.name}[${index}]`;
    try {
      const { runId } = await lab.start(
        { ...spec, label, tags: [...new Set([...spec.tags, `suite:${suite.name}`])] },
        { suite: { name: suite.name, file: suite.file, sha256: suite.sha256, index, runDate } },
      );
      await lab.settled(runId);
      const record = await lab.workspace.getRun(runId);
      const summary = record.state === 'completed' ? verdictSummary(record.verdicts) : null;
      const failure = failureOf(record);
      results.push({ index, label, record, error: failure, verdict: summary ?? (record.state === 'cancelled' ? 'cancelled' : 'error') });
      entries.push({
        index, label, runId, state: record.state,
        verdict: summary,
        error: failure === null ? null : { message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) },
      });
    } catch (e) {
      if (!isLabError(e)) throw e;
      const info = toErrorInfo(e);
      results.push({ index, label, record: null, error: info, verdict: 'error' });
      entries.push({ index, label, runId: null, state: 'refused', verdict: null, error: { message: info.message, ...(info.hint ? { hint: info.hint } : {}) } });
    }
  }
  // Refused entries too, as `edgelab run --junit` writes it: a JUnit that left them out would count the suite green.
  const junit = { fileName: `${suite.name}.junit.xml`, content: renderSuiteJunit(suite.name, results, headPins(await lab.workspace.headPin())) };
  return { name: suite.name, file: suite.file, entries, junit, exitCode: suiteExitCode(results, false) };
}

/**
 * A sweep as `edgelab sweep` runs it (core/measure/sweep.ts builds the points and picks the best),
 * each point measured in the runner and recorded with `extras.sweep` and a `sweep:<id>` tag.
 * Bad requests throw before the first point; a point that fails is recorded and the sweep goes on.
 */
export async function runSweepInLab(lab: BatchLab, specInput: RunSpecInput, axesInput: SweepAxesRequest): Promise<SweepRunView> {
  const request = LabRequestSchemas.runSweep.parse({ spec: specInput, axes: axesInput });
  const base = request.spec;
  const modelInfo = await lab.inspections.inspect(base.model);
  const { sweepId, points, specs, link } = planSweep(base, request.axes, modelInfo.inputs);
  const runs: SweepRun[] = [];
  for (const [i, point] of points.entries()) {
    const { runId } = await lab.start(specs[i] as RunSpec, { sweep: { sweepId, axes: link, index: i, count: points.length, point } });
    lab.emit({ type: 'sweep-point', runId, sweepId, index: i, count: points.length, point: pointLabel(point) || 'defaults' });
    const record = await lab.ended(runId);
    runs.push({ point, record });
    // A point cancelled (Ctrl-C, Cancel) ends the sweep: the points measured before it are kept.
    if (record.state === 'cancelled') break;
  }
  const { best, reason } = bestRun(runs);
  return {
    sweepId,
    points: runs.map(({ point, record }) => ({
      point: pointLabel(point) || 'defaults',
      runId: record.id,
      state: record.state,
      p50Ms: record.state === 'completed' ? record.latencyMs.p50 : null,
      p99Ms: record.state === 'completed' ? record.latencyMs.p99 : null,
      ratePerS: record.state === 'completed' ? rateOf(record) : null,
      verdict: record.state === 'completed' ? verdictSummary(record.verdicts) : null,
    })),
    bestRunId: best?.record.id ?? null,
    bestReason: reason,
  };
}
