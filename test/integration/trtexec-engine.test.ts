import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, FailedRun } from '../../core/api/run-record.js';
import { parseExportProfile } from '../../core/engines/trtexec/layer-profile.js';
import { quantileSorted, sortedAscending } from '../../core/stats/index.js';
import { spawn } from 'node:child_process';
import { repoRoot, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The trtexec engine end to end through the real CLI. TensorRT cannot run on the machines these
 * tests run on (no NVIDIA GPU, no Jetson), so `trtexec` here is a STAND-IN executable that replays
 * real recorded trtexec runs (test/fixtures/trtexec-runs/trtexec-stand-in.mjs and README.md there).
 * Everything around it is the real code: locating it, choosing flags, spawning it twice, keeping and
 * hashing its files, parsing, statistics, the record, reports, compare, verify and the ladder.
 */
const fixtures = fileURLToPath(new URL('../fixtures/trtexec-runs/', import.meta.url));
const standIn = path.join(fixtures, 'trtexec-stand-in.mjs');
const replayedTimes = JSON.parse(readFileSync(path.join(fixtures, 'exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'), 'utf8')) as { latencyMs: number }[];
const replayedProfile = parseExportProfile(readFileSync(path.join(fixtures, 'exportProfile/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json'), 'utf8'), 'profile');

const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-ws-'));
const argvLog = path.join(workspace, 'stand-in-argv.jsonl');
let model: string;
let record: CompletedRun;

beforeAll(async () => {
  model = await modelPath('tiny-classifier');
  const result = await runCli(['profile', model, '--engine', 'trtexec', '--trtexec', standIn, '--json', '--workspace', workspace], { env: { EDGELAB_STANDIN_ARGV: argvLog } });
  expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  expect(result.code).toBe(0);
  record = JSON.parse(result.stdout) as CompletedRun;
});

describe('edgelab profile --engine trtexec (through the stand-in)', () => {
  it('records p50 as the median of the exportTimes latencies, with the other stages as their own series', () => {
    expect(record.state).toBe('completed');
    expect(record.iterations).toBe(200);
    expect(record.latencyMs.p50).toBe(quantileSorted(sortedAscending(replayedTimes.map((t) => t.latencyMs)), 0.5));
    const trtexec = record.extras['trtexec'] as { hostDeviceCopiesIncluded: boolean; seriesMs: { computeMs: number[] }; engineBuildMs: number; cudaGraph: boolean };
    expect(trtexec.seriesMs.computeMs).toHaveLength(200);
    // The replayed log is a --noDataTransfers run: the record says the copies are not in the latency.
    expect(trtexec).toMatchObject({ hostDeviceCopiesIncluded: false, cudaGraph: true, engineBuildMs: 12325.1 });
    expect(record.coldStart.sessionCreateMs).toBeCloseTo(12325.1 + 5.08637, 6);
    expect(record.spec.engine).toEqual({ kind: 'trtexec', precision: 'fp32', trtexecPath: standIn });
    expect(record.executionProvider).toBe('tensorrt (trtexec)');
    expect(record.warnings.map((w) => w.code)).toContain('trtexec-gpu-time-unstable');
  });

  it('ranks the same top layer as the exportProfile file', () => {
    const top = [...replayedProfile.layers].sort((a, b) => b.timeMs - a.timeMs)[0]!;
    const profile = record.extras['profile'] as { topNodes: { name: string }[]; traceFile: string; engine: string };
    expect(profile.engine).toBe('trtexec');
    expect(profile.topNodes[0]?.name).toBe(top.name);
  });

  it('timed and profiled in two trtexec processes, passing only what was asked', () => {
    const calls = readFileSync(argvLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    // The lab's runner writes trtexec's files in a folder of its own; they then join the record's
    // files in the workspace and the emptied folder goes.
    const times = calls[1]?.find((a) => a.startsWith('--exportTimes='))?.slice('--exportTimes='.length) ?? '';
    const folder = path.dirname(times);
    expect(path.basename(times)).toBe('trtexec-times.json');
    expect(calls.map((c) => c[0])).toEqual(['--help', `--onnx=${model}`, '--loadEngine=' + path.join(folder, 'engine.plan')]);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(path.join(workspace, 'runs', record.id, 'trtexec-times.json'))).toBe(true);
    expect(calls[1]?.some((a) => a.startsWith('--exportProfile'))).toBe(false);
    expect(calls[2]?.some((a) => a.startsWith('--exportProfile='))).toBe(true);
    // The built engine is not kept; every file trtexec wrote is, named with its hash.
    expect(existsSync(path.join(workspace, 'runs', record.id, 'engine.plan'))).toBe(false);
    const names = (record.extras['artifacts'] as { name: string }[]).map((a) => a.name);
    expect(names).toEqual(['trtexec-timed.log', 'trtexec-times.json', 'trtexec-layer-info.json', 'trtexec-profile.log', 'trtexec-profile.json']);
  });

  it('reports it in every format', async () => {
    for (const [format, expected] of [['md', 'TensorRT (trtexec)'], ['html', 'GPU compute'], ['json', '"hostDeviceCopiesIncluded": false'], ['junit', 'testsuite'], ['csv', `${record.id},200,`]] as const) {
      const out = await runCli(['report', record.id, '--format', format, '--workspace', workspace]);
      expect(out.code, format).toBe(0);
      expect(out.stdout, format).toContain(expected);
    }
  });

  it('compares it with an ONNX Runtime run of the same model, saying the engines differ', async () => {
    const ort = await runCli(['bench', model, '--iterations', '30', '--warmup', '2', '--no-telemetry', '--json', '--workspace', workspace]);
    expect(ort.code).toBe(0);
    const ortId = (JSON.parse(ort.stdout) as CompletedRun).id;
    const compared = await runCli(['compare', ortId, record.id, '--workspace', workspace]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain('different-engine: The runs used different engines: ONNX Runtime → trtexec (fp32). One trtexec run timed GPU compute only');
  });

  it('counts it as measured evidence on the ladder (a profiled run, explained)', async () => {
    expect((await runCli(['ladder', 'explain', record.id, '--note', 'The three Gemm layers of the classifier take 72 % of layer time.', '--workspace', workspace])).code).toBe(0);
    const status = JSON.parse((await runCli(['ladder', '--json', '--workspace', workspace])).stdout) as { gates: { items: { item: { id: string }; met: boolean; runs?: { runId: string }[] }[] }[] };
    const item = status.gates.flatMap((g) => g.items).find((i) => i.item.id === 'profile-explained');
    expect(item?.met).toBe(true);
    expect(item?.runs?.map((r) => r.runId)).toContain(record.id);
  });

  it('holds every trtexec file to its hash in runs verify', async () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-verify-'));
    const run = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--json', '--workspace', scratch]);
    const id = (JSON.parse(run.stdout) as CompletedRun).id;
    expect((await runCli(['runs', 'verify', '--workspace', scratch])).code).toBe(0);
    writeFileSync(path.join(scratch, 'runs', id, 'trtexec-times.json'), '[]\n');
    const verify = await runCli(['runs', 'verify', '--workspace', scratch]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`edited: runs/${id}/trtexec-times.json: sha256 differs from the one its run record holds`);
  });
});

describe('trtexec runs that do not pass', () => {
  const failedRecord = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-fail-'));
    const result = await runCli(['bench', model, '--engine', 'trtexec', ...args, '--workspace', ws], { env });
    const list = JSON.parse((await runCli(['runs', '--json', '--state', 'failed', '--workspace', ws])).stdout) as { id: string }[];
    const show = list[0] ? (JSON.parse((await runCli(['runs', 'show', list[0].id, '--json', '--workspace', ws])).stdout) as FailedRun) : null;
    return { result, record: show, ws };
  };

  it('trtexec not found: exit 3, a failed run naming where it looked and how to get it', async () => {
    const { result, record: failed } = await failedRecord(['--trtexec', '/nonexistent/trtexec'], { PATH: path.dirname(process.execPath) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('trtexec was not found. Looked at: /nonexistent/trtexec (--trtexec: no such file); trtexec on PATH (1 folders); /usr/src/tensorrt/bin/trtexec.');
    expect(result.stderr).toContain('JetPack');
    expect(failed?.error.kind).toBe('unavailable');
  });

  it('a build that ends in &&&& FAILED: exit 3, the decisive lines quoted, the log kept', async () => {
    const { result, record: failed, ws } = await failedRecord(['--trtexec', standIn], { EDGELAB_STANDIN_MODE: 'failed' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('trtexec reported &&&& FAILED (exit code 1).');
    expect(result.stderr).toContain('  > Finish parsing network model');
    expect(failed?.extras['artifacts']).toEqual([{ role: 'log', name: 'trtexec-timed.log', sha256: expect.any(String) as unknown as string }]);
    expect(readFileSync(path.join(ws, 'runs', failed!.id, 'trtexec-timed.log'), 'utf8')).toContain('&&&& FAILED TensorRT.trtexec [TensorRT v8203]');
    expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
  });

  it('a build that crashes: the signal and the assertion quoted', async () => {
    const { result, record: failed } = await failedRecord(['--trtexec', standIn], { EDGELAB_STANDIN_MODE: 'crash' });
    expect(result.code).toBe(3);
    expect(failed?.error.message).toMatch(/^trtexec was ended by SIGABRT\./);
    expect(failed?.error.message).toContain('Assertion `0 && "Unsupported type"\' failed');
  });

  it('Ctrl-C while trtexec runs: the child is ended, the run recorded as cancelled (exit 130)', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-cancel-'));
    const pidFile = path.join(ws, 'stand-in.pid');
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--workspace', ws], {
      env: { ...process.env, EDGELAB_STANDIN_MODE: 'hang', EDGELAB_STANDIN_PID: pidFile }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Wait for the stand-in to be running (it writes its pid), however long a busy machine takes.
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((r) => setTimeout(r, 50));
    const standInPid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const alive = () => { try { process.kill(standInPid, 0); return true; } catch { return false; } };
    expect(alive()).toBe(false);
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { state: string; error: string }[];
    expect(runs).toEqual([expect.objectContaining({ state: 'cancelled', error: 'Cancelled while trtexec ran.' })]);
  });

  it('a precision the installed release no longer accepts: exit 3, saying what to do instead', async () => {
    const { result } = await failedRecord(['--trtexec', standIn, '--precision', 'fp16'], { EDGELAB_STANDIN_VERSION: '110000', EDGELAB_STANDIN_DROP: 'fp16' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('This trtexec (TensorRT 11.0.0) does not accept --fp16, which --precision fp16 needs.');
  });
});

describe('edgelab sweep --engine trtexec', () => {
  it('builds one engine per batch, with the batch in --shapes and per-sample figures', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-sweep-'));
    const argv = path.join(ws, 'argv.jsonl');
    const mobilenet = await modelPath('mobilenet-style');
    const sweep = await runCli(['sweep', mobilenet, '--engine', 'trtexec', '--trtexec', standIn, '--batch', '1,4', '--workspace', ws], { env: { EDGELAB_STANDIN_ARGV: argv } });
    expect(sweep.code).toBe(0);
    const timed = readFileSync(argv, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]).filter((a) => a[0]?.startsWith('--onnx='));
    expect(timed.map((a) => a.find((x) => x.startsWith('--shapes=')))).toEqual(['--shapes=input:1x3x224x224', '--shapes=input:4x3x224x224']);
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { id: string }[];
    const batch4 = runs.map((r) => JSON.parse(readFileSync(path.join(ws, 'runs', `${r.id}.json`), 'utf8')) as CompletedRun).find((r) => r.batchSize === 4);
    expect(batch4?.spec.engine?.kind).toBe('trtexec');
    expect(batch4?.samplesPerS).toBeCloseTo(batch4!.throughputPerS * 4, 9);
    expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    const threads = await runCli(['sweep', mobilenet, '--engine', 'trtexec', '--trtexec', standIn, '--threads', '1,2', '--no-save']);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain('--threads is an ONNX Runtime axis');
  });
});

describe('a DLA run', () => {
  it('places layers on the DLA or the GPU and finds the fallback and the wait for the DLA (Xavier profile replayed)', async () => {
    const run = await runCli(['profile', model, '--engine', 'trtexec', '--dla', '0', '--precision', 'fp16', '--trtexec', standIn, '--json', '--no-save'], {
      env: { EDGELAB_STANDIN_PROFILE: 'haxconn_xavier-agx_trt7.1.3_googlenet_dla-transition-at-10_DLA-GPU.profile.json' },
    });
    expect(run.code).toBe(0);
    const profile = (JSON.parse(run.stdout) as CompletedRun).extras['profile'] as { providers: { provider: string }[]; findings: { code: string; nodes: string[]; advice: string }[] };
    expect(profile.providers.map((p) => p.provider)).toEqual(['GPU', 'DLA']);
    expect(profile.findings.map((x) => x.code)).toEqual(['top-nodes', 'dominant-layer', 'reformat', 'dla-fallback']);
    expect(profile.findings.find((x) => x.code === 'dominant-layer')).toMatchObject({ nodes: ['prob input reformatter 0'], advice: expect.stringContaining('waits for the DLA') as unknown as string });
  });
});

describe('a suite run on the trtexec engine', () => {
  it('takes engine: in the suite file and gates on its verdicts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-suite-'));
    const suite = path.join(dir, 'gate.yaml');
    writeFileSync(suite, [
      'name: trtexec-gate',
      'runs:',
      `  - model: ${JSON.stringify(model)}`,
      '    label: on TensorRT',
      `    engine: { kind: trtexec, precision: fp16, trtexecPath: ${JSON.stringify(standIn)} }`,
      '    targets: ["p50<=1ms"]',
      '',
    ].join('\n'));
    const result = await runCli(['run', suite, '--json', '--workspace', dir]);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', dir])).stdout) as { id: string; executionProvider: string }[];
    expect(runs.map((r) => r.executionProvider)).toEqual(['tensorrt (trtexec)']);
  });
});

