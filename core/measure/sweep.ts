import { randomBytes } from 'node:crypto';
import { LabError } from '../api/errors.js';
import type { RunEventListener } from '../api/events.js';
import type { RunRecord } from '../api/run-record.js';
import type { ModelInfo } from '../api/model-info.js';
import { RunSpecSchema, type ExecutionProvider, type RunSpec } from '../api/run-spec.js';
import type { Workspace } from '../evidence/index.js';
import { newRunId } from '../evidence/evidence-id.js';
import { readHardware } from '../hardware/read-hardware.js';
import { inspectModel } from '../model/index.js';
import { parseTargets } from '../targets/index.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineFor } from '../engines/engine.js';
import { defaultBatchDim } from '../bench/scenarios/batch-size.js';

/** Any subset of the three axes; each run of the sweep is one point of their cross product. */
export interface SweepAxes {
  batch?: number[];
  threads?: number[];
  executionProviders?: ExecutionProvider[];
  /** The batch dim; default the first symbolic dim of the first input. */
  batchDim?: string;
}

export interface SweepPoint {
  index: number;
  batch?: number;
  threads?: number;
  executionProvider?: ExecutionProvider;
}

/** What every record of a sweep carries in `extras.sweep`, so the runs can be found and compared together. */
export interface SweepLink {
  sweepId: string;
  axes: { batch?: number[]; threads?: number[]; executionProviders?: ExecutionProvider[]; batchDim?: string };
  index: number;
  count: number;
  point: SweepPoint;
}

export interface SweepRun {
  point: SweepPoint;
  record: RunRecord;
  savedPath?: string;
}

export interface SweepResult {
  sweepId: string;
  runs: SweepRun[];
  best: SweepRun | null;
  /** Why `best` won, or why there is none. */
  bestReason: string;
}

/** The cross product, providers outermost so that runs on one provider sit together in the table. */
export function sweepPoints(axes: SweepAxes): SweepPoint[] {
  const eps: (ExecutionProvider | undefined)[] = axes.executionProviders?.length ? axes.executionProviders : [undefined];
  const threads: (number | undefined)[] = axes.threads?.length ? axes.threads : [undefined];
  const batches: (number | undefined)[] = axes.batch?.length ? axes.batch : [undefined];
  const points: SweepPoint[] = [];
  for (const executionProvider of eps) {
    for (const t of threads) {
      for (const batch of batches) {
        points.push({
          index: points.length,
          ...(executionProvider !== undefined ? { executionProvider } : {}),
          ...(t !== undefined ? { threads: t } : {}),
          ...(batch !== undefined ? { batch } : {}),
        });
      }
    }
  }
  return points;
}

export function pointLabel(point: SweepPoint): string {
  return [
    point.executionProvider !== undefined ? `ep=${point.executionProvider}` : '',
    point.threads !== undefined ? `threads=${point.threads}` : '',
    point.batch !== undefined ? `batch=${point.batch}` : '',
  ].filter(Boolean).join(' ');
}

/** The base spec with one point's values: batch sets the batch dim, threads intraOpNumThreads, ep the provider. */
export function specForPoint(base: RunSpec, point: SweepPoint, batchDim: string | undefined, sweepId: string): RunSpec {
  const inputs = base.inputs;
  if (point.batch !== undefined && (inputs.kind !== 'synthetic' || batchDim === undefined)) {
    throw new LabError('usage', 'A batch sweep needs synthetic inputs and a symbolic batch dim.', 'Name the batch dim with --dim NAME.');
  }
  return RunSpecSchema.parse({
    ...base,
    label: [base.label, pointLabel(point)].filter(Boolean).join(' '),
    tags: [...base.tags, `sweep:${sweepId}`],
    inputs: point.batch !== undefined && inputs.kind === 'synthetic' ? { ...inputs, dims: { ...inputs.dims, [batchDim as string]: point.batch } } : inputs,
    session: {
      ...base.session,
      ...(point.threads !== undefined ? { intraOpNumThreads: point.threads } : {}),
      ...(point.executionProvider !== undefined ? { executionProviders: [point.executionProvider] } : {}),
    },
    scenario: point.batch !== undefined ? { ...base.scenario, batchDim } : base.scenario,
  });
}

/** Samples per second where the batch is known, inferences per second otherwise. */
export function rateOf(record: RunRecord): number {
  return record.state === 'completed' ? (record.samplesPerS ?? record.throughputPerS) : 0;
}

/**
 * The best configuration under the runs' targets: among completed runs whose every verdict passed
 * (all completed runs when there are no targets), the one with the highest samples per second; a
 * tie goes to the lower p99. An inconclusive verdict does not count as a pass.
 */
