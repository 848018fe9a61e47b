import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LabError } from '../../core/api/errors.js';
import type { BundleTarget } from './bundle-target.js';
import type { BundleManifest } from './bundle.js';
import { bundleRunner, type BundleRunner } from './emulation.js';
import { newestVersion, requiredGlibc } from './glibc-floor.js';
import { describeNativeKind, findNativeFiles, foreignBinaries, type NativeFile } from './native-binaries.js';

const run = promisify(execFile);

export interface CheckStep {
  name: string;
  ok: boolean;
  detail: string;
}

export interface BundleCheck {
  steps: CheckStep[];
  emulated: boolean;
  nativeFiles: NativeFile[];
  ok: boolean;
}

export interface CheckOptions {
  archive: string;
  target: BundleTarget;
  /** Models to inspect (and, when the bundle runs natively, bench). */
  models: string[];
  cacheDir: string;
  /** false: only what can be checked without running the bundle (layout, binaries, packages). */
  runCommands?: boolean;
  log?: (line: string) => void;
}

/** The native files a bundle cannot work without, by the path patterns their packages use. */
export const requiredNativeFiles: Array<[string, RegExp]> = [
  ['Node.js', /^node\/bin\/node$/],
  ['the ONNX Runtime binding', /^node_modules\/onnxruntime-node\/bin\/napi-v6\/linux\/[^/]+\/onnxruntime_binding\.node$/],
  ['the ONNX Runtime library', /^node_modules\/onnxruntime-node\/bin\/napi-v6\/linux\/[^/]+\/libonnxruntime\.so/],
  ['sharp', /^node_modules\/@img\/sharp-linux-[^/]+\/lib\/sharp-linux-[^/]+\.node$/],
  ['libvips', /^node_modules\/@img\/sharp-libvips-linux-[^/]+\/lib\/libvips-cpp\.so/],
];

/** Packages that must never reach a device: the desktop shell and the build and test tools. */
export const forbiddenPackages = ['electron', 'typescript', 'vite', 'vitest', 'playwright-core', '@types/node'];

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `./edgelab ARGS` the way a device would: from the unpacked folder, PATH cut to the system's
 * own folders so no Node or npm of this machine can stand in for the bundled one.
 */
async function edgelab(dir: string, runner: BundleRunner, args: string[], home: string): Promise<Ran> {
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: home, EDGELAB_WORKSPACE: path.join(home, 'workspace'), ...runner.env };
  if (runner.emulator) env.EDGELAB_EMULATOR = runner.emulator;
  return runIn(dir, path.join(dir, 'edgelab'), args, env);
}

async function runIn(cwd: string, file: string, args: string[], env: Record<string, string>): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: (err.stderr ?? '') + (err.signal ? ` (killed by ${err.signal})` : '') };
  }
}

/** A command's JSON output, or null when it printed something else (then the step fails with its stderr). */
function tryJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function tail(text: string): string {
  return text.trim().split('\n').slice(-4).join(' | ');
}

/** sharp encodes and decodes a PNG with the bundle's libvips: what `--images` needs, without ONNX Runtime. */
const sharpRoundTrip = `
const sharp = require('sharp');
sharp({ create: { width: 37, height: 23, channels: 3, background: { r: 255, g: 128, b: 0 } } }).png().toBuffer()
  .then((png) => sharp(png).raw().toBuffer({ resolveWithObject: true }))
  .then(({ data, info }) => console.log(JSON.stringify({ width: info.width, height: info.height, channels: info.channels, first: [...data.subarray(0, 3)], arch: process.arch })));
`;

/**
 * Unpacks a bundle into an empty folder and checks it as a device would see it: only the target's
 * native binaries inside, none of the development packages, and `./edgelab --help` and `inspect`
 * answering. On a machine of the target's CPU it also benchmarks a model and verifies the evidence;
 * under qemu it stops before ONNX Runtime, whose arm64 library crashes qemu-user 7.2 (SIGSEGV while
 * loading), which says nothing about a real device.
 */
