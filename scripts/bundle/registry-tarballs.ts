import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LabError } from '../../core/api/errors.js';

const run = promisify(execFile);

export interface TarballRequest {
  name: string;
  version: string;
  /** Subresource Integrity the tarball must match (`sha512-…`); undefined: record what came. */
  integrity?: string;
}

export interface FetchedTarball extends TarballRequest {
  file: string;
  integrity: string;
}

/** npm's file name for a packed tarball: `@img/sharp-linux-arm64@0.35.5` → `img-sharp-linux-arm64-0.35.5.tgz`. */
export function tarballFileName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

export function integrityOf(bytes: Uint8Array, algorithm = 'sha512'): string {
  return `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
}

/** True when the bytes match one of the integrity string's hashes (SRI may list several). */
export function matchesIntegrity(bytes: Uint8Array, integrity: string): boolean {
  return integrity.split(/\s+/).filter(Boolean).some((entry) => {
    const algorithm = entry.slice(0, entry.indexOf('-'));
    return ['sha512', 'sha384', 'sha256', 'sha1'].includes(algorithm) && integrityOf(bytes, algorithm) === entry;
  });
}

/** The npm the user ran (`npm run bundle` sets npm_execpath), else the one on PATH. */
function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && cli.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
}

async function cachedOk(file: string, integrity: string | undefined): Promise<string | null> {
  try {
    const bytes = await readFile(file);
    if (integrity === undefined) return integrityOf(bytes);
    return matchesIntegrity(bytes, integrity) ? integrity : null;
  } catch {
    return null;
  }
}

/**
 * Registry tarballs of exact versions, through `npm pack` so npm's own cache, registry and proxy
 * settings apply. Each tarball is checked against the lockfile's integrity: the bundle carries what
 * the lockfile pinned and nothing a mirror swapped in. Tarballs stay in `cacheDir`, so a second bundle
 * (or the other platform's) needs no network for the packages they share.
 */
export async function fetchTarballs(requests: TarballRequest[], cacheDir: string): Promise<FetchedTarball[]> {
  await mkdir(cacheDir, { recursive: true });
  const missing: TarballRequest[] = [];
  for (const r of requests) {
    if (!(await cachedOk(path.join(cacheDir, tarballFileName(r.name, r.version)), r.integrity))) missing.push(r);
  }
  // npm pack takes many specs at once; batches keep the command line short and one slow package
  // from hiding the progress of the rest.
  for (let i = 0; i < missing.length; i += 40) {
    const batch = missing.slice(i, i + 40);
    const [command, prefix] = npmCommand();
    // Packed into a folder of its own, then renamed into the cache one by one: two bundles built at
    // once (both platforms) never see each other's half-written tarball.
    const incoming = await mkdtemp(path.join(cacheDir, '.incoming-'));
    try {
      await run(command, [...prefix, 'pack', '--silent', '--json', '--pack-destination', incoming, ...batch.map((r) => `${r.name}@${r.version}`)], {
        cwd: incoming,
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
      });
      for (const r of batch) {
        const name = tarballFileName(r.name, r.version);
        await rename(path.join(incoming, name), path.join(cacheDir, name));
      }
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr?.trim().split('\n').slice(-6).join('\n') || (e as Error).message;
      throw new LabError(
        'runtime',
        `npm pack could not fetch ${batch.map((r) => `${r.name}@${r.version}`).join(', ')}:\n${stderr}`,
        'The bundle is built on a machine that reaches the npm registry (or has these tarballs in its npm cache); the device itself needs no network.',
      );
    } finally {
      await rm(incoming, { recursive: true, force: true });
    }
  }
  const fetched: FetchedTarball[] = [];
  for (const r of requests) {
    const file = path.join(cacheDir, tarballFileName(r.name, r.version));
    const integrity = await cachedOk(file, r.integrity);
    if (!integrity) {
      throw new LabError(
        'runtime',
        `${r.name}@${r.version} from the registry does not match package-lock.json's integrity ${r.integrity}`,
        'The registry or a mirror served different bytes than the lockfile pinned; check your registry settings before bundling.',
      );
    }
    fetched.push({ ...r, file, integrity });
  }
  return fetched;
}
