import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

/**
 * The README's "Execution providers by platform" table is read from onnxruntime-node's own files;
 * these checks fail when an upgrade changes what it ships, so the table is revisited with it.
 */
const ortRoot = path.join(repoRoot, 'node_modules', 'onnxruntime-node');
const napi = path.join(ortRoot, 'bin', 'napi-v6');
const require = createRequire(import.meta.url);

function files(platform: string): string[] {
  return readdirSync(path.join(napi, platform)).sort();
}

describe("onnxruntime-node's builds, as the README's providers table states them", () => {
  it('ships Linux x64/arm64, Windows x64/arm64 and macOS arm64 only (no Intel Mac)', () => {
    const platforms = readdirSync(napi).flatMap((os) => readdirSync(path.join(napi, os)).map((cpu) => `${os}/${cpu}`));
    expect(platforms.sort()).toEqual(['darwin/arm64', 'linux/arm64', 'linux/x64', 'win32/arm64', 'win32/x64']);
  });

  it('linux-arm64 is the binding and the core library only: no provider libraries, nothing to download', () => {
    expect(files('linux/arm64')).toEqual(['libonnxruntime.so.1', 'onnxruntime_binding.node']);
    const metadata = require(path.join(ortRoot, 'script', 'install-metadata.js')) as { requirements: Record<string, string[]> };
    expect(metadata.requirements['linux/arm64']).toEqual([]);
  });

  it('linux-x64 gets CUDA and TensorRT only through the separate cuda12 download', () => {
    const metadata = require(path.join(ortRoot, 'script', 'install-metadata.js')) as {
      requirements: Record<string, string[]>;
      manifests: Record<string, Record<string, unknown>>;
    };
    expect(metadata.requirements['linux/x64']).toEqual(['cuda12']);
    expect(Object.keys(metadata.manifests['linux/x64:cuda12'] ?? {}).sort()).toEqual([
      './libonnxruntime_providers_cuda.so',
      './libonnxruntime_providers_shared.so',
      './libonnxruntime_providers_tensorrt.so',
    ]);
  });

  it('Windows carries DirectML inside the package', () => {
    expect(files('win32/x64')).toContain('DirectML.dll');
    expect(files('win32/arm64')).toContain('DirectML.dll');
  });

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')('on linux-x64 the binding lists cpu and webgpu as bundled, cuda and tensorrt as not', () => {
    const ort = require('onnxruntime-node') as { listSupportedBackends: () => Array<{ name: string; bundled: boolean }> };
    expect(ort.listSupportedBackends()).toEqual([
      { name: 'cpu', bundled: true },
      { name: 'webgpu', bundled: true },
      { name: 'cuda', bundled: false },
      { name: 'tensorrt', bundled: false },
    ]);
  });
});
