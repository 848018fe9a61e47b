import type { LabEvent, QueuedBehind } from '../api/lab-api.js';
import type { ModelInfo } from '../api/model-info.js';
import type { RunSpec } from '../api/run-spec.js';
import { isLabError, toErrorInfo, type ErrorInfo } from '../api/errors.js';
import { newRunId, type Workspace } from '../evidence/index.js';
import type { RunnerLauncher } from '../runner/runner-process.js';
import { describeMeasureHolder, MeasureWaitCancelled, withMeasureLock, type MeasureHolder } from '../measure/measure-lock.js';
import { SupervisedRun, type SupervisedRunOptions } from './supervised-run.js';
import { saveUnstartedRun } from './unstarted-run.js';

export interface RunQueueOptions {
  workspace: Workspace;
  launch: RunnerLauncher;
  emit: (event: LabEvent) => void;
  /** Where the machine's state folder is found (EDGELAB_STATE_DIR). */
  env: NodeJS.ProcessEnv;
  /** How this lab is named to the machine's other edgelab processes. */
  command: string;
}

/** What a run in line is asked to do, and whether it waits for the machine (`wait: false`: `--no-wait`). */
export type QueuedJob = Pick<SupervisedRunOptions, 'extras' | 'start' | 'save'> & { wait?: boolean };
type Job = QueuedJob;

interface QueuedRun {
  runId: string;
  spec: RunSpec;
  modelInfo: ModelInfo;
  job: Job;
  finished: Promise<void>;
  done: () => void;
  /** Ends the wait for the machine's lock (a cancel while queued behind another process). */
  abort: AbortController;
  /** Set once the machine's lock is held and the runner started. */
  run?: SupervisedRun;
  measuringSince?: string;
  /** Another process that held the machine when this run reached the front of the line. */
  blockedBy?: MeasureHolder | null;
  cancelled?: boolean;
}

/**
 * One measurement at a time: the lab's runs wait in line, first come first served, and the run at
 * the front also waits for the machine's measure lock, which every edgelab process takes (another
 * serve, a CLI bench), so no two measurements share the machine. Each run in line is told its place
 * and whom it waits for (`queued` events) whenever the line moves; a run cancelled in line is
 * recorded as cancelled with nothing measured.
 */
export class RunQueue {
  private readonly line: QueuedRun[] = [];
  private current: QueuedRun | null = null;
  private readonly all = new Map<string, QueuedRun>();

  constructor(private readonly options: RunQueueOptions) {}

  enqueue(spec: RunSpec, modelInfo: ModelInfo, job: Job): { runId: string } {
    const runId = newRunId();
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const queued: QueuedRun = { runId, spec, modelInfo, job, finished, done, abort: new AbortController() };
    this.all.set(runId, queued);
    void finished.then(() => this.all.delete(runId));
    this.line.push(queued);
    if (this.current) this.announce();
    else this.next();
    return { runId };
  }

  has(runId: string): boolean {
    return this.all.has(runId);
  }

  /** A run that measures is asked to stop; one still in line leaves it and is recorded as cancelled. */
  cancel(runId: string): void {
    const queued = this.all.get(runId);
    if (!queued) return;
    if (queued.run) {
      queued.run.cancel();
      return;
    }
    queued.cancelled = true;
    if (queued === this.current) {
      queued.abort.abort();
      return;
    }
    this.line.splice(this.line.indexOf(queued), 1);
    void this.saveUnstarted(queued, { kind: 'runtime', message: `Cancelled while queued behind run ${this.current?.runId ?? 'another'}; nothing was measured.` }).finally(() => {
      queued.done();
      this.announce();
    });
  }

  pid(runId: string): number | undefined {
    return this.all.get(runId)?.run?.pid;
  }

  settled(runId: string): Promise<void> | undefined {
    return this.all.get(runId)?.finished;
  }

  /** Ends the run measuring and every run in line; their records say cancelled. */
  async close(): Promise<void> {
    const runs = [...this.all.values()];
    for (const queued of [...this.line]) this.cancel(queued.runId);
    if (this.current && !this.current.run) this.cancel(this.current.runId);
    this.current?.run?.kill();
    await Promise.all(runs.map((r) => r.finished));
  }