export async function checkBundle(options: CheckOptions): Promise<BundleCheck> {
  const { target, log = () => {} } = options;
  const steps: CheckStep[] = [];
  const step = (name: string, ok: boolean, detail: string): void => {
    steps.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const scratch = await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-check-'));
  try {
    try {
      await run('tar', ['-xzf', options.archive, '-C', scratch], { maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
      throw new LabError('input', `${options.archive} is not a readable .tar.gz: ${tail((e as { stderr?: string }).stderr ?? String(e))}`, `Write it with npm run bundle -- --platform ${target.name}.`);
    }
    const top = (await readdir(scratch, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    const folder = top.length === 1 && top[0]?.isDirectory() ? top[0].name : null;
    const dir = path.join(scratch, folder ?? '');
    try {
      if (!folder) throw new Error('not one folder');
      await access(path.join(dir, 'edgelab'), constants.X_OK);
      step('layout', true, `${folder}/edgelab is an executable launcher`);
    } catch {
      step('layout', false, `the archive must hold one top folder with an executable ./edgelab launcher at its top; it holds ${top.map((e) => e.name + (e.isDirectory() ? '/' : '')).join(', ') || 'nothing'}${folder ? ` and ${folder}/edgelab is missing or not executable` : ''}`);
      return { steps, emulated: false, nativeFiles: [], ok: false };
    }

    let manifest: BundleManifest | null = null;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, 'BUNDLE.json'), 'utf8')) as BundleManifest;
      step('manifest', manifest.platform === target.name, `BUNDLE.json says ${manifest.platform}, Node ${manifest.node.version}, ${manifest.packages.length} packages, glibc ${manifest.glibc ?? '(not stated)'} or later`);
    } catch (e) {
      step('manifest', false, `BUNDLE.json cannot be read: ${(e as Error).message}`);
    }

    const nativeFiles = await findNativeFiles(dir);
    const foreign = foreignBinaries(nativeFiles, target.elfMachine);
    step(
      'native binaries',
      foreign.length === 0,
      foreign.length === 0
        ? `${nativeFiles.length} files, every one ELF 64-bit ${target.elfMachine}`
        : foreign.map((f) => `${f.path} is ${describeNativeKind(f.kind)}`).join('; '),
    );
    const floors: Array<string | null> = [];
    for (const f of nativeFiles) floors.push(requiredGlibc(await readFile(path.join(dir, f.path))));
    const glibc = newestVersion(floors);
    const launcherFloor = /^need=([\d.]+)$/m.exec(await readFile(path.join(dir, 'edgelab'), 'utf8'))?.[1] ?? null;
    step(
      'glibc floor',
      glibc === (manifest?.glibc ?? null) && glibc === launcherFloor,
      `the native files need glibc ${glibc ?? '(none stated)'}; BUNDLE.json says ${manifest?.glibc ?? '(nothing)'}, the launcher checks for ${launcherFloor ?? '(nothing)'}`,
    );
    const missing = requiredNativeFiles.filter(([, pattern]) => !nativeFiles.some((f) => pattern.test(f.path))).map(([what]) => what);
    step('required binaries', missing.length === 0, missing.length === 0 ? 'Node.js, ONNX Runtime (binding and library), sharp and libvips are inside' : `missing: ${missing.join(', ')}`);
    const present: string[] = [];
    for (const name of forbiddenPackages) {
      try {
        await stat(path.join(dir, 'node_modules', name));
        present.push(name);
      } catch {
        // absent, as it should be
      }
    }
    step('no development packages', present.length === 0, present.length === 0 ? `none of ${forbiddenPackages.join(', ')}` : `found ${present.join(', ')}`);
    const done = (emulated: boolean): BundleCheck => ({ steps, emulated, nativeFiles, ok: steps.every((s) => s.ok) });
    if (options.runCommands === false) return done(false);

    const runner = await bundleRunner(target, options.cacheDir);
    const home = path.join(scratch, 'home');
    const how = runner.emulated ? ` under ${path.basename(runner.emulator)}` : '';
    const help = await edgelab(dir, runner, ['--help'], home);
    step(`./edgelab --help${how}`, help.code === 0 && help.stdout.includes('Usage: edgelab'), help.code === 0 ? tail(help.stdout.split('\n')[0] ?? '') : `exit ${help.code}: ${tail(help.stderr)}`);

    for (const model of options.models) {
      const inspected = await edgelab(dir, runner, ['inspect', model, '--json'], home);
      let detail = `exit ${inspected.code}: ${tail(inspected.stderr)}`;
      let ok = false;
      const info = inspected.code === 0 ? tryJson<{ inputs?: Array<{ name: string; shape: unknown[] }> }>(inspected.stdout) : null;
      if (info) {
        ok = Array.isArray(info.inputs) && info.inputs.length > 0;
        detail = `${info.inputs?.length ?? 0} inputs (${info.inputs?.map((i) => `${i.name} [${i.shape.join(', ')}]`).join(', ')})`;
      }
      step(`./edgelab inspect ${path.basename(model)}${how}`, ok, detail);
    }

    const nodeEnv: Record<string, string> = { PATH: '/usr/bin:/bin', ...runner.env };
    const nodeArgs = ['-e', sharpRoundTrip];
    const sharp = runner.emulated
      ? await runIn(dir, runner.emulator, [path.join(dir, 'node', 'bin', 'node'), ...nodeArgs], nodeEnv)
      : await runIn(dir, path.join(dir, 'node', 'bin', 'node'), nodeArgs, nodeEnv);
    const decoded = sharp.code === 0 ? tryJson<{ width: number; height: number; channels: number; first: number[]; arch: string }>(sharp.stdout) : null;
    step(
      `sharp PNG round trip${how}`,
      decoded !== null && decoded.width === 37 && decoded.height === 23 && decoded.first.join(',') === '255,128,0' && decoded.arch === target.cpu,
      decoded ? `${decoded.width}×${decoded.height}×${decoded.channels}, first pixel ${decoded.first.join(',')}, process.arch ${decoded.arch}` : `exit ${sharp.code}: ${tail(sharp.stderr)}`,
    );

    // Natively only: the same JavaScript path, and each extra command costs seconds under qemu.
    if (!runner.emulated) {
      const missingModel = path.join(scratch, 'no-such-model.onnx');
      const bad = await edgelab(dir, runner, ['inspect', missingModel], home);
      step(
        `./edgelab inspect (missing file)`,
        bad.code === 2 && bad.stderr.includes('no-such-model.onnx') && !/\n\s+at /.test(bad.stderr),
        `exit ${bad.code}: ${tail(bad.stderr)}`,
      );
      for (const model of options.models.slice(0, 1)) {
        const bench = await edgelab(dir, runner, ['bench', model, '--iterations', '20', '--warmup', '2', '--json'], home);
        let ok = false;
        let detail = `exit ${bench.code}: ${tail(bench.stderr)}`;
        const record = bench.code === 0 ? tryJson<{ state: string; latencyMs?: { p50: number }; iterations?: number; software: { node: string; onnxruntime: string } }>(bench.stdout) : null;
        if (record) {
          ok = record.state === 'completed' && record.iterations === 20 && (record.latencyMs?.p50 ?? 0) > 0 && record.software.node === manifest?.node.version;
          detail = `${record.state}, ${record.iterations} iterations, p50 ${record.latencyMs?.p50.toFixed(3)} ms on Node ${record.software.node}, ONNX Runtime ${record.software.onnxruntime}`;
        }
        step(`./edgelab bench ${path.basename(model)}`, ok, detail);
      }
      const verify = await edgelab(dir, runner, ['runs', 'verify'], home);
      step('./edgelab runs verify', verify.code === 0, verify.code === 0 ? tail(verify.stdout) : `exit ${verify.code}: ${tail(verify.stdout + verify.stderr)}`);
    }
    return done(runner.emulated);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
