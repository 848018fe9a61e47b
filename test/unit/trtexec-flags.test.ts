import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locateTrtexec } from '../../core/engines/trtexec/locate-trtexec.js';
import { parseTrtexecHelp, profilePassArgs, shapesFlag, timedPassArgs } from '../../core/engines/trtexec/trtexec-flags.js';
import { tensorrtVersion } from '../../core/telemetry/trtexec.js';

const help = (version: string, flags: string[]) => `&&&& RUNNING TensorRT.trtexec [TensorRT v${version}] # trtexec --help\n=== Options ===\n${flags.map((f) => `  --${f}=<value>   does something`).join('\n')}\n`;
const ALL = ['onnx', 'saveEngine', 'loadEngine', 'shapes', 'warmUp', 'iterations', 'duration', 'fp16', 'int8', 'best', 'useDLACore', 'allowGPUFallback', 'exportTimes', 'exportProfile', 'exportLayerInfo', 'profilingVerbosity', 'dumpProfile', 'useSpinWait', 'useCudaGraph', 'noDataTransfers'];
const plan = { modelPath: '/m.onnx', enginePath: '/e.plan', timesPath: '/t.json', layerInfoPath: '/l.json', shapes: { images: [1, 3, 640, 640] }, warmupMs: 200, iterations: 100, durationS: undefined };

describe('trtexec flags by what the installed release accepts', () => {
  it('reads the release and flags from --help', () => {
    const caps = parseTrtexecHelp(help('101601', ALL), tensorrtVersion);
    expect(caps.tensorrtVersion).toBe('10.16.1');
    expect(caps.major).toBe(10);
    expect(caps.flags.has('exportLayerInfo')).toBe(true);
  });

  it('maps precision, DLA, shapes and limits', () => {
    const caps = parseTrtexecHelp(help('8510', ALL), tensorrtVersion);
    expect(timedPassArgs({ kind: 'trtexec', precision: 'fp16', dlaCore: 0 }, plan, caps)).toEqual([
      '--onnx=/m.onnx', '--saveEngine=/e.plan', '--exportTimes=/t.json', '--exportLayerInfo=/l.json', '--profilingVerbosity=detailed',
      '--fp16', '--useDLACore=0', '--allowGPUFallback', '--shapes=images:1x3x640x640', '--warmUp=200', '--iterations=100', '--duration=0',
    ]);
    expect(timedPassArgs({ kind: 'trtexec', precision: 'fp32' }, { ...plan, shapes: {}, durationS: 5 }, caps)).toEqual([
      '--onnx=/m.onnx', '--saveEngine=/e.plan', '--exportTimes=/t.json', '--exportLayerInfo=/l.json', '--profilingVerbosity=detailed', '--warmUp=200', '--iterations=100', '--duration=5',
    ]);
    expect(profilePassArgs('/e.plan', '/p.json', caps, { kind: 'trtexec', precision: 'fp32' }, {})).toEqual(['--loadEngine=/e.plan', '--exportProfile=/p.json', '--iterations=50', '--duration=0', '--warmUp=100', '--dumpProfile']);
  });

  it('refuses a precision flag the release dropped, saying what to do instead', () => {
    const caps = parseTrtexecHelp(help('110000', ALL.filter((f) => f !== 'fp16')), tensorrtVersion);
    expect(() => timedPassArgs({ kind: 'trtexec', precision: 'fp16' }, plan, caps)).toThrow(/TensorRT 11\.0\.0\) does not accept --fp16/);
    // TensorRT 11 profiles apart from the timed run by itself: no --dumpProfile.
    expect(profilePassArgs('/e.plan', '/p.json', caps, { kind: 'trtexec', precision: 'fp32' }, {})).not.toContain('--dumpProfile');
  });

  it('passes spin-wait, CUDA graphs and no data transfers when asked, if the release lists them', () => {
    const caps = parseTrtexecHelp(help('100300', ALL), tensorrtVersion);
    const args = timedPassArgs({ kind: 'trtexec', precision: 'fp32', spinWait: true, cudaGraph: true, noDataTransfers: true }, { ...plan, shapes: {} }, caps);
    expect(args).toEqual(expect.arrayContaining(['--useSpinWait', '--useCudaGraph', '--noDataTransfers']));
    const without = parseTrtexecHelp(help('110000', ALL.filter((f) => f !== 'noDataTransfers')), tensorrtVersion);
    expect(() => timedPassArgs({ kind: 'trtexec', precision: 'fp32', noDataTransfers: true }, plan, without)).toThrow('does not accept --noDataTransfers, which --no-data-transfers needs');
  });

  it('builds the timed INT8 engine with the calibration cache the accuracy pass uses, where the release takes --calib', () => {
    const caps = parseTrtexecHelp(help('100800', [...ALL, 'calib']), tensorrtVersion);
    expect(timedPassArgs({ kind: 'trtexec', precision: 'int8', calib: '/c.cache' }, plan, caps)).toEqual(expect.arrayContaining(['--int8', '--calib=/c.cache']));
    const eleven = parseTrtexecHelp(help('110000', ALL), tensorrtVersion);
    expect(() => timedPassArgs({ kind: 'trtexec', precision: 'int8', calib: '/c.cache' }, plan, eleven)).toThrow(/does not accept --calib, which --calib needs/);
  });

  it('quotes input names with a colon (TensorFlow exports)', () => {
    expect(shapesFlag({ 'x:0': [4, 1, 28, 28], y: [1] })).toBe("'x:0':4x1x28x28,y:1");
  });
});

describe('locating trtexec', () => {
  const standIn = fileURLToPath(new URL('../fixtures/trtexec-runs/trtexec-stand-in.mjs', import.meta.url));

  it('takes the given path, then PATH', async () => {
    expect(await locateTrtexec(standIn, '')).toBe(standIn);
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-trtexec-path-'));
    try {
      await symlink(standIn, path.join(dir, 'trtexec'));
      expect(await locateTrtexec(undefined, `/nonexistent${path.delimiter}${dir}`)).toBe(path.join(dir, 'trtexec'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names every place it looked and how to get trtexec', async () => {
    const error = (await locateTrtexec('/no/such/trtexec', '/nonexistent').then(
      () => { throw new Error('found a trtexec that is not there'); },
      (e: unknown) => e,
    )) as Error & { kind: string; hint: string };
    expect(error.kind).toBe('unavailable');
    expect(error.message).toBe('trtexec was not found. Looked at: /no/such/trtexec (--trtexec: no such file); trtexec on PATH (1 folders); /usr/src/tensorrt/bin/trtexec.');
    expect(error.hint).toMatch(/JetPack/);
    const readme = fileURLToPath(new URL('../fixtures/trtexec-runs/README.md', import.meta.url));
    await expect(locateTrtexec(readme, '')).rejects.toThrow(`${readme} (--trtexec: not executable, chmod +x it)`);
    await expect(locateTrtexec(path.dirname(readme), '')).rejects.toThrow('(--trtexec: a folder, not the executable)');
  });
});
