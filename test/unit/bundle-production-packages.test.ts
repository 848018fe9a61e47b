import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleTargets } from '../../scripts/bundle/bundle-target.js';
import { productionPackages, runsOn, type PackageLock } from '../../scripts/bundle/production-packages.js';
import { repoRoot } from '../helpers/cli.js';

// The repository's own lockfile: the bundle is built from it, so the selection is tested on it.
const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as PackageLock;
const arm64 = bundleTargets['linux-arm64'];
const x64 = bundleTargets['linux-x64'];

function names(target = arm64): string[] {
  return productionPackages(lock, target).map((p) => p.location);
}

describe('production packages for one platform, from package-lock.json', () => {
  it('linux-arm64 gets sharp for linux-arm64 glibc only, and onnxruntime-node', () => {
    const chosen = names(arm64);
    const img = chosen.filter((l) => l.startsWith('node_modules/@img/'));
    expect(img.sort()).toEqual(['node_modules/@img/colour', 'node_modules/@img/sharp-libvips-linux-arm64', 'node_modules/@img/sharp-linux-arm64']);
    expect(chosen).toContain('node_modules/onnxruntime-node');
    expect(chosen).toContain('node_modules/onnxruntime-common');
    expect(chosen).toContain('node_modules/sharp');
  });

  it('linux-x64 gets the x64 glibc sharp packages and none of arm64, musl, wasm, macOS or Windows', () => {
    const img = names(x64).filter((l) => l.startsWith('node_modules/@img/'));
    expect(img.sort()).toEqual(['node_modules/@img/colour', 'node_modules/@img/sharp-libvips-linux-x64', 'node_modules/@img/sharp-linux-x64']);
  });

  it('every dependency of package.json is in, and no dev tool, Electron or what only they need', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const chosen = new Set(names());
    for (const dep of Object.keys(pkg.dependencies)) expect(chosen, dep).toContain(`node_modules/${dep}`);
    for (const absent of ['electron', '@electron/get', 'vitest', 'vite', 'typescript', 'playwright-core', '@types/node']) {
      expect(chosen, absent).not.toContain(`node_modules/${absent}`);
    }
    // Nothing the lockfile marks dev-only slips in through a shared name.
    for (const location of chosen) expect(lock.packages?.[location]?.dev, location).not.toBe(true);
  });

  it('pins each package to the lockfile version and integrity', () => {
    for (const p of productionPackages(lock, arm64)) {
      expect(p.version).toBe(lock.packages?.[p.location]?.version);
      expect(p.integrity).toMatch(/^sha(512|384|256|1)-/);
    }
  });
});

describe('the lockfile walk', () => {
  const target = arm64;
  const base = (packages: PackageLock['packages']): PackageLock => ({ lockfileVersion: 3, packages });
  const pkg = (extra: object = {}) => ({ version: '1.0.0', integrity: 'sha512-x', ...extra });

  it('resolves a nested copy before the hoisted one, as Node does', () => {
    const lock = base({
      '': { dependencies: { a: '1', b: '1' } },
      'node_modules/a': pkg({ dependencies: { b: '2' } }),
      'node_modules/a/node_modules/b': pkg({ version: '2.0.0' }),
      'node_modules/b': pkg(),
    });
    expect(productionPackages(lock, target).map((p) => `${p.location}@${p.version}`)).toEqual([
      'node_modules/a@1.0.0',
      'node_modules/a/node_modules/b@2.0.0',
      'node_modules/b@1.0.0',
    ]);
  });

  it('reads os/cpu/libc lists the way npm does, negations included', () => {
    expect(runsOn({ cpu: ['arm64'] }, target)).toBe(true);
    expect(runsOn({ cpu: ['x64'] }, target)).toBe(false);
    expect(runsOn({ cpu: ['!x64'] }, target)).toBe(true);
    expect(runsOn({ os: ['!linux'] }, target)).toBe(false);
    expect(runsOn({ libc: ['musl'] }, target)).toBe(false);
    expect(runsOn({}, target)).toBe(true);
  });

  it('follows required peers and skips optional ones', () => {
    const lock = base({
      '': { dependencies: { 'react-dom': '1' } },
      'node_modules/react-dom': pkg({ peerDependencies: { react: '1', types: '1' }, peerDependenciesMeta: { types: { optional: true } } }),
      'node_modules/react': pkg(),
      'node_modules/types': pkg(),
    });
    expect(productionPackages(lock, target).map((p) => p.location)).toEqual(['node_modules/react', 'node_modules/react-dom']);
  });

  it("leaves a bundled dependency to its parent's tarball", () => {
    const lock = base({
      '': { dependencies: { a: '1' } },
      'node_modules/a': pkg({ dependencies: { inside: '1' } }),
      'node_modules/a/node_modules/inside': { version: '1.0.0', inBundle: true },
    });
    expect(productionPackages(lock, target).map((p) => p.location)).toEqual(['node_modules/a']);
  });

  it('refuses a lockfile it cannot trust, naming the package', () => {
    expect(() => productionPackages({ lockfileVersion: 1 }, target)).toThrow(/lockfileVersion 2 or 3/);
    expect(() => productionPackages(base({ '': { dependencies: { gone: '1' } } }), target)).toThrow(/does not list gone/);
    expect(() => productionPackages(base({ '': { dependencies: { a: '1' } }, 'node_modules/a': { version: '1.0.0' } }), target)).toThrow(/no version or integrity for node_modules\/a/);
    expect(() => productionPackages(base({ '': { dependencies: { a: '1' } }, 'node_modules/a': pkg({ cpu: ['x64'] }) }), target)).toThrow(/a does not support linux-arm64/);
  });
});
