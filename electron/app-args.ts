import path from 'node:path';

/**
 * The --workspace DIR the app was started with (`npm start -- --workspace DIR`, or the installed
 * app from a terminal), made absolute against the folder it was started in. Chromium adds
 * switches of its own to argv (--original-process-start-time, ...); only ours is read.
 */
export function workspaceFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workspace' && i + 1 < argv.length) return path.resolve(cwd, argv[i + 1]!);
    if (arg.startsWith('--workspace=')) return path.resolve(cwd, arg.slice('--workspace='.length));
  }
  return undefined;
}

/** What a second start sends the running app (Electron's additionalData; argv may be reordered). */
export interface SecondInstanceData {
  workspace: string;
}

/**
 * One app per profile (Electron's single-instance lock): a second start focuses the open window.
 * When it asked for another workspace, the user is told which one is open rather than silently
 * shown it. Returns the notice, or null when focusing is all there is to do.
 */
export function secondInstanceNotice(openWorkspace: string, additionalData: unknown): string | null {
  const requested = (additionalData as Partial<SecondInstanceData> | null)?.workspace;
  if (typeof requested !== 'string' || path.resolve(requested) === path.resolve(openWorkspace)) return null;
  return `edgelab is already open on the evidence workspace ${openWorkspace}. To use ${requested}, quit edgelab and start it again with --workspace ${requested}.`;
}
