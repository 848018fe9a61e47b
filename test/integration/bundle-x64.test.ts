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
 * The linux-x64 bundle runs natively here: unpacked into an empty folder and started with PATH cut
 * to /usr/bin:/bin, it answers --help and inspect, benchmarks a model with its own Node and ONNX
 * Runtime, and verifies the evidence it wrote.
 */
const target = bundleTargets['linux-x64'];
let bundle: BundleResult;
let check: BundleCheck;

describe.skipIf(process.arch !== 'x64' || process.platform !== 'linux')('the linux-x64 bundle', () => {
  beforeAll(async () => {
    bundle = await buildBundle({
      target,
      nodeVersion: process.versions.node.startsWith('24.') ? process.versions.node : '24.21.0',
      root: repoRoot,
      outDir: await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-x64-')),
      compressionLevel: 1,
      cacheDir: path.join(repoRoot, '.bundle-cache'),
    });
    check = await checkBundle({ archive: bundle.archive, target, models: [await modelPath('tiny-classifier')], cacheDir: path.join(repoRoot, '.bundle-cache') });
  }, 600_000);

  it('holds only x86-64 binaries and no development packages', () => {
    for (const f of check.nativeFiles) expect(f.kind, f.path).toEqual({ format: 'elf', machine: 'x86-64', bits: 64 });
    expect(check.nativeFiles.map((f) => f.path)).toContain('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1');
    expect(check.steps.find((s) => s.name === 'no development packages')?.ok).toBe(true);
  });

  it('runs --help, inspect, a bench on its own Node and ONNX Runtime, and runs verify', () => {
    for (const s of check.steps) expect(s.ok, `${s.name}: ${s.detail}`).toBe(true);
    const bench = check.steps.find((s) => s.name.startsWith('./edgelab bench'));
    expect(bench?.detail).toContain(`on Node ${bundle.manifest.node.version}`);
    expect(check.steps.find((s) => s.name === './edgelab runs verify')?.detail).toMatch(/ok: 1 records?/);
    expect(check.emulated).toBe(false);
  });
});
