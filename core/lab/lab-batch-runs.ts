import { isLabError, LabError, toErrorInfo } from '../api/errors.js';
import type { LabEvent } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { OutputCheckRequest } from '../api/output-check.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSpec, RunSpecInput } from '../api/run-spec.js';
import type { SweepAxesRequest, SweepRunView } from '../api/sweep-run.js';
import { bestRun, planSweep, pointLabel, rateOf, type SweepRun } from '../measure/sweep.js';
import type { Workspace } from '../evidence/index.js';
import { verdictSummary } from '../targets/index.js';
import type { ModelInspections } from './model-inspections.js';

/** What a suite or a sweep needs of the lab: start a run (in line for the machine) and wait for its record. */
export interface BatchLab {
  workspace: Workspace;
  inspections: ModelInspections;
  start(spec: RunSpecInput, extras?: Record<string, unknown>): Promise<{ runId: string }>;
  /** An output check (a suite's accuracy pass) in the runner, with summaries the record is saved with. */
  startCheck(request: OutputCheckRequest, extras?: Record<string, unknown>): Promise<{ runId: string }>;
  settled(runId: string): Promise<void>;
  /** Tells every listener of the lab (a suite's entries as they end). */
  emit(event: LabEvent): void;
  /** The lab's environment: MLflow credentials for a suite's export. */
  env: NodeJS.ProcessEnv;
  /** The run's record once it has ended (a run started with `save: false` has no other copy). */
  ended(runId: string): Promise<RunRecord>;
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
