import { LabError } from '../api/errors.js';
import type { LabEvent } from '../api/lab-api.js';
import type { OutputCheckRequest } from '../api/output-check.js';
import type { RunRecord } from '../api/run-record.js';
import { openCliLab } from './open-cli-lab.js';
import type { CommandContext } from './context.js';

export type OutputCheckAnswer = { kind: 'record'; record: RunRecord; saved: boolean } | { kind: 'saved-expected'; files: string[] };

/**
 * `edgelab eval` and `edgelab parity` as LabApi calls: the check runs through the lab's queue in
 * this process, as the app's runs through its runner, and the lab keeps the record (unless
 * `save: false`). A refusal comes back as the LabError it was, so the exit code and the words are
 * the ones the command always had; Ctrl-C cancels the check.
 */
export async function outputCheckInLab(request: OutputCheckRequest, options: { workspace: string | undefined; command: string; ctx: CommandContext }): Promise<OutputCheckAnswer> {
  const { ctx } = options;
  const lab = await openCliLab(ctx, { workspace: options.workspace, command: options.command, readOnly: request.save === false });
  try {
    // Events may arrive before startOutputCheck answers with the id they carry: kept until it does.
    const ends: LabEvent[] = [];
    let runId: string | null = null;
    let resolveEnd!: (event: LabEvent) => void;
    const ended = new Promise<LabEvent>((resolve) => (resolveEnd = resolve));
    const consider = (event: LabEvent) => {
      if (runId !== null && event.runId === runId) resolveEnd(event);
    };
    let told = false;
    const off = lab.onEvent((event) => {
      if (event.type === 'queued' && !told) {
        told = true;
        ctx.stderr.write(`edgelab: waiting for the machine: ${event.behind.command}${event.behind.pid ? ` (pid ${event.behind.pid})` : ''} is measuring; this check starts when it ends (Ctrl-C to give up).\n`);
      }
      if (event.type !== 'done' && event.type !== 'failed' && event.type !== 'expected-saved') return;
      ends.push(event);
      consider(event);
    });
    runId = (await lab.startOutputCheck(request)).runId;
    for (const event of ends) consider(event);
    const cancel = () => void lab.cancelRun(runId as string).catch(() => undefined);
    ctx.signal.addEventListener('abort', cancel, { once: true });
    const event = await ended.finally(() => {
      ctx.signal.removeEventListener('abort', cancel);
      off();
    });
    if (event.type === 'expected-saved') return { kind: 'saved-expected', files: event.files };
    if (event.type === 'done') return { kind: 'record', record: event.record, saved: request.save !== false };
    if (event.type === 'failed') throw new LabError(event.kind ?? 'runtime', event.message, event.hint);
    throw new Error(`unexpected event ${event.type}`);
  } finally {
    await lab.close();
  }
}
