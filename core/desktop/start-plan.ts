import path from 'node:path';

/** What `npm start -- …` asked for, split between the desktop app and the browser face. */
export interface StartPlan {
  /** --browser: skip the desktop app. */
  browserOnly: boolean;
  /** Browser face only: open the URL in the default browser (not with --no-open). */
  openBrowser: boolean;
  /** --workspace, made absolute against the folder `npm start` was typed in. */
  workspace: string | undefined;
  /** Arguments for the desktop app's main process. */
  appArgs: string[];
  /** Arguments for `edgelab serve`, when the lab opens in the browser instead. */
  serveArgs: string[];
}

/**
 * npm runs a script in the package's folder, not where the user typed `npm start`; it passes that
 * folder as INIT_CWD. A relative --workspace means the user's folder, so it is resolved there
 * before either face sees it (each would otherwise resolve it against the edgelab checkout).
 */
export function planStart(args: readonly string[], where: { cwd: string; initCwd?: string | undefined }): StartPlan {
  const base = where.initCwd && where.initCwd.trim() !== '' ? where.initCwd : where.cwd;
  let workspace: string | undefined;
  let browserOnly = false;
  let openBrowser = true;
  const serveArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--browser') browserOnly = true;
    else if (arg === '--no-open') openBrowser = false;
    else if (arg === '--workspace' && i + 1 < args.length) workspace = path.resolve(base, args[++i]!);
    else if (arg.startsWith('--workspace=')) workspace = path.resolve(base, arg.slice('--workspace='.length));
    else serveArgs.push(arg);
  }
  if (workspace !== undefined) serveArgs.push('--workspace', workspace);
  if (openBrowser) serveArgs.push('--open');
  return { browserOnly, openBrowser, workspace, appArgs: workspace === undefined ? [] : ['--workspace', workspace], serveArgs };
}

export interface FileTime {
  path: string;
  mtimeMs: number;
}

/**
 * Whether a build is older than its sources: some output is missing, or some source changed after
 * the oldest output was written (a `git pull` or an edit since the last `npm start`).
 */
export function buildIsStale(sources: readonly FileTime[], outputs: readonly (FileTime | null)[]): boolean {
  if (outputs.length === 0 || outputs.some((o) => o === null)) return true;
  const builtAt = Math.min(...outputs.map((o) => o!.mtimeMs));
  return sources.some((s) => s.mtimeMs > builtAt);
}
