import { modelFingerprint } from '../evidence/record-base.js';
import { copyFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { toErrorInfo, type ErrorInfo } from '../api/errors.js';
import type { RunEvent } from '../api/events.js';
import type { LabEvent } from '../api/lab-api.js';
import type { ModelInfo } from '../api/model-info.js';
import { failureOf, RUN_RECORD_SCHEMA_VERSION, type FailedRun, type RunRecord } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import { ONNXRUNTIME_NOT_USED, softwareVersions } from '../evidence/software.js';
import type { Workspace } from '../evidence/index.js';
import type { RunnerExit, RunnerLauncher, RunnerProcess } from '../runner/runner-process.js';
import type { FromRunner, ToRunner } from '../runner/runner-protocol.js';
import { recordMeasureLock, type MeasureTurn } from '../measure/measure-lock.js';

/** How long a runner may take to stop after a cancel before it is killed. */
export const CANCEL_GRACE_MS = 10_000;

export interface SupervisedRunOptions {
  runId: string;
  spec: RunSpec;
  modelInfo: ModelInfo;
  startedAt: string;
  workspace: Workspace;
  launch: RunnerLauncher;
  /**
   * The machine's identity, read by the parent so a crash record carries it too; read once the
   * runner has ended, never while it measures (in the CLI's own process it would share the cores).
   */
  hardware: () => Promise<Record<string, unknown> | null>;
  emit: (event: LabEvent) => void;
  /** Summaries the parent adds to the record it saves (a suite entry's `extras.suite`). */
  extras?: Record<string, unknown>;
  /** What the runner is asked to do; a run of `spec` unless said otherwise (an output check). */
  start?: ToRunner;
  /** The machine's measure lock, held by the parent for this run; the record says what overlapped it. */
  measureTurn?: MeasureTurn;
  /** false (`bench --no-save`): the record and its files are handed over in the events, not saved. */
  save?: boolean;
}

/**
 * One run in a runner process, seen from the parent that owns the workspace. Whatever way the
 * runner ends — a result, a refusal, an exit with no result (SIGKILL, a native abort, out of
 * memory) — exactly one terminal event is emitted, and every outcome that measured anything is
 * saved, with the samples streamed before the end.
 */
export class SupervisedRun {
  readonly finished: Promise<void>;
  private readonly runner: RunnerProcess;
  private readonly samplesMs: number[] = [];
  private cancelRequested = false;
  private settled = false;
  private killTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisedRunOptions) {
    this.runner = options.launch();
    let resolveFinished!: () => void;
    this.finished = new Promise((resolve) => (resolveFinished = resolve));
    let pending: Promise<void> = Promise.resolve();
    // Saving is async; queue the handling so an exit right after a result cannot overtake it.
    const queue = (work: () => Promise<void>) => {
      // A refusal of the workspace (a lock that is not a lock, a full disk) keeps its kind and advice.
      pending = pending.then(work).catch((e: unknown) => this.fail({ ...toErrorInfo(e), message: `Saving run ${options.runId} failed: ${(e as Error).message}` }));
    };
    this.runner.onMessage((message) => queue(() => this.onMessage(message)));
    this.runner.onExit((exit) =>
      queue(async () => {
        clearTimeout(this.killTimer);
        try {
          if (!this.settled) await this.saveCrash(exit);
        } finally {
          resolveFinished();
        }
      }),
    );
    this.runner.send(options.start ?? { type: 'start', spec: options.spec });
  }

  get pid(): number | undefined {
    return this.runner.pid;
  }

  cancel(): void {
    if (this.settled || this.cancelRequested) return;
    this.cancelRequested = true;
    this.runner.send({ type: 'cancel' });
    this.killTimer = setTimeout(() => this.runner.kill(), CANCEL_GRACE_MS);
    this.killTimer.unref();
  }

  /** Ends the runner at once (server shutdown); the record says it was cancelled. */
  kill(): void {
    this.cancelRequested = true;
    this.runner.kill();
  }

  private async onMessage(message: FromRunner): Promise<void> {
    if (this.settled) return;
    if (message.type === 'event') {
      const event = this.ownEvent(message.event);
      if (event.type === 'samples') this.samplesMs.push(...event.samplesMs);
      this.options.emit(event);
      return;
    }
    if (message.type === 'refused') {
      this.fail(message.error);
      return;
    }
    if (message.type === 'expected-saved') {
      this.settled = true;
      this.options.emit({ type: 'expected-saved', runId: this.options.runId, files: message.files });
      return;
    }
    if (message.type !== 'result') return;
    const record = { ...message.record, id: this.options.runId, extras: { ...message.record.extras, ...this.options.extras } } as RunRecord;
    // No record is kept without the machine that produced it (an output check's runner leaves it out).
    record.hardware ??= await this.options.hardware().catch(() => null);
    if (this.options.measureTurn) recordMeasureLock(record, await this.options.measureTurn.evidence());
    const files = this.options.save === false ? { tracePath: message.tracePath, artifactPaths: message.artifactPaths ?? [] } : await this.keepFiles(message.tracePath, message.artifactPaths ?? []);
    if (this.options.save !== false) await this.options.workspace.saveRun(record);
    this.settled = true;
    // An accuracy pass is an observed record (nothing timed) that ended as it should.
    if (record.state === 'completed' || record.state === 'observed') {
      this.options.emit({ type: 'done', runId: this.options.runId, record, ...(files.tracePath ? { tracePath: files.tracePath } : {}), ...(files.artifactPaths.length > 0 ? { artifactPaths: files.artifactPaths } : {}) });
    }
    else this.options.emit({ type: 'failed', runId: this.options.runId, kind: failureOf(record).kind, message: failureOf(record).message, ...(failureOf(record).hint ? { hint: failureOf(record).hint } : {}), record });
  }

  /** The runner names runs by its own id; the parent's id is the one the caller was given. */
  private ownEvent(event: RunEvent): RunEvent {
    return { ...event, runId: this.options.runId };
  }

  /** The runner's files (a profile's trace; trtexec's logs and exports, in a temporary folder) join the record's; their new paths. */
  private async keepFiles(tracePath: string | undefined, artifactPaths: readonly string[]): Promise<{ tracePath?: string; artifactPaths: string[] }> {
    const kept = { ...(tracePath ? { tracePath: await this.keepTrace(tracePath) } : {}), artifactPaths: [] as string[] };
    for (const file of artifactPaths) kept.artifactPaths.push(await this.keepTrace(file));
    // The runner's temporary folder is empty once its files have moved; a folder still holding anything is left alone.
    for (const dir of new Set(artifactPaths.map((f) => path.dirname(f)))) await rmdir(dir).catch(() => undefined);
    return kept;
  }

  private async keepTrace(tracePath: string): Promise<string> {
    const dir = await this.options.workspace.ensureArtifactDir(this.options.runId);
    const target = path.join(dir, path.basename(tracePath));
    await rename(tracePath, target).catch(async () => {
      await copyFile(tracePath, target);
      await rm(tracePath, { force: true });
    });
    return target;
  }

  private fail(error: ErrorInfo): void {
    if (this.settled) return;
    this.settled = true;
    this.options.emit({ type: 'failed', runId: this.options.runId, kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(error.field ? { field: error.field } : {}) });
  }

  private async saveCrash(exit: RunnerExit): Promise<void> {
    const { spec, modelInfo: info } = this.options;
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const measured = `${this.samplesMs.length} timed iteration${this.samplesMs.length === 1 ? '' : 's'} measured before it ended ${this.samplesMs.length === 0 ? 'were' : 'are'} kept`;
    const error: ErrorInfo = this.cancelRequested
      ? { kind: 'runtime', message: `Cancelled: the runner process did not stop on its own and was ended; ${measured}.` }
      : {
          kind: 'runtime',
          message: `The runner process measuring ${info.fileName} ${how} before the run finished; ${measured}.`,
          hint: `A native crash in ONNX Runtime, running out of memory or an outside kill ends the runner; the lab itself kept running. Try a smaller input shape, fewer threads or another execution provider.${exit.stderrTail ? ` The runner's last output: ${exit.stderrTail.slice(-600)}` : ''}`,
        };
    const record: FailedRun = {
      schemaVersion: RUN_RECORD_SCHEMA_VERSION,
      id: this.options.runId,
      startedAt: this.options.startedAt,
      finishedAt: new Date().toISOString(),
      spec,
      model: modelFingerprint(info),
      // ONNX Runtime loaded on use: a lab whose runs go through trtexec must open where it cannot load.
      software: softwareVersions(spec.engine?.kind === 'trtexec' ? ONNXRUNTIME_NOT_USED : await import('../runtime/ort.js').then((ort) => ort.onnxRuntimeVersion(), () => ONNXRUNTIME_NOT_USED)),
      hardware: await this.options.hardware().catch(() => null),
      extras: { runnerExit: { code: exit.code, signal: exit.signal, stderrTail: exit.stderrTail }, ...this.options.extras },
      state: this.cancelRequested ? 'cancelled' : 'failed',
      error,
      samplesMs: this.samplesMs,
    };
    if (this.options.measureTurn) recordMeasureLock(record, await this.options.measureTurn.evidence());
    if (this.options.save !== false) await this.options.workspace.saveRun(record);
    this.settled = true;
    this.options.emit({ type: 'failed', runId: this.options.runId, kind: error.kind, message: error.message, ...(error.hint ? { hint: error.hint } : {}), record });
  }
}
