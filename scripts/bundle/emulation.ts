import { execFile } from 'node:child_process';
import { access, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { LabError } from '../../core/api/errors.js';
import type { BundleTarget } from './bundle-target.js';

const run = promisify(execFile);

/** How to run a bundle's node on this machine: directly, or under qemu-user with a sysroot. */
export interface BundleRunner {
  /** Absolute path of the emulator put before node (EDGELAB_EMULATOR); empty when the bundle runs natively. */
  emulator: string;
  env: Record<string, string>;
  emulated: boolean;
}

const hostCpu = process.arch;

/**
 * The Debian packages that hold the aarch64 dynamic loader, glibc and libstdc++. qemu-user runs the
 * arm64 node binary but needs these to link it; Debian's cross packages are architecture `all`, so
 * `apt-get download` fetches them without root, without `dpkg --add-architecture` and without
 * installing anything. A Jetson has them as its own system libraries.
 */
const sysrootPackages = ['libc6-arm64-cross', 'libstdc++6-arm64-cross', 'libgcc-s1-arm64-cross'];

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The command's absolute path when it is on PATH. */
async function onPath(command: string): Promise<string | null> {
  try {
    const { stdout } = await run('sh', ['-c', `command -v ${command}`]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

export async function arm64Sysroot(cacheDir: string): Promise<string> {
  const fromEnv = process.env.QEMU_LD_PREFIX;
  if (fromEnv) {
    if (await exists(path.join(fromEnv, 'lib', 'ld-linux-aarch64.so.1'))) return fromEnv;
    throw new LabError('usage', `QEMU_LD_PREFIX=${fromEnv} has no lib/ld-linux-aarch64.so.1`, 'Point it at an aarch64 sysroot (e.g. /usr/aarch64-linux-gnu from libc6-arm64-cross) or unset it to have one fetched.');
  }
  const root = path.join(cacheDir, 'sysroot-arm64');
  const prefix = path.join(root, 'usr', 'aarch64-linux-gnu');
  if (await exists(path.join(prefix, 'lib', 'ld-linux-aarch64.so.1'))) return prefix;
  if (await exists('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1')) return '/usr/aarch64-linux-gnu';
  if (!(await onPath('apt-get')) || !(await onPath('dpkg-deb'))) {
    throw new LabError('unavailable', 'no aarch64 sysroot for qemu, and apt-get/dpkg-deb are not here to fetch one', `Install ${sysrootPackages.join(' ')} (Debian/Ubuntu), or set QEMU_LD_PREFIX to an aarch64 sysroot.`);
  }
  const debs = path.join(root, 'debs');
  await mkdir(debs, { recursive: true });
  try {
    await run('apt-get', ['download', ...sysrootPackages], { cwd: debs });
    for (const deb of (await readdir(debs)).filter((f) => f.endsWith('.deb'))) await run('dpkg-deb', ['-x', path.join(debs, deb), root]);
  } catch (e) {
    throw new LabError('unavailable', `apt-get download ${sysrootPackages.join(' ')} failed: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`, 'Run apt-get update, or set QEMU_LD_PREFIX to an aarch64 sysroot.');
  }
  return prefix;
}

/** Runs natively when the bundle's CPU is this machine's, else an arm64 bundle under qemu-aarch64-static. */
export async function bundleRunner(target: BundleTarget, cacheDir: string): Promise<BundleRunner> {
  if (target.cpu === hostCpu) return { emulator: '', env: {}, emulated: false };
  if (target.cpu !== 'arm64') {
    throw new LabError('unavailable', `a ${target.name} bundle cannot be run on this ${process.platform}-${hostCpu} machine`, 'Check it on a linux-x64 machine.');
  }
  const qemu = await onPath('qemu-aarch64-static');
  if (!qemu) {
    throw new LabError('unavailable', `checking a ${target.name} bundle on ${process.platform}-${hostCpu} needs qemu-aarch64-static, which is not on PATH`, 'Install it: apt-get install qemu-user-static (Debian/Ubuntu); or run the check on an arm64 machine.');
  }
  return { emulator: qemu, env: { QEMU_LD_PREFIX: await arm64Sysroot(cacheDir) }, emulated: true };
}
