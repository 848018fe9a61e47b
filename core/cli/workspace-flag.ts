import { Workspace, locateWorkspaceDir } from '../evidence/index.js';
import { resolveStateDir } from '../evidence/state-dir.js';
import type { CommandContext } from './context.js';

export const workspaceOption = { workspace: { type: 'string' } } as const;

export const workspaceHelp = '  --workspace DIR         evidence workspace (default: $EDGELAB_WORKSPACE, else the OS data folder)\n';

/** `--workspace DIR`, else EDGELAB_WORKSPACE, else the OS data dir; opened (and write-checked). */
export function openWorkspace(flag: string | undefined, ctx: CommandContext): Promise<Workspace> {
  const { dir } = locateWorkspaceDir({ flag, env: ctx.env });
  return Workspace.open(dir, { lock: waitNotice(ctx, dir), stateDir: resolveStateDir({ env: ctx.env }) });
}

/** A wait on the workspace lock says who holds it, instead of a silent pause; a lock taken over says why. */
function waitNotice(ctx: CommandContext, dir: string) {
  return {
    onWait: (holder: string) => ctx.stderr.write(`edgelab: waiting for the workspace lock of ${dir}, held by ${holder}…\n`),
    onTakeOver: (what: string) => ctx.stderr.write(`edgelab: ${what}\n`),
  };
}

/**
 * For commands that only read (list, show, verify, report): a workspace the user cannot write (a
 * read-only mount, someone else's checkout) is opened read-only instead of refused.
 */
export async function openWorkspaceToRead(flag: string | undefined, ctx: CommandContext): Promise<Workspace> {
  const { dir } = locateWorkspaceDir({ flag, env: ctx.env });
  try {
    return await Workspace.open(dir, { lock: waitNotice(ctx, dir), stateDir: resolveStateDir({ env: ctx.env }) });
  } catch (e) {
    const readOnly = await Workspace.open(dir, { readOnly: true, stateDir: resolveStateDir({ env: ctx.env }) }).catch(() => null);
    if (readOnly === null) throw e;
    return readOnly;
  }
}
