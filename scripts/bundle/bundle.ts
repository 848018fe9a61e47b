import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { LabError } from '../../core/api/errors.js';
import type { BundleTarget } from './bundle-target.js';
import { bundlePackageJson, launcherScript } from './launcher.js';
import { newestVersion, requiredGlibc } from './glibc-floor.js';
import { describeNativeKind, findNativeFiles, foreignBinaries, type NativeFile } from './native-binaries.js';
import { keepAppFile, keepPackageFile } from './platform-files.js';
import { productionPackages, type PackageLock } from './production-packages.js';
import { fetchTarballs } from './registry-tarballs.js';
import { extractTgz } from './tar-reader.js';

const run = promisify(execFile);

export interface BundleOptions {
  target: BundleTarget;
  nodeVersion: string;
  /** The edgelab checkout, built (`npm run build`). */
  root: string;
  outDir: string;
  /** Registry tarballs are kept here between bundles. */
  cacheDir: string;
  /** gzip level, 1–9: 6 (default, as gzip) or 1, which writes ~2.5× faster for ~11 % more bytes. */
  compressionLevel?: number;
  log?: (line: string) => void;
}

/** What went into a bundle; also written into it as BUNDLE.json. */
export interface BundleManifest {
  edgelab: string;
  platform: string;
  /** The oldest glibc every native file inside loads on (their highest GLIBC_x.y symbol version). */
  glibc: string | null;
  node: { package: string; version: string; integrity: string };
  packages: Array<{ location: string; version: string; integrity: string }>;
  nativeFiles: Array<{ path: string; kind: string }>;
}

export interface BundleResult {
  archive: string;
  folderName: string;
  bytes: number;
  manifest: BundleManifest;
}

async function copyTree(from: string, to: string, root: string, keep: (relativePath: string) => boolean): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const relative = path.relative(root, source).split(path.sep).join('/');
    if (entry.isDirectory()) await copyTree(source, path.join(to, entry.name), root, keep);
    else if (entry.isFile() && keep(relative)) {
      await mkdir(to, { recursive: true });
      await copyFile(source, path.join(to, entry.name));
    }
  }
}

async function requireBuilt(root: string): Promise<void> {
  for (const file of ['dist/core/cli/main.js', 'dist/renderer/index.html', 'dist/models/generate.js']) {
    try {
      await stat(path.join(root, file));
    } catch {
      throw new LabError('usage', `${file} is missing: the app is not built`, 'Run `npm run build` first (`npm run bundle` does it for you).');
    }
  }
}

/** GNU tar can write owner-neutral archives in a stable order; bsdtar (macOS) writes what it finds. */
async function tarFlags(): Promise<string[]> {
  try {
    const { stdout } = await run('tar', ['--version']);
    return stdout.includes('GNU tar') ? ['--owner=0', '--group=0', '--numeric-owner', '--sort=name'] : [];
  } catch {
    throw new LabError('unavailable', 'tar was not found on PATH', 'The bundle is a .tar.gz; install tar (it ships with Linux, macOS and Windows 10+).');
  }
}

/**
 * Builds one archive for one device: `edgelab-VERSION-PLATFORM/` holding `./edgelab` (the launcher),
 * `node/bin/node` (the official Node binary from the registry's node-linux-* package), the built app
 * and the production dependencies of that platform only, fetched at the lockfile's versions. Every
 * native file inside is checked against the target's ELF machine before the archive is written.
 */
