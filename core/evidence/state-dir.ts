import { homedir } from 'node:os';
import path from 'node:path';

export interface StateDirOptions {
  env?: NodeJS.ProcessEnv;
  /** For tests and for explaining the default on another OS; defaults to this process's. */
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The folder where this machine keeps what files inside a workspace cannot prove about it: the
 * ledger heads it wrote and saw, the records it began to write, the key that seals the run index.
 * It must be outside every workspace (a forger who rewrites a workspace must not rewrite this with
 * it), so its default is the OS state folder, apart from the data folder the default workspace uses.
 * `EDGELAB_STATE_DIR` moves it: tests, and two "devices" on one machine, each give their own.
 */
export function resolveStateDir(options: StateDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const fromEnv = nonEmpty(env.EDGELAB_STATE_DIR);
  if (fromEnv !== undefined) return (platform === 'win32' ? path.win32 : path.posix).resolve(fromEnv.startsWith('~/') ? path.join(home, fromEnv.slice(2)) : fromEnv);
  if (platform === 'win32') {
    const local = nonEmpty(env.LOCALAPPDATA) ?? path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'edgelab', 'state');
  }
  // Not under Application Support/edgelab: that is the default workspace, and this must stay outside it.
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'edgelab-state');
  // XDG: a relative XDG_STATE_HOME is invalid and ignored.
  const xdg = nonEmpty(env.XDG_STATE_HOME);
  return path.posix.join(xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'state'), 'edgelab');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
