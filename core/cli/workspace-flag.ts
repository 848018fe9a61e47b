import { Workspace, locateWorkspaceDir } from '../evidence/index.js';
import type { CommandContext } from './context.js';

export const workspaceOption = { workspace: { type: 'string' } } as const;

export const workspaceHelp = '  --workspace DIR         evidence workspace (default: $EDGELAB_WORKSPACE, else the OS data folder)\n';

/** `--workspace DIR`, else EDGELAB_WORKSPACE, else the OS data dir; opened (and write-checked). */
export function openWorkspace(flag: string | undefined, ctx: CommandContext): Promise<Workspace> {
  const { dir } = locateWorkspaceDir({ flag, env: ctx.env });
  return Workspace.open(dir);
}