export async function buildBundle(options: BundleOptions): Promise<BundleResult> {
  const { target, root, log = () => {} } = options;
  await requireBuilt(root);
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { version: string };
  let lock: PackageLock;
  try {
    lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as PackageLock;
  } catch (e) {
    throw new LabError('input', `package-lock.json in ${root} cannot be read: ${(e as Error).message}`, 'Run npm install to write it; the bundle installs exactly the versions it pins.');
  }
  let packages;
  try {
    packages = productionPackages(lock, target);
  } catch (e) {
    throw new LabError('input', `package-lock.json: ${(e as Error).message}`);
  }
  const flags = await tarFlags();

  log(`Fetching ${packages.length} packages for ${target.name} and ${target.nodePackage}@${options.nodeVersion} (cache: ${options.cacheDir})`);
  const fetched = await fetchTarballs(
    [...packages.map((p) => ({ name: p.name, version: p.version, integrity: p.integrity })), { name: target.nodePackage, version: options.nodeVersion }],
    options.cacheDir,
  );
  const nodeTarball = fetched[fetched.length - 1] as (typeof fetched)[number];

  const folderName = `edgelab-${pkg.version}-${target.name}`;
  const staging = await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-'));
  try {
    const top = path.join(staging, folderName);
    log('Copying the built app');
    await copyTree(path.join(root, 'dist'), path.join(top, 'dist'), root, keepAppFile);
    await copyTree(path.join(root, 'bin'), path.join(top, 'bin'), root, keepAppFile);
    await copyFile(path.join(root, 'README.md'), path.join(top, 'README.md'));
    await writeFile(path.join(top, 'package.json'), JSON.stringify(bundlePackageJson(pkg), null, 2) + '\n');

    log(`Unpacking ${packages.length} packages`);
    for (const [i, p] of packages.entries()) {
      await extractTgz((fetched[i] as (typeof fetched)[number]).file, path.join(top, p.location), (relative) => keepPackageFile(p.name, relative, target));
    }
    // Only the binary and its licence: the package's headers and docs are for building addons.
    const nodeFiles = await extractTgz(nodeTarball.file, path.join(top, 'node'), (relative) => relative === 'bin/node' || relative === 'LICENSE');
    if (nodeFiles !== 2) throw new LabError('runtime', `${nodeTarball.file} holds no bin/node and LICENSE: not a node-linux-* package`);

    const native = await findNativeFiles(top);
    assertOnlyTargetBinaries(native, target, folderName);
    const floors: Array<string | null> = [];
    for (const f of native) floors.push(requiredGlibc(await readFile(path.join(top, f.path)))); // one at a time: node alone is ~120 MB
    const glibc = newestVersion(floors);
    await writeFile(path.join(top, 'edgelab'), launcherScript(target, pkg.version, options.nodeVersion, glibc), { mode: 0o755 });

    const manifest: BundleManifest = {
      edgelab: pkg.version,
      platform: target.name,
      glibc,
      node: { package: target.nodePackage, version: options.nodeVersion, integrity: nodeTarball.integrity },
      packages: packages.map((p) => ({ location: p.location, version: p.version, integrity: p.integrity })),
      nativeFiles: native.map((f) => ({ path: f.path, kind: describeNativeKind(f.kind) })),
    };
    await writeFile(path.join(top, 'BUNDLE.json'), JSON.stringify(manifest, null, 2) + '\n');

    await mkdir(options.outDir, { recursive: true });
    const archive = path.join(options.outDir, `${folderName}.tar.gz`);
    const partial = `${archive}.partial`;
    log(`Writing ${path.relative(process.cwd(), archive) || archive}`);
    // Written beside the final name and renamed, so an interrupted run never leaves a truncated
    // archive under the name a deploy script would copy.
    try {
      await writeTarGz(partial, staging, folderName, flags, options.compressionLevel ?? 6);
      await rename(partial, archive);
    } catch (e) {
      await rm(partial, { force: true });
      throw e;
    }
    return { archive, folderName, bytes: (await stat(archive)).size, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** tar writes the stream, zlib compresses it in this process: the level is ours to choose on any tar. */
async function writeTarGz(file: string, dir: string, entry: string, flags: string[], level: number): Promise<void> {
  const tar = spawn('tar', ['-cf', '-', ...flags, '-C', dir, entry], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', resolve);
  });
  await pipeline(tar.stdout, createGzip({ level }), createWriteStream(file));
  const code = await exited;
  if (code !== 0) throw new LabError('runtime', `tar failed writing ${file} (exit ${code}): ${stderr.trim()}`);
}

export function assertOnlyTargetBinaries(native: NativeFile[], target: BundleTarget, where: string): void {
  const foreign = foreignBinaries(native, target.elfMachine);
  if (foreign.length > 0) {
    throw new LabError(
      'runtime',
      `${where} holds native files that do not run on ${target.name} (${target.elfMachine}):\n` +
        foreign.map((f) => `  ${f.path}: ${describeNativeKind(f.kind)}`).join('\n'),
      'A package ships binaries for other platforms that the bundle does not prune yet: add a rule for it in scripts/bundle/platform-files.ts.',
    );
  }
}
