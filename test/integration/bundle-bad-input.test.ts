import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { buildBundle } from '../../scripts/bundle/bundle.js';
import { bundleTargets } from '../../scripts/bundle/bundle-target.js';
import { repoRoot } from '../helpers/cli.js';

/** The compiled scripts, as `npm run bundle` and `npm run check:bundle` run them. */
function script(name: 'bundle-cli' | 'check-cli', args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'scripts', 'bundle', `${name}.js`), ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
}

function expectRefusal(r: ReturnType<typeof script>, code: number, ...mentions: (string | RegExp)[]) {
  expect(r.status, r.stderr).toBe(code);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // a message, not a stack trace
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-bad-'));
});

describe('npm run bundle refuses bad flags before fetching anything', () => {
  it('no platform, an unknown platform, a Node that is not 24, an unknown flag', () => {
    expectRefusal(script('bundle-cli', []), 2, /edgelab bundle: --platform is required: linux-arm64 or linux-x64/);
    expectRefusal(script('bundle-cli', ['--platform', 'win32-x64']), 2, /--platform win32-x64 is not a bundle platform/);
    expectRefusal(script('bundle-cli', ['--platform', 'linux-arm64', '--node', '22.12.0']), 2, /--node 22\.12\.0 is not a Node 24 version/);
    expectRefusal(script('bundle-cli', ['--platform', 'linux-arm64', '--gzip']), 2, /--gzip/);
  });

  it('an unbuilt checkout and an unreadable or incomplete lockfile name the file', async () => {
    const root = path.join(dir, 'checkout');
    await mkdir(root, { recursive: true });
    const target = bundleTargets['linux-arm64'];
    const options = { target, nodeVersion: '24.21.0', root, outDir: path.join(dir, 'out'), cacheDir: path.join(dir, 'cache') };
    await expect(buildBundle(options)).rejects.toThrow(/dist\/core\/cli\/main\.js is missing: the app is not built/);
    for (const file of ['dist/core/cli/main.js', 'dist/renderer/index.html', 'dist/models/generate.js']) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), '');
    }
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'edgelab', version: '0.0.1', dependencies: { zod: '^4' } }));
    await writeFile(path.join(root, 'package-lock.json'), '{ "lockfileVersion": 3, ');
    const unreadable = await buildBundle(options).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(LabError);
    expect((unreadable as LabError).kind).toBe('input');
    expect((unreadable as LabError).message).toMatch(/package-lock\.json in .* cannot be read/);
    await writeFile(path.join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { dependencies: { zod: '^4' } }, 'node_modules/zod': { version: '4.0.0' } } }));
    await expect(buildBundle(options)).rejects.toThrow(/no version or integrity for node_modules\/zod/);
  });
});

describe('npm run check:bundle on archives that are not a good bundle', () => {
  it('a missing archive or model is named, exit 2', () => {
    expectRefusal(script('check-cli', ['--platform', 'linux-x64', '--archive', path.join(dir, 'gone.tar.gz')]), 2, /gone\.tar\.gz does not exist/, /npm run bundle -- --platform linux-x64/);
    expectRefusal(script('check-cli', ['--platform', 'linux-x64', '--archive', path.join(repoRoot, 'package.json'), '--model', path.join(dir, 'gone.onnx')]), 2, /gone\.onnx does not exist/);
  });

  it('a file that is not a .tar.gz is named, exit 2', async () => {
    const notes = path.join(dir, 'notes.tar.gz');
    await writeFile(notes, 'not an archive\n');
    expectRefusal(script('check-cli', ['--platform', 'linux-x64', '--archive', notes]), 2, /notes\.tar\.gz is not a readable \.tar\.gz/);
  });

  it('an archive without the launcher folder fails the layout check, exit 1', async () => {
    const loose = path.join(dir, 'loose');
    await mkdir(loose);
    await writeFile(path.join(loose, 'edgelab'), '#!/bin/sh\n', { mode: 0o755 });
    await writeFile(path.join(loose, 'README.md'), 'x');
    const archive = path.join(dir, 'loose.tar.gz');
    spawnSync('tar', ['-czf', archive, '-C', loose, 'edgelab', 'README.md']);
    expectRefusal(script('check-cli', ['--platform', 'linux-x64', '--archive', archive]), 1, /FAIL layout: the archive must hold one top folder/, /edgelab, README\.md/);
  });

  it("a bundle holding another platform's binary fails the binaries check and names the file, exit 1", async () => {
    // A real aarch64 ONNX Runtime binding where an x64 bundle should hold an x64 one.
    const top = path.join(dir, 'wrong', 'edgelab-0.0.1-linux-x64');
    const bin = path.join(top, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'x64');
    await mkdir(bin, { recursive: true });
    await copyFile(path.join(repoRoot, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'arm64', 'onnxruntime_binding.node'), path.join(bin, 'onnxruntime_binding.node'));
    await writeFile(path.join(top, 'edgelab'), '#!/bin/sh\necho "no node inside" >&2\nexit 3\n', { mode: 0o755 });
    await writeFile(path.join(top, 'BUNDLE.json'), JSON.stringify({ platform: 'linux-x64', node: { version: '24.21.0' }, packages: [] }));
    const archive = path.join(dir, 'edgelab-0.0.1-linux-x64.tar.gz');
    spawnSync('tar', ['-czf', archive, '-C', path.join(dir, 'wrong'), 'edgelab-0.0.1-linux-x64']);
    const r = script('check-cli', ['--platform', 'linux-x64', '--archive', archive]);
    expectRefusal(r, 1, /FAIL native binaries: node_modules\/onnxruntime-node\/bin\/napi-v6\/linux\/x64\/onnxruntime_binding\.node is ELF 64-bit aarch64/, /FAIL required binaries: missing: Node\.js/, /checks failed/);
  });
});
