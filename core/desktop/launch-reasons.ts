/**
 * Why `npm start` opened the browser face instead of the desktop app, in words that name the cause
 * and, where there is one, the fix. Pure: the launcher (bin/start.js) gathers the facts.
 */

/** The line the app's main process prints once its window is shown: from then on an exit is the user's. */
export const APP_WINDOW_OPEN_LINE = 'edgelab: the lab window is open';

export interface DisplayFacts {
  platform: string;
  env: NodeJS.ProcessEnv;
}

/** Chromium on Linux needs an X11 or Wayland display; macOS and Windows always have one. */
export function missingDisplayReason({ platform, env }: DisplayFacts): string | null {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'there is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set, as over SSH or on a headless board)';
}

/** What a reachability check of the download server found (fetch's error cause, or an answer). */
export type DownloadProbe = { reached: true; status: number } | { reached: false; code: string | undefined; message: string };

export interface DownloadFailure {
  version: string;
  /** The server @electron/get downloads from (a mirror, or GitHub's releases). */
  source: string;
  timedOut: boolean;
  timeoutS: number;
  /** What the installer printed: install.js prints only the error's stack, without its cause. */
  installerOutput: string;
  probe: DownloadProbe | null;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'TimeoutError', 'ABORT_ERR']);

export function downloadFailureReason(f: DownloadFailure): string {
  const host = hostOf(f.source);
  const retry = 'once online, `npm start` fetches it again (or `npx install-electron --no`; ELECTRON_MIRROR names a mirror)';
  if (f.timedOut) {
    return `Electron ${f.version}'s binary (about 100 MB, fetched once) did not finish downloading from ${host} within ${f.timeoutS} s; ${retry}, or allow longer with EDGELAB_ELECTRON_DOWNLOAD_TIMEOUT_S`;
  }
  const probe = f.probe;
  if (probe && !probe.reached) {
    const code = probe.code ?? '';
    const why = OFFLINE_CODES.has(code)
      ? `this machine is offline or cannot resolve ${host} (${code})`
      : REFUSED_CODES.has(code)
        ? `${host} refused the connection (${code})`
        : TIMEOUT_CODES.has(code)
          ? `${host} did not answer (${code})`
          : `${host} could not be reached (${probe.message}${code ? `, ${code}` : ''})`;
    return `Electron ${f.version}'s binary could not be downloaded: ${why}; ${retry}`;
  }
  const said = lastLine(f.installerOutput) ?? 'no output';
  const http = /\b(?:Response code|status code|HTTPError:?)\D{0,20}(\d{3})/i.exec(f.installerOutput)?.[1];
  if (http) return `Electron ${f.version}'s binary could not be downloaded: ${host} answered HTTP ${http} (${said}); check ELECTRON_MIRROR, then \`npx install-electron --no\``;
  if (/checksum/i.test(f.installerOutput)) return `Electron ${f.version}'s binary failed its checksum (${said}); delete the download cache (electron_config_cache) and start again`;
  return `Electron ${f.version}'s installer failed (${said}); \`npx install-electron --no\` in the edgelab folder shows the whole error`;
}

/** What ended the app before it showed its window, read from its stderr. */
export interface AppStartFailure {
  reason: string;
  /** The command or change that makes the app start, when one is known. */
  fix?: string;
}

export function appStartFailure(stderr: string, exit: { code: number | null; signal: string | null }): AppStartFailure {
  const sandbox = /SUID sandbox helper binary was found, but is not configured correctly[\s\S]*?make sure that (\S+?chrome-sandbox) is owned by root and has mode 4755/.exec(stderr);
  if (sandbox) {
    const helper = sandbox[1]!;
    return {
      reason:
        "Chromium's sandbox refused to start: Ubuntu 24.04 and later (kernel.apparmor_restrict_unprivileged_userns=1) stop unprivileged user namespaces, and the SUID fallback helper is not set up",
      fix: `make the helper setuid root once: sudo chown root:root ${helper} && sudo chmod 4755 ${helper} (or give Electron an AppArmor profile with "userns," as README.md shows)`,
    };
  }
  // With the helper set up, AppArmor can still deny the user namespace of Chromium's zygote.
  if (/SUID sandbox helper binary|No usable sandbox!|credentials\.cc\S*\]? Check failed: \. : Permission denied/.test(stderr)) {
    return {
      reason: "Chromium's sandbox could not start: AppArmor denies it the user namespaces it needs (Ubuntu 24.04 and later)",
      fix: 'give Electron an AppArmor profile with "userns," (README.md, "the sandbox", shows the file and the command)',
    };
  }
  if (/Missing X server or \$DISPLAY|cannot open display|Failed to open display|Authorization required, but no authorization protocol specified/i.test(stderr)) {
    return { reason: 'the display named by DISPLAY/WAYLAND_DISPLAY cannot be opened (no X server or Wayland compositor answers, or access to it is denied)' };
  }
  const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code ?? 'unknown'}`;
  const said = lastLine(stderr);
  return { reason: `the desktop app ${how} before its window opened${said ? ` (last output: ${said})` : ''}` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function lastLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('at '))
    .at(-1);
}
