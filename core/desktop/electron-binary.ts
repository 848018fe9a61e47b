import path from 'node:path';

/**
 * Where the `electron` package keeps its executable, read the way its own install.js and index.js
 * do. Since Electron 42 the package has no install script: the binary (about 100 MB) is fetched on
 * first use by `install-electron`, so a fresh `npm install` leaves the package without it.
 */
export type ElectronBinary =
  | { state: 'no-package'; packageDir: string }
  | { state: 'ready'; path: string; version: string }
  | { state: 'not-downloaded'; version: string; detail: string }
  /** Named by an override that points nowhere: downloading would not put a binary there. */
  | { state: 'unusable'; reason: string };

export interface FileProbe {
  exists(file: string): boolean;
  /** The file's text, or null when it cannot be read. */
  read(file: string): string | null;
}

/** install.js's getPlatformPath: the executable inside the package's dist/ folder. */
export function electronPlatformPath(platform: string): string | null {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

export function locateElectronBinary(packageDir: string, platform: string, env: NodeJS.ProcessEnv, fs: FileProbe): ElectronBinary {
  // EDGELAB_ELECTRON: an Electron executable of one's own (a system package, a local build).
  if (env.EDGELAB_ELECTRON) {
    return fs.exists(env.EDGELAB_ELECTRON) ? { state: 'ready', path: env.EDGELAB_ELECTRON, version: 'from EDGELAB_ELECTRON' } : { state: 'unusable', reason: `EDGELAB_ELECTRON names ${env.EDGELAB_ELECTRON}, which does not exist` };
  }
  const manifest = fs.read(path.join(packageDir, 'package.json'));
  if (manifest === null) return { state: 'no-package', packageDir };
  const version = (JSON.parse(manifest) as { version?: string }).version ?? 'unknown';
  const platformPath = electronPlatformPath(env.ELECTRON_INSTALL_PLATFORM ?? platform);
  if (platformPath === null) return { state: 'unusable', reason: `Electron publishes no build for ${platform}` };
  // index.js honours this override before anything else (a locally built or unpacked Electron).
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, platformPath);
    return fs.exists(binary) ? { state: 'ready', path: binary, version } : { state: 'unusable', reason: `ELECTRON_OVERRIDE_DIST_PATH names ${override}, which has no ${platformPath}` };
  }
  // install.js's isInstalled: dist/version matches the package, path.txt names this platform's binary.
  const distVersion = fs.read(path.join(packageDir, 'dist', 'version'))?.trim().replace(/^v/, '');
  const pathTxt = fs.read(path.join(packageDir, 'path.txt'));
  const binary = path.join(packageDir, 'dist', platformPath);
  if (distVersion === undefined || pathTxt === null) return { state: 'not-downloaded', version, detail: 'the package has no downloaded binary yet' };
  if (distVersion !== version) return { state: 'not-downloaded', version, detail: `the downloaded binary is Electron ${distVersion}, the package is ${version}` };
  if (pathTxt.trim() !== platformPath || !fs.exists(binary)) return { state: 'not-downloaded', version, detail: `${binary} is missing` };
  return { state: 'ready', path: binary, version };
}

/** The download location @electron/get uses: a mirror from the environment, else GitHub releases. */
export function electronDownloadBase(env: NodeJS.ProcessEnv): string {
  return env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
}
