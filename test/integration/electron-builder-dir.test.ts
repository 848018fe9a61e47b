import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * The real electron-builder packing the real app with `--dir` (no installer), as a CI matrix job
 * would, but offline: Electron's zip cannot be downloaded on these machines, so `electronDist`
 * names a stand-in folder (a script where the electron binary goes). Everything electron-builder
 * does around it is its own: reading electron-builder.yml, collecting the production
 * node_modules through its file filters, the asar and its unpacked native modules, and the
 * beforePack hook. It runs the pinned dev dependency (electron-builder 26.18.1), or the cli.js
 * EDGELAB_ELECTRON_BUILDER names; dist/ must be built (`npm run build`).
 */
function builderCli(): string | null {
  if (process.env['EDGELAB_ELECTRON_BUILDER']) return process.env['EDGELAB_ELECTRON_BUILDER'];
  try {
    return createRequire(path.join(repoRoot, 'package.json')).resolve('electron-builder/cli.js');
  } catch {
    return null;
  }
}
const cli = builderCli();
const electronVersion = (JSON.parse(await readFile(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;

function build(arch: 'x64' | 'arm64', electronDist: string, output: string, target = 'dir', env: Record<string, string> = {}): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli!, '--linux', target, `--${arch}`, `-c.electronDist=${electronDist}`, `-c.electronVersion=${electronVersion}`, `-c.directories.output=${output}`, '--publish', 'never'], {
      cwd: repoRoot, env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, log }));
  });
}

let root: string;
let electronDist: string;
let output: string;

describe.skipIf(cli === null || process.platform !== 'linux' || process.arch !== 'x64')('electron-builder --dir on this linux/x64 machine', () => {
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'edgelab-builder-'));
    electronDist = path.join(root, 'electron-dist');
    output = path.join(root, 'release');
    await mkdir(path.join(electronDist, 'resources'), { recursive: true });
    await writeFile(path.join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n');
    await chmod(path.join(electronDist, 'electron'), 0o755);
    await writeFile(path.join(electronDist, 'version'), `v${electronVersion}`);
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("packs the app with linux/x64's ONNX Runtime binding only, unpacked beside the asar", async () => {
    const result = await build('x64', electronDist, output);
    expect(result.code, result.log.slice(-2000)).toBe(0);
    const resources = path.join(output, 'linux-unpacked', 'resources');
    expect(existsSync(path.join(resources, 'app.asar'))).toBe(true);
    const napi = path.join(resources, 'app.asar.unpacked', 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
    const platforms = await readdir(napi);
    expect(platforms).toEqual(['linux']);
    expect(await readdir(path.join(napi, 'linux'))).toEqual(['x64']);
    expect((await readdir(path.join(napi, 'linux', 'x64'))).sort()).toEqual(['libonnxruntime.so.1', 'onnxruntime_binding.node']);
  }, 300_000);

  it('gets the .deb past its metadata checks (homepage, maintainer) to fpm, which only the download can stop here', async () => {
    // fpm comes from electron-builder's binaries mirror: pointed at a closed local port, the download
    // is refused at once instead of waiting out DNS and retries on a machine without internet.
    const result = await build('x64', electronDist, path.join(output, 'deb'), 'deb', { ELECTRON_BUILDER_BINARIES_MIRROR: 'http://127.0.0.1:9/' });
    expect(result.log).not.toContain('Please specify project homepage');
    expect(result.log).not.toMatch(/author 'email'|package maintainer/);
    // Offline, fpm's download is what stops it (the metadata checks come first); where fpm can be
    // fetched, the package is built.
    if (result.code !== 0) expect(result.log).toMatch(/getaddrinfo (ENOTFOUND|EAI_AGAIN)|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/);
  }, 300_000);

  it("refuses an arm64 package from this machine, which lacks arm64's sharp, naming the command that adds it", async () => {
    const result = await build('arm64', electronDist, path.join(output, 'arm64'));
    expect(result.code).not.toBe(0);
    expect(result.log).toContain('The linux/arm64 installer would lack @img/sharp-linux-arm64');
    expect(result.log).toContain('npm install --no-save --os=linux --cpu=arm64 --libc=glibc sharp');
    expect(existsSync(path.join(output, 'arm64', 'linux-arm64-unpacked', 'resources', 'app.asar'))).toBe(false);
  }, 300_000);
});
