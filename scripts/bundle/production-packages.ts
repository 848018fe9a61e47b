import type { BundleTarget } from './bundle-target.js';

/** One `packages` entry of package-lock.json (lockfileVersion 2 or 3), the fields a bundle reads. */
export interface LockedPackage {
  version?: string;
  resolved?: string;
  integrity?: string;
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
  /** Shipped inside its parent's tarball (the parent's bundleDependencies), not fetched on its own. */
  inBundle?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface PackageLock {
  lockfileVersion?: number;
  packages?: Record<string, LockedPackage>;
}

/** A package the bundle installs, at the place in node_modules/ the lockfile gives it. */
export interface BundledPackage {
  /** `node_modules/a/node_modules/b`: the lockfile key, also the folder in the bundle. */
  location: string;
  name: string;
  version: string;
  /** The lockfile's Subresource Integrity string; the fetched tarball must match it. */
  integrity: string;
}

/** Packages the app needs in development or only for the desktop shell, never on a device. */
export const excludedFromBundle = new Set(['electron']);

function nameOf(location: string): string {
  return location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/** npm's own rule: a list matches when it names the value, or when every entry is `!other`. */
function listAllows(list: string[] | undefined, value: string): boolean {
  if (!list || list.length === 0) return true;
  if (list.includes(value)) return true;
  if (list.includes(`!${value}`)) return false;
  return list.every((entry) => entry.startsWith('!'));
}

export function runsOn(pkg: LockedPackage, target: BundleTarget): boolean {
  return listAllows(pkg.os, target.os) && listAllows(pkg.cpu, target.cpu) && listAllows(pkg.libc, target.libc);
}

/**
 * Node's module resolution over the lockfile's keys: from the package at `from`, `name` is the
 * nearest `node_modules/name` walking up the nesting.
 */
function resolveIn(packages: Record<string, LockedPackage>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/**
 * The production dependency tree of the root package for one platform, read from the lockfile alone
 * (not from the local node_modules/, which holds this machine's platform, dev tools and Electron):
 * dependencies, optional dependencies whose os/cpu/libc match the target, and required peers,
 * followed transitively. The result is what `npm ci --omit=dev` would install on the device,
 * at the versions and with the integrity the lockfile pins.
 */
export function productionPackages(lock: PackageLock, target: BundleTarget): BundledPackage[] {
  const packages = lock.packages;
  const root = packages?.[''];
  if (!packages || !root) {
    throw new Error('package-lock.json has no "packages" section (lockfileVersion 2 or 3 is needed; run npm install with npm 7 or later)');
  }
  const chosen = new Map<string, BundledPackage>();
  const queue: string[] = [''];
  while (queue.length > 0) {
    const from = queue.shift() as string;
    const pkg = packages[from] as LockedPackage;
    const edges: Array<[string, boolean]> = [
      ...Object.keys(pkg.dependencies ?? {}).map((n): [string, boolean] => [n, false]),
      ...Object.keys(pkg.optionalDependencies ?? {}).map((n): [string, boolean] => [n, true]),
      ...Object.keys(pkg.peerDependencies ?? {})
        .filter((n) => !pkg.peerDependenciesMeta?.[n]?.optional)
        .map((n): [string, boolean] => [n, false]),
    ];
    for (const [name, optional] of edges) {
      if (from === '' && excludedFromBundle.has(name)) continue;
      const location = resolveIn(packages, from, name);
      if (!location) {
        if (optional) continue;
        throw new Error(`package-lock.json does not list ${name}, which ${from || 'edgelab'} depends on: run npm install to bring the lockfile up to date`);
      }
      if (chosen.has(location)) continue;
      const locked = packages[location] as LockedPackage;
      if (locked.inBundle) continue;
      if (locked.link) throw new Error(`${location} is a linked package (npm link or a workspace): a bundle needs registry packages`);
      if (!runsOn(locked, target)) {
        if (optional || locked.optional) continue;
        throw new Error(`${name} does not support ${target.name} (os ${locked.os?.join(',') ?? 'any'}, cpu ${locked.cpu?.join(',') ?? 'any'}), but ${from || 'edgelab'} requires it`);
      }
      if (!locked.version || !locked.integrity) {
        throw new Error(`package-lock.json has no version or integrity for ${location}: run npm install to bring the lockfile up to date`);
      }
      chosen.set(location, { location, name: nameOf(location), version: locked.version, integrity: locked.integrity });
      queue.push(location);
    }
  }
  return [...chosen.values()].sort((a, b) => a.location.localeCompare(b.location));
}
