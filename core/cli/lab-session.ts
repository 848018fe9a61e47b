import { openLab } from '../lab/open-lab.js';
import type { CommandContext } from './context.js';

/** The lab a command talks to: the LabApi, plus the workspace folder it prints. */
export type CliLab = Awaited<ReturnType<typeof openLab>>;

export interface CliLabOptions {
  /** `--workspace DIR`, else EDGELAB_WORKSPACE, else the OS data folder. */
  workspace: string | undefined;
  /** How this process names itself to other edgelab processes (`edgelab run` …). */
  command: string;
  /** Commands that only read open a workspace they cannot write read-only instead of refusing it. */
  readOnlyFallback?: boolean;
}

/**
 * Opens the lab the way every command does: measuring in this process, through the same LabService
 * as serve and the app; a wait on the workspace lock says who holds it, a lock taken over says why.
 */
export function openCliLab(ctx: CommandContext, options: CliLabOptions): Promise<CliLab> {
  return openLab({
    workspace: options.workspace,
    env: ctx.env,
    runner: 'in-process',
    command: options.command,
    ...(options.readOnlyFallback ? { readOnlyFallback: true } : {}),
    onLockWait: (holder, dir) => ctx.stderr.write(`edgelab: waiting for the workspace lock of ${dir}, held by ${holder}…\n`),
    onLockTakeOver: (what) => ctx.stderr.write(`edgelab: ${what}\n`),
  });
}

/** Runs `use` with an open lab and closes it after, whatever `use` did. */
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
