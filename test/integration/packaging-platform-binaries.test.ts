import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { nodeModuleFilter } from '../helpers/builder-files.js';
import { repoRoot } from '../helpers/cli.js';

// No installer can be built here: electron-builder is not installed, and it downloads Electron and
// fpm, which these machines cannot reach. So this walks the real onnxruntime-node folder the way
// electron-builder's NodeModuleCopyHelper does (a folder the filter refuses is not entered) through
// the filter it builds from electron-builder.yml, for every installer target the file names.
type Platform = 'linux' | 'mac' | 'win';
interface BuilderConfig {
  files: string[];
  linux: { files?: string[]; target: { target: string; arch: string[] }[] };
  mac: { files?: string[]; target: { target: string; arch: string[] }[] };
  win: { files?: string[]; target: { target: string; arch: string[] }[] };
}
const config = parseYaml(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const ortBin = 'node_modules/onnxruntime-node/bin/napi-v6';
const nodePlatform: Record<Platform, string> = { linux: 'linux', mac: 'darwin', win: 'win32' };

/** The files under onnxruntime-node's bin/ that the packed app would carry, with their bytes. */
function packedOrtFiles(platform: Platform, arch: string): Map<string, number> {
  const keep = nodeModuleFilter(config.files, config[platform].files ?? [], arch);
  const kept = new Map<string, number>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (!keep(child, entry.isDirectory())) continue;
      if (entry.isDirectory()) walk(child);
      else kept.set(child, statSync(path.join(repoRoot, child)).size);
    }
  };
  walk(ortBin);
  return kept;
}

const targets = (['linux', 'mac', 'win'] as const).flatMap((platform) => [...new Set(config[platform].target.flatMap((t) => t.arch))].map((arch) => ({ platform, arch })));

describe("each installer carries its own platform's ONNX Runtime binaries and no other", () => {
  test.each(targets)('$platform $arch', ({ platform, arch }) => {
    const files = packedOrtFiles(platform, arch);
    const own = `${ortBin}/${nodePlatform[platform]}/${arch}/`;
    expect([...files.keys()].filter((f) => !f.startsWith(own))).toEqual([]);
    // Its own binding and runtime library are there (the app cannot measure without them).
    const names = [...files.keys()].map((f) => f.slice(own.length));
    expect(names).toContain('onnxruntime_binding.node');
    expect(names.some((n) => /^(lib)?onnxruntime[.\d]*\.(so(\.\d+)*|dylib|dll)$/.test(n))).toBe(true);
    // Exactly its own folder's bytes: nothing of darwin/arm64 (86 MB) or another CPU in a Linux x64 app.
    const ownBytes = readdirSync(path.join(repoRoot, own)).reduce((sum, n) => sum + statSync(path.join(repoRoot, own, n)).size, 0);
    expect([...files.values()].reduce((a, b) => a + b, 0)).toBe(ownBytes);
  });
});

test('the Debian package has what fpm asks for: a homepage, a maintainer and a description', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { homepage?: string; description?: string };
  const yaml = parseYaml(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as { linux: { maintainer?: string } };
  expect(new URL(manifest.homepage ?? '').protocol).toBe('https:');
  expect(manifest.description).toBeTruthy();
  expect(yaml.linux.maintainer).toBeTruthy();
});
