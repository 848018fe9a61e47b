import { openLab } from '../lab/open-lab.js';
import type { CommandContext } from './context.js';

/** The lab a command talks to: the LabApi, plus the workspace folder it prints. */
export type CliLab = Awaited<ReturnType<typeof openLab>>;

export interface CliLabOptions {
  /** `--workspace DIR`, else EDGELAB_WORKSPACE, else the OS data folder. */
  workspace: string | undefined;
  /** How this process names itself to other edgelab processes (`edgelab bench` …). */
  command: string;
  /**
   * For commands that only read (list, show, verify, report, --no-save): a workspace the user
   * cannot write (a read-only mount, someone else's checkout) is opened read-only instead of refused.
   */
  readOnly?: boolean;
  /** Where runs are measured: this process (every command but serve), or a forked runner (serve). */
  runner?: 'in-process' | 'child-process';
}

/**
 * The one way a command opens the lab: through the same LabService as serve and the app. A wait
 * on the workspace lock says who holds it, instead of a silent pause; a lock taken over says why.
 */
export function openCliLab(ctx: CommandContext, options: CliLabOptions): Promise<CliLab> {
  return openLab({
    workspace: options.workspace,
    env: ctx.env,
    runner: options.runner ?? 'in-process',
    command: options.command,
    readOnlyFallback: options.readOnly ?? false,
    onLockWait: (holder, dir) => ctx.stderr.write(`edgelab: waiting for the workspace lock of ${dir}, held by ${holder}…\n`),
    onLockTakeOver: (what) => ctx.stderr.write(`edgelab: ${what}\n`),
  });
}

/** Runs `use` with the lab open, and closes it whether `use` answers or throws. */
export async function withCliLab<T>(ctx: CommandContext, options: CliLabOptions, use: (lab: CliLab) => Promise<T>): Promise<T> {
  const lab = await openCliLab(ctx, options);
  try {
    return await use(lab);
  } finally {
    await lab.close();
  }
}

/** The workspace folder the lab keeps its evidence in, as commands print it. */
export function labFolder(lab: CliLab): string {
  return lab.workspace.dir;
}