  private next(): void {
    const head = this.line.shift();
    if (!head) return;
    this.current = head;
    this.announce();
    void this.measure(head).finally(() => {
      head.done();
      this.current = null;
      this.next();
    });
  }

  private async measure(queued: QueuedRun): Promise<void> {
    const { workspace, launch, emit, env, command } = this.options;
    try {
      await withMeasureLock(
        {
          env, command, runId: queued.runId, workspace: queued.job.save === false ? null : workspace.dir, wait: queued.job.wait !== false, signal: queued.abort.signal,
          onWait: (holder) => {
            queued.blockedBy = holder;
            emit({ type: 'queued', runId: queued.runId, position: 1, behind: fromHolder(holder) });
            this.announce();
          },
        },
        async (turn) => {
          queued.blockedBy = undefined;
          queued.measuringSince = new Date().toISOString();
          emit({ type: 'phase', runId: queued.runId, phase: 'load', detail: 'starting the runner' });
          const run = new SupervisedRun({
            runId: queued.runId, spec: queued.spec, modelInfo: queued.modelInfo,
            startedAt: new Date().toISOString(), workspace, launch,
            // Read when a record needs it (after the runner ends), never while it measures; a machine where
            // ONNX Runtime cannot load still reads the rest (trtexec runs).
            hardware: () => import('../hardware/read-hardware.js').then(({ readHardware }) => readHardware({ onnxruntime: (queued.spec.engine?.kind ?? 'ort') === 'ort' })).then((h) => h as unknown as Record<string, unknown>, () => null),
            emit, measureTurn: turn, ...queued.job,
          });
          queued.run = run;
          // A cancel that came while the runner was being set up (its first event is sent above) stops it now.
          if (queued.cancelled) run.cancel();
          this.announce();
          await run.finished;
        },
      );
    } catch (e) {
      if (queued.run) return; // the runner started: its record is saved by SupervisedRun
      const error: ErrorInfo = e instanceof MeasureWaitCancelled
        ? { kind: 'runtime', message: `Cancelled while queued behind ${describeMeasureHolder(e.holder)}; nothing was measured.` }
        : isLabError(e) ? toErrorInfo(e) : { kind: 'runtime', message: `The run could not start: ${(e as Error).message}` };
      await this.saveUnstarted(queued, error);
    }
  }

  /** Never rejects: a record that cannot be saved is said in the run's `failed` event instead. */
  private async saveUnstarted(queued: QueuedRun, error: ErrorInfo): Promise<void> {
    const failed = { type: 'failed', runId: queued.runId, kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.field ? { field: error.field } : {}) } as const;
    if (queued.job.save === false) {
      // Not kept (`--no-save`): nothing was measured, so the event alone says how it ended.
      this.options.emit(failed);
      return;
    }
    try {
      const record = await saveUnstartedRun(this.options.workspace, { runId: queued.runId, spec: queued.spec, modelInfo: queued.modelInfo, extras: queued.job.extras ?? {}, error, cancelled: queued.cancelled === true });
      this.options.emit({ ...failed, record });
    } catch (e) {
      this.options.emit({ ...failed, message: `${error.message} Its record could not be saved: ${(e as Error).message}` });
    }
  }

  /** Tells every run in line its place and whom it waits for. */
  private announce(): void {
    const head = this.current;
    if (!head) return;
    // The run at the front counts as a place in line only while another process holds the machine.
    const headWaits = head.run === undefined && head.blockedBy !== undefined;
    const behind: QueuedBehind = { runId: head.runId, command: 'this lab', pid: null, since: head.measuringSince ?? null };
    for (const [i, queued] of this.line.entries()) {
      this.options.emit({ type: 'queued', runId: queued.runId, position: i + 1 + (headWaits ? 1 : 0), behind });
    }
  }
}

function fromHolder(holder: MeasureHolder | null): QueuedBehind {
  return holder ? { runId: holder.runId, command: holder.command, pid: holder.pid, since: holder.since } : { runId: null, command: 'another edgelab process', pid: null, since: null };
}
