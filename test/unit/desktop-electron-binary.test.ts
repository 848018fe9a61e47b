import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { electronDownloadBase, locateElectronBinary, type FileProbe } from '../../core/desktop/electron-binary.js';

// The package's files as install.js leaves them; a map stands in for the disk.
function disk(files: Record<string, string>): FileProbe {
  return { exists: (f) => f in files, read: (f) => files[f] ?? null };
}
const pkg = '/app/node_modules/electron';
const manifest = { [path.join(pkg, 'package.json')]: JSON.stringify({ name: 'electron', version: '45.4.1' }) };

describe("locating Electron's binary", () => {
  test('no package: nothing to download with', () => {
    expect(locateElectronBinary(pkg, 'linux', {}, disk({})).state).toBe('no-package');
  });

  test('a fresh npm install (Electron 42+): the package without dist/ needs the download', () => {
    expect(locateElectronBinary(pkg, 'linux', {}, disk(manifest))).toEqual({ state: 'not-downloaded', version: '45.4.1', detail: 'the package has no downloaded binary yet' });
  });

  test('after install-electron: dist/version, path.txt and the executable', () => {
    const files = { ...manifest, [path.join(pkg, 'dist', 'version')]: 'v45.4.1', [path.join(pkg, 'path.txt')]: 'electron', [path.join(pkg, 'dist', 'electron')]: '' };
    expect(locateElectronBinary(pkg, 'linux', {}, disk(files))).toEqual({ state: 'ready', path: path.join(pkg, 'dist', 'electron'), version: '45.4.1' });
  });

  test('macOS finds the executable inside Electron.app', () => {
    const exe = 'Electron.app/Contents/MacOS/Electron';
    const files = { ...manifest, [path.join(pkg, 'dist', 'version')]: '45.4.1', [path.join(pkg, 'path.txt')]: exe, [path.join(pkg, 'dist', exe)]: '' };
    expect(locateElectronBinary(pkg, 'darwin', {}, disk(files))).toMatchObject({ state: 'ready', path: path.join(pkg, 'dist', exe) });
  });

  test('a binary left from an older package version is downloaded again, as install.js would', () => {
    const files = { ...manifest, [path.join(pkg, 'dist', 'version')]: 'v44.0.0', [path.join(pkg, 'path.txt')]: 'electron', [path.join(pkg, 'dist', 'electron')]: '' };
    expect(locateElectronBinary(pkg, 'linux', {}, disk(files))).toMatchObject({ state: 'not-downloaded', detail: 'the downloaded binary is Electron 44.0.0, the package is 45.4.1' });
  });

  test('overrides that point nowhere are reported, not downloaded over', () => {
    expect(locateElectronBinary(pkg, 'linux', { EDGELAB_ELECTRON: '/nope/electron' }, disk(manifest))).toEqual({ state: 'unusable', reason: 'EDGELAB_ELECTRON names /nope/electron, which does not exist' });
    expect(locateElectronBinary(pkg, 'linux', { ELECTRON_OVERRIDE_DIST_PATH: '/build/out' }, disk(manifest))).toMatchObject({ state: 'unusable' });
    expect(locateElectronBinary(pkg, 'linux', { ELECTRON_OVERRIDE_DIST_PATH: '/build/out' }, disk({ ...manifest, [path.join('/build/out', 'electron')]: '' }))).toMatchObject({ state: 'ready', path: path.join('/build/out', 'electron') });
  });

  test('the download source follows ELECTRON_MIRROR as @electron/get does', () => {
    expect(electronDownloadBase({})).toBe('https://github.com/electron/electron/releases/download/');
    expect(electronDownloadBase({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('https://npmmirror.com/mirrors/electron/');
  });
});
