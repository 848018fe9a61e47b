import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { asarUnpacks, builderIncludes, mainFilePatterns } from '../helpers/builder-files.js';
import { repoRoot } from '../helpers/cli.js';
import { importGraph, type ImportGraph } from '../helpers/import-graph.js';
import { ORT_NATIVE_TARGETS } from '../../electron/platform-support.js';

// No installer can be built here (electron-builder downloads Electron), so this checks what it
// would pack: the compiled entry points' imports, followed through dist/, against the `files` and
// `asarUnpack` patterns of electron-builder.yml as electron-builder matches them.
const entries = {
  main: 'dist/electron/main.js',
  preload: 'dist/electron/preload.cjs',
  runner: 'dist/core/runner/runner-main.js',
} as const;

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  linux: { target: { target: string; arch: string[] }[] };
  mac: { target: { target: string; arch: string[] }[] };
  win: { target: { target: string; arch: string[] }[] };
  deb?: { depends?: string[] };
}
const config = parseYaml(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const packed = builderIncludes(mainFilePatterns(config.files, { buildResources: config.directories.buildResources, output: config.directories.output }));
const unpacked = asarUnpacks(config.asarUnpack);
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const relative = (file: string) => path.relative(repoRoot, file).split(path.sep).join('/');

const graphs = new Map<string, ImportGraph>();
beforeAll(async () => {
  for (const entry of Object.values(entries)) {
    if (!existsSync(path.join(repoRoot, entry))) throw new Error(`${entry} is not built: run \`npm run build\` first (it compiles the shell too).`);
    graphs.set(entry, await importGraph([path.join(repoRoot, entry)]));
  }
});

describe('the installer carries what the app loads', () => {
  test.each(Object.entries(entries))('every module the %s loads is matched by `files`', (_name, entry) => {
    const graph = graphs.get(entry)!;
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.size).toBeGreaterThan(entry.endsWith('.cjs') ? 0 : 20);
    expect([...graph.files].map(relative).filter((file) => !packed(file))).toEqual([]);
  });

  test('the runner reaches the ONNX writer under dist/models, which is packed', () => {
    const runnerFiles = [...graphs.get(entries.runner)!.files].map(relative);
    expect(runnerFiles).toContain('dist/models/onnx-builder.js');
    expect(packed('dist/models/onnx-builder.js')).toBe(true);
  });

  test('files loaded by path rather than import are packed: package.json, the UI bundle, the preload, the runner', () => {
    const renderer = readdirSync(path.join(repoRoot, 'dist', 'renderer'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith('.map'))
      .map((e) => relative(path.join(e.parentPath, e.name)));
    expect(renderer).toContain('dist/renderer/index.html');
    expect(['package.json', entries.preload, entries.runner, ...renderer].filter((file) => !packed(file))).toEqual([]);
  });

  test('sources, tests, maps and the packing hook stay out', () => {
    for (const file of ['core/lab/lab-service.ts', 'electron/main.ts', 'test/unit/electron-app-menu.test.ts', 'dist/electron/main.js.map', 'dist/electron/before-pack.cjs', 'dist/bench/overhead.js', 'models/generated/mobilenet-tiny.onnx', 'package-lock.json', 'release/linux-unpacked/edgelab']) {
      expect(packed(file), file).toBe(false);
    }
  });

  test('every package they import is a production dependency; electron is not one', () => {
    const imported = new Set([...graphs.values()].flatMap((g) => [...g.packages.keys()]));
    expect(imported).toContain('onnxruntime-node');
    const notPacked = [...imported].filter((name) => name !== 'electron' && !(name in manifest.dependencies));
    expect(notPacked).toEqual([]);
    // Listed under dependencies or optionalDependencies, electron-builder would pack the electron
    // package (and any runtime downloaded into it) inside the app.
    expect(manifest.dependencies.electron).toBeUndefined();
    expect(manifest.optionalDependencies?.electron).toBeUndefined();
    expect(manifest.devDependencies.electron).toBeDefined();
  });

  test('native code of the production dependencies is unpacked from the asar', () => {
    const nativeFiles = productionPackageDirs()
      .flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(node|so(\.\d+)*|dylib|dll)$/.test(e.name)).map((e) => relative(path.join(e.parentPath, e.name))));
    expect(nativeFiles.some((f) => f.startsWith('node_modules/onnxruntime-node/'))).toBe(true);
    expect(nativeFiles.some((f) => f.startsWith('node_modules/@img/'))).toBe(true);
    expect(nativeFiles.filter((file) => !unpacked(file))).toEqual([]);
  });
});

test('every installer target is a platform and CPU onnxruntime-node ships a binding for', () => {
  const targets = (['linux', 'mac', 'win'] as const).flatMap((os) => config[os].target.flatMap((t) => t.arch.map((arch) => `${os === 'mac' ? 'darwin' : os === 'win' ? 'win32' : os}/${arch}`)));
  expect(targets).toContain('darwin/arm64');
  expect(targets.filter((t) => !ORT_NATIVE_TARGETS.includes(t))).toEqual([]);
  // electron-builder's default deb dependencies follow its Electron; a list here would replace them.
  expect(config.deb?.depends).toBeUndefined();
});

test("the beforePack hook, loaded as electron-builder loads it (require), refuses another CPU's installer without that CPU's sharp", async () => {
  const beforePack = createRequire(import.meta.url)(path.join(repoRoot, 'dist', 'electron', 'before-pack.cjs')) as (context: object) => Promise<void>;
  const arches = ['ia32', 'x64', 'armv7l', 'arm64']; // builder-util's Arch enum
  const context = (arch: string) => ({ electronPlatformName: process.platform, arch: arches.indexOf(arch), packager: { projectDir: repoRoot } });
  await expect(beforePack(context(process.arch))).resolves.toBeUndefined();
  const other = process.arch === 'arm64' ? 'x64' : 'arm64';
  if (!existsSync(path.join(repoRoot, 'node_modules', '@img', `sharp-${process.platform}-${other}`))) {
    await expect(beforePack(context(other))).rejects.toThrow(`The ${process.platform}/${other} installer would lack @img/sharp-${process.platform}-${other}`);
  }
});

describe('sharp is loaded only where images are decoded', () => {
  test('no entry point (app, runner, CLI) loads it at start', async () => {
    for (const entry of [...Object.values(entries), 'bin/edgelab.js']) {
      const graph = await importGraph([path.join(repoRoot, entry)], { staticOnly: true });
      expect(graph.packages.has('sharp'), entry).toBe(false);
    }
  });

  test('the one module that imports it is the image decoder', () => {
    const importers = new Set([...graphs.values()].flatMap((g) => (g.packages.get('sharp') ?? []).map((edge) => relative(edge.from))));
    expect([...importers]).toEqual(['dist/core/inputs/images/decode-image.js']);
  });
});

/** The folders of the production dependency closure, found as Node resolves a package name. */
function productionPackageDirs(): string[] {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    for (let dir = fromDir; dir.startsWith(repoRoot); dir = path.dirname(dir)) {
      if (path.basename(dir) === 'node_modules') continue;
      const candidate = path.join(dir, 'node_modules', name);
      if (!existsSync(path.join(candidate, 'package.json'))) continue;
      if (seen.has(candidate)) return;
      seen.add(candidate);
      const pkg = JSON.parse(readFileSync(path.join(candidate, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
      for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, candidate);
      return;
    }
    // Not installed: an optional package for another platform or CPU.
  };
  for (const name of Object.keys(manifest.dependencies)) visit(name, repoRoot);
  return [...seen];
}
