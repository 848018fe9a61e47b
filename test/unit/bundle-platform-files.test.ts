import { describe, expect, it } from 'vitest';
import { bundleTargets, parseBundleTarget, parseNodeVersion } from '../../scripts/bundle/bundle-target.js';
import { bundlePackageJson } from '../../scripts/bundle/launcher.js';
import { keepAppFile, keepPackageFile } from '../../scripts/bundle/platform-files.js';

const arm64 = bundleTargets['linux-arm64'];
const x64 = bundleTargets['linux-x64'];

describe('which files a bundle keeps', () => {
  it("keeps only the target's onnxruntime-node binaries and the rest of the package", () => {
    const ort = (p: string, t = arm64) => keepPackageFile('onnxruntime-node', p, t);
    expect(ort('bin/napi-v6/linux/arm64/libonnxruntime.so.1')).toBe(true);
    expect(ort('bin/napi-v6/linux/arm64/onnxruntime_binding.node')).toBe(true);
    expect(ort('bin/napi-v6/linux/x64/libonnxruntime.so.1')).toBe(false);
    expect(ort('bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib')).toBe(false);
    expect(ort('bin/napi-v6/win32/arm64/onnxruntime.dll')).toBe(false);
    expect(ort('bin/napi-v6/linux/x64/onnxruntime_binding.node', x64)).toBe(true);
    expect(ort('dist/binding.js')).toBe(true);
    expect(ort('script/install.js')).toBe(true);
    // Another package with a bin/ folder is not touched.
    expect(keepPackageFile('yaml', 'bin/napi-v6/linux/x64/x.node', arm64)).toBe(true);
  });

  it('ships the built app without the bundler, the Electron shell or source maps', () => {
    expect(keepAppFile('dist/core/cli/main.js')).toBe(true);
    expect(keepAppFile('dist/renderer/index.html')).toBe(true);
    expect(keepAppFile('dist/models/generate.js')).toBe(true);
    expect(keepAppFile('bin/edgelab.js')).toBe(true);
    expect(keepAppFile('package.json')).toBe(true);
    expect(keepAppFile('dist/core/cli/main.js.map')).toBe(false);
    expect(keepAppFile('dist/scripts/bundle/bundle.js')).toBe(false);
    expect(keepAppFile('dist/electron/main.js')).toBe(false);
    expect(keepAppFile('core/cli/main.ts')).toBe(false);
    expect(keepAppFile('node_modules/zod/index.js')).toBe(false);
  });

  it("writes a package.json with what the CLI reads and none of the build's scripts or dev tools", () => {
    const kept = bundlePackageJson({ name: 'edgelab', version: '1.2.3', type: 'module', scripts: { build: 'tsc' }, dependencies: { zod: '4' }, devDependencies: { vite: '8' }, optionalDependencies: { electron: '45' } });
    expect(kept).toEqual({ name: 'edgelab', version: '1.2.3', type: 'module', dependencies: { zod: '4' } });
  });
});

describe('bundle flags', () => {
  it('accepts the two Linux platforms and refuses others, naming the value and the choices', () => {
    expect(parseBundleTarget('linux-arm64')).toBe(arm64);
    expect(parseBundleTarget('linux-x64')).toBe(x64);
    expect(() => parseBundleTarget('darwin-arm64')).toThrow(/--platform darwin-arm64 is not a bundle platform: use linux-arm64 or linux-x64/);
    expect(() => parseBundleTarget(undefined)).toThrow(/--platform is required/);
  });

  it('takes a Node 24 version only', () => {
    expect(parseNodeVersion('24.21.0')).toBe('24.21.0');
    expect(() => parseNodeVersion('22.12.0')).toThrow(/--node 22\.12\.0 is not a Node 24 version/);
    expect(() => parseNodeVersion('latest')).toThrow(/--node latest/);
  });
});