export function bestRun(runs: readonly SweepRun[]): { best: SweepRun | null; reason: string } {
  const completed = runs.filter((r) => r.record.state === 'completed');
  if (completed.length === 0) return { best: null, reason: 'No run of the sweep completed.' };
  const hasTargets = completed.some((r) => r.record.state === 'completed' && r.record.verdicts.length > 0);
  const eligible = completed.filter((r) => r.record.state === 'completed' && r.record.verdicts.every((v) => v.status === 'pass'));
  if (eligible.length === 0) return { best: null, reason: 'No configuration passed every target.' };
  const p99 = (r: SweepRun) => (r.record.state === 'completed' ? r.record.latencyMs.p99 : Number.POSITIVE_INFINITY);
  const best = [...eligible].sort((a, b) => rateOf(b.record) - rateOf(a.record) || p99(a) - p99(b))[0] as SweepRun;
  return {
    best,
    reason: `${pointLabel(best.point) || 'the only point'}: highest ${best.record.state === 'completed' && best.record.samplesPerS !== undefined ? 'samples' : 'inferences'}/s${hasTargets ? ' among runs that passed every target' : ''}.`,
  };
}

export interface SweepOptions {
  workspace?: Workspace;
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** Called before each run starts, for progress lines. */
  onRunStart?: (point: SweepPoint, total: number) => void;
  /** Measures each point in the machine's turn (the CLI passes core/lab's measure lock). */
  inTurn?: (runId: string, measure: () => Promise<RunRecord>) => Promise<RunRecord>;
}

/** A sweep's points, each as its own RunSpec, and the link every point's record carries. */
export interface SweepPlan {
  sweepId: string;
  points: SweepPoint[];
  specs: RunSpec[];
  link: SweepLink['axes'];
}

/**
 * Checks a sweep and lays out its points, for `edgelab sweep` (measuring in-process) and the app
 * (measuring each point in the runner) alike. Bad requests (a batch dim the model lacks, a malformed
 * target) throw here, before the first run.
 */
export function planSweep(base: RunSpec, axes: SweepAxes, modelInputs: ModelInfo['inputs']): SweepPlan {
  parseTargets(base.targets);
  const batchDim = axes.batch?.length ? (axes.batchDim ?? defaultBatchDim(modelInputs)) : axes.batchDim;
  if (axes.batch?.length && batchDim === undefined) {
    throw new LabError('usage', `--batch: ${base.model} has no symbolic dim on its first input to use as the batch.`, 'Its batch size is fixed; name another dim with --dim NAME if it has one, or drop --batch.');
  }
  const sweepId = `sweep-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  const points = sweepPoints(axes);
  const specs = points.map((p) => specForPoint(base, p, batchDim, sweepId));
  const link = { ...(axes.batch ? { batch: axes.batch } : {}), ...(axes.threads ? { threads: axes.threads } : {}), ...(axes.executionProviders ? { executionProviders: axes.executionProviders } : {}), ...(batchDim !== undefined && axes.batch ? { batchDim } : {}) };
  return { sweepId, points, specs, link };
}

/**
 * Runs every point as its own recorded run, each carrying `extras.sweep` and a `sweep:<id>` tag.
 * Bad requests (a batch dim the model lacks, a malformed target) throw before the first run; a point
 * that fails while measuring is recorded as failed and the sweep goes on.
 */
export async function runSweep(base: RunSpec, axes: SweepAxes, options: SweepOptions = {}): Promise<SweepResult> {
  const modelInfo = await inspectModel(base.model);
  const { sweepId, points, specs, link } = planSweep(base, axes, modelInfo.inputs);
  const hardware = await readHardware();
  const runs: SweepRun[] = [];
  for (const [i, point] of points.entries()) {
    if (options.signal?.aborted) break;
    options.onRunStart?.(point, points.length);
    const spec = specs[i] as RunSpec;
    const runId = newRunId();
    // A trtexec sweep builds one engine per point (a batch is a different engine) in that run's folder.
    const measure = async () => (await engineFor(spec).measure(spec, {
      modelInfo,
      runId,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      artifactDir: () => (options.workspace ? options.workspace.ensureArtifactDir(runId) : mkdtemp(path.join(tmpdir(), 'edgelab-sweep-'))),
    })).record;
    const record = options.inTurn ? await options.inTurn(runId, measure) : await measure();
    record.hardware = hardware as unknown as Record<string, unknown>;
    record.extras.sweep = { sweepId, axes: link, index: i, count: points.length, point } satisfies SweepLink;
    const saved = options.workspace ? await options.workspace.saveRun(record) : undefined;
    runs.push({ point, record, ...(saved ? { savedPath: saved.path } : {}) });
  }
  const { best, reason } = bestRun(runs);
  return { sweepId, runs, best, bestReason: reason };
}
