import { homedir } from 'node:os';
import path from 'node:path';

export interface WorkspaceDirOptions {
  /** `--workspace DIR`; wins over everything. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** For tests and for explaining the default on another OS; defaults to this process's. */
  platform?: NodeJS.Platform;
  home?: string;
  cwd?: string;
}

export type WorkspaceDirSource = 'flag' | 'env' | 'default';

/**
 * The evidence workspace folder: `--workspace DIR`, else `EDGELAB_WORKSPACE`, else the OS data dir
 * for edgelab. The first two let a team keep evidence beside a model repo and commit it.
 */
export function resolveWorkspaceDir(options: WorkspaceDirOptions = {}): string {
  return locateWorkspaceDir(options).dir;
}

/** The same, plus where the answer came from, so the CLI can say why it is using that folder. */
export function locateWorkspaceDir(options: WorkspaceDirOptions = {}): { dir: string; source: WorkspaceDirSource } {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const cwd = options.cwd ?? process.cwd();
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const absolute = (p: string) => paths.resolve(cwd, expandHome(p, home, paths.sep));

  if (options.flag !== undefined && options.flag.trim() !== '') return { dir: absolute(options.flag), source: 'flag' };
  const fromEnv = env.EDGELAB_WORKSPACE;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { dir: absolute(fromEnv), source: 'env' };
  return { dir: defaultDataDir(platform, env, home), source: 'default' };
}

function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, 'edgelab');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'edgelab');
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_DATA_HOME);
  const dataHome = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, 'edgelab');
}

// A value from a config file or a quoted shell string arrives with "~" unexpanded.
function expandHome(p: string, home: string, sep: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith(`~${sep}`)) return home + sep + p.slice(2);
  return p;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
