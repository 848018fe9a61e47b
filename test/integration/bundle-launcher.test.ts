import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleTargets } from '../../scripts/bundle/bundle-target.js';
import { launcherScript } from '../../scripts/bundle/launcher.js';
import { repoRoot } from '../helpers/cli.js';

/**
 * The real launcher script in a bundle-shaped folder whose node/bin/node is the Node running the
 * tests and whose app is this checkout's bin/ and dist/ (linked, not copied). The device with an old
 * glibc cannot run here, so a `getconf` earlier on PATH answers as one would ("glibc 2.27").
 */
let bundle: string;
let fakeBin: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-launcher-'));
  bundle = path.join(dir, 'edgelab-0.1.0-linux-x64');
  await mkdir(path.join(bundle, 'node', 'bin'), { recursive: true });
  await symlink(process.execPath, path.join(bundle, 'node', 'bin', 'node'));
  for (const linked of ['bin', 'dist', 'node_modules']) await symlink(path.join(repoRoot, linked), path.join(bundle, linked));
  await copyFile(path.join(repoRoot, 'package.json'), path.join(bundle, 'package.json'));
  await writeFile(path.join(bundle, 'edgelab'), launcherScript(bundleTargets['linux-x64'], '0.1.0', '24.21.0', '2.28'), { mode: 0o755 });
  fakeBin = path.join(dir, 'fake-bin');
  await mkdir(fakeBin);
});

async function withGetconf(answer: string): Promise<string> {
  const folder = path.join(fakeBin, answer.replace(/\W/g, '_'));
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'getconf'), `#!/bin/sh\n[ "$1" = GNU_LIBC_VERSION ] && echo "${answer}"\n`, { mode: 0o755 });
  return `${folder}:/usr/bin:/bin`;
}

function launch(file: string, args: string[], env: Record<string, string>) {
  return spawnSync(file, args, { cwd: tmpdir(), env: { HOME: tmpdir(), ...env }, encoding: 'utf8', timeout: 50_000 });
}

describe('the bundle launcher', () => {
  it('runs the bundled node on the bundled CLI, with only the system folders on PATH', () => {
    const r = launch(path.join(bundle, 'edgelab'), ['--help'], { PATH: '/usr/bin:/bin' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: edgelab COMMAND');
  });

  it('follows a symlink on PATH back to the bundle', async () => {
    const onPath = path.join(fakeBin, 'edgelab');
    await symlink(path.join(bundle, 'edgelab'), onPath);
    const r = launch(onPath, ['--help'], { PATH: '/usr/bin:/bin' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: edgelab COMMAND');
  });

  it('refuses an older glibc in plain words, exit 3, before the loader fails', async () => {
    const r = launch(path.join(bundle, 'edgelab'), ['--help'], { PATH: await withGetconf('glibc 2.27') });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('this bundle needs glibc 2.28 or later');
    expect(r.stderr).toContain('this system has glibc 2.27');
    expect(r.stderr).toContain('JetPack 5 or later');
    expect(r.stdout).toBe('');
  });

  it('runs on the same or a newer glibc, minor versions compared as numbers', async () => {
    for (const answer of ['glibc 2.28', 'glibc 2.36', 'glibc 3.0']) {
      const r = launch(path.join(bundle, 'edgelab'), ['--help'], { PATH: await withGetconf(answer) });
      expect(r.status, `${answer}: ${r.stderr}`).toBe(0);
    }
  });

  it('puts $EDGELAB_EMULATOR in front of node and skips the glibc check under it', async () => {
    // env(1) as the "emulator": it runs node unchanged, which is what a prefix must allow.
    const r = launch(path.join(bundle, 'edgelab'), ['--help'], { PATH: await withGetconf('glibc 2.17'), EDGELAB_EMULATOR: '/usr/bin/env' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: edgelab COMMAND');
  });
});
