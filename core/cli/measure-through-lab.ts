import { LabError } from '../api/errors.js';
import type { LabApi, LabEvent, QueuedBehind, StartRunOptions } from '../api/lab-api.js';
import type { RunRecord } from '../api/run-record.js';
import type { RunSpec } from '../api/run-spec.js';
import type { CommandContext } from './context.js';
import { machineWaitNotice } from './measure-lock-flags.js';
import type { ProgressBar } from './progress-bar.js';

/** How a run the CLI started through the lab ended. */
export type MeasuredRun =
  | { kind: 'ended'; record: RunRecord; tracePath?: string; artifactPaths?: string[] }
  /** Ctrl-C before the run had the machine: nothing was measured; `record` when the lab kept it. */
  | { kind: 'wait-cancelled'; behind: QueuedBehind | null; record?: RunRecord };

/**
 * One run through LabApi as the CLI shows it: the progress bar and the machine-wait notices from
 * the run's events, Ctrl-C (ctx.signal) as a cancelRun. A run refused before it measured (the
 * runner's refusal carries no record) rethrows its LabError, so the CLI prints it as it always has.
 */
export async function measureThroughLab(lab: LabApi, spec: RunSpec, options: StartRunOptions, ctx: CommandContext, bar: ProgressBar): Promise<MeasuredRun> {
  let runId: string | undefined;
  const early: LabEvent[] = [];
  let behind: QueuedBehind | null = null;
  let started = false;
  let settle!: { resolve: (run: MeasuredRun) => void; reject: (e: unknown) => void };
  const ended = new Promise<MeasuredRun>((resolve, reject) => (settle = { resolve, reject }));

  const handle = (event: LabEvent): void => {
    if (!('runId' in event) || event.runId !== runId) return;
    if (event.type === 'queued') {
      behind = event.behind;
      bar.clear();
      ctx.stderr.write(machineWaitNotice(options.wait !== false, event.behind));
    } else if (event.type === 'done') {
      settle.resolve({ kind: 'ended', record: event.record, ...(event.tracePath ? { tracePath: event.tracePath } : {}), ...(event.artifactPaths ? { artifactPaths: event.artifactPaths } : {}) });
    } else if (event.type === 'failed') {
      if (!started && ctx.signal.aborted) settle.resolve({ kind: 'wait-cancelled', behind, ...(event.record ? { record: event.record } : {}) });
      else if (event.record) settle.resolve({ kind: 'ended', record: event.record });
      else settle.reject(new LabError(event.kind ?? 'runtime', event.message, event.hint, event.field ? { field: event.field } : {}));
    } else if (event.type !== 'sweep-point' && event.type !== 'exported' && event.type !== 'suite-entry' && event.type !== 'expected-saved') {
      // The lab's first phase event comes once the run has the machine and its runner starts.
      started = true;
      bar.update(event);
    }
  };
  const off = lab.onEvent((event) => (runId === undefined ? early.push(event) : handle(event)));
  const cancel = () => {
    if (runId !== undefined) lab.cancelRun(runId).catch(() => undefined);
  };
  try {
    runId = (await lab.startRun(spec, options)).runId;
    for (const event of early.splice(0)) handle(event);
    if (ctx.signal.aborted) cancel();
    else ctx.signal.addEventListener('abort', cancel, { once: true });
    return await ended;
  } finally {
    off();
    ctx.signal.removeEventListener('abort', cancel);
  }
}
