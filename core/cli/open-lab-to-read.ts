import { openLab } from '../lab/open-lab.js';
import type { CommandContext } from './context.js';

/**
 * The lab for a command that reads (the machine, the providers, recorded runs): measured in this
 * process, and a workspace this user cannot write is opened read-only instead of refused.
 */
export function openLabToRead(ctx: CommandContext, command: string, workspace?: string): ReturnType<typeof openLab> {
  return openLab({
    workspace,
    env: ctx.env,
    runner: 'in-process',
    command,
    readOnlyFallback: true,
    onLockWait: (holder, dir) => ctx.stderr.write(`edgelab: waiting for the workspace lock of ${dir}, held by ${holder}…\n`),
    onLockTakeOver: (what) => ctx.stderr.write(`edgelab: ${what}\n`),
  });
}
