import { describeMeasureHolder } from '../measure/measure-lock.js';
import type { RecordRunOptions } from '../measure/record-run.js';
import type { CommandContext } from './context.js';
import type { ProgressBar } from './progress-bar.js';

/** The machine's measure lock as the CLI takes it: it says for whom it waits, instead of a silent pause. */
export function measureLockFlags(output: { wait?: boolean; command?: string }, ctx: CommandContext, bar?: ProgressBar): NonNullable<RecordRunOptions['measureLock']> {
  return {
    env: ctx.env,
    command: output.command ?? 'edgelab',
    wait: output.wait ?? true,
    onWait: (holder) => {
      bar?.clear();
      ctx.stderr.write(output.wait === false
        ? `edgelab: ${describeMeasureHolder(holder)} is measuring on this machine; measuring beside it (--no-wait), and the record will say so.\n`
        : `edgelab: waiting for the machine: ${describeMeasureHolder(holder)} is measuring; this run starts when it ends (Ctrl-C to give up, --no-wait to measure beside it).\n`);
    },
  };
}

