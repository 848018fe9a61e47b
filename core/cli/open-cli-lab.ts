import type { LabApi } from '../api/lab-api.js';
import { openLab } from '../lab/open-lab.js';
import type { CommandContext } from './context.js';

/** The lab a command talks to, and how it lets go of the workspace. */
export type CliLab = LabApi & { close(): Promise<void> };

/**
 * The lab of `--workspace DIR` (else EDGELAB_WORKSPACE, else the OS data folder), measuring in this
 * process. A wait on the workspace lock says who holds it, instead of a silent pause; a lock taken
 * over says why. `readOnly`: for commands that only read (list, show, verify, report), a workspace
 * the user cannot write (a read-only mount, someone else's checkout) is opened read-only instead of
 * refused.
 */
export function openCliLab(ctx: CommandContext, options: { workspace: string | undefined; command: string; readOnly?: boolean }): Promise<CliLab> {
  return openLab({
    workspace: options.workspace,
    env: ctx.env,
    runner: 'in-process',
    command: options.command,
    readOnlyFallback: options.readOnly ?? false,
    onLockWait: (holder, dir) => ctx.stderr.write(`edgelab: waiting for the workspace lock of ${dir}, held by ${holder}…\n`),
    onLockTakeOver: (what) => ctx.stderr.write(`edgelab: ${what}\n`),
  });
}

/** Runs `use` with the lab open, and closes it whether `use` answers or throws. */
export async function withCliLab<T>(ctx: CommandContext, options: Parameters<typeof openCliLab>[1], use: (lab: CliLab) => Promise<T>): Promise<T> {
  const lab = await openCliLab(ctx, options);
  try {
    return await use(lab);
  } finally {
    await lab.close();
  }
}
