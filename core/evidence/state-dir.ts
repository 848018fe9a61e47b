import { homedir } from 'node:os';
import path from 'node:path';

export interface StateDirOptions {
  env?: NodeJS.ProcessEnv;
  /** For tests and for explaining the default on another OS; defaults to this process's. */
  platform?: NodeJS.Platform;
  home?: string;
}

/**
 * The folder where edgelab keeps what belongs to this machine rather than to a workspace (what is
 * measuring now, heads it has seen): `EDGELAB_STATE_DIR`, else the OS's place for per-user state.
 * Every part keeps its own subfolder, so they never collide. Tests point the variable at a
 * temporary folder so that they neither touch the user's nor wait on one another.
 */
export function resolveStateDir(options: StateDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const fromEnv = env.EDGELAB_STATE_DIR;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return (platform === 'win32' ? path.win32 : path.posix).resolve(fromEnv);
  if (platform === 'win32') {
    const local = nonEmpty(env.LOCALAPPDATA) ?? path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(local, 'edgelab', 'state');
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'edgelab', 'state');
  // XDG says a relative XDG_STATE_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_STATE_HOME);
  return path.posix.join(xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, '.local', 'state'), 'edgelab');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