describe('engine flags', () => {
  it('finds trtexec on PATH and maps --dla and --precision', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-bin-'));
    symlinkSync(standIn, path.join(bin, 'trtexec'));
    const argv = path.join(bin, 'argv.jsonl');
    const run = await runCli(['bench', model, '--engine', 'trtexec', '--precision', 'int8', '--dla', '0', '--spin-wait', '--cuda-graph', '--json', '--no-save'], {
      env: { PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, EDGELAB_STANDIN_ARGV: argv },
    });
    expect(run.code).toBe(0);
    const timed = readFileSync(argv, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[])[1]!;
    expect(timed).toEqual(expect.arrayContaining(['--int8', '--useDLACore=0', '--allowGPUFallback', '--useSpinWait', '--useCudaGraph']));
    expect((JSON.parse(run.stdout) as CompletedRun).executionProvider).toBe('tensorrt (trtexec, DLA 0)');
  });

  it('refuses flags that do not fit, with exit 2 and no stack trace', async () => {
    for (const [args, message] of [
      [['--engine', 'tensorrt'], '--engine tensorrt: not one of ort, trtexec.'],
      [['--engine', 'trtexec', '--precision', 'fp8'], '--precision fp8: not one of fp32, fp16, int8, best.'],
      [['--dla', '0'], '--dla belongs to the trtexec engine.'],
      [['--spin-wait'], '--spin-wait belongs to the trtexec engine.'],
      [['--engine', 'trtexec', '--ep', 'cuda'], '--ep chooses an ONNX Runtime execution provider; the trtexec engine always runs TensorRT.'],
      [['--engine', 'trtexec', '--dla', 'x'], '--dla x: expected a whole number'],
      [['--engine', 'trtexec', '--trtexec', standIn, '--scenario', 'throughput'], 'The trtexec engine measures a single stream; it does not take --scenario throughput.'],
    ] as const) {
      const result = await runCli(['bench', model, ...args, '--no-save']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
