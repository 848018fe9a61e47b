import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompletedRun, FailedRun } from '../../core/api/run-record.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The trtexec engine's energy, clock reading and failures through the real `edgelab`. TensorRT and
 * an NVIDIA driver cannot run on the machines these tests run on, so trtexec is the stand-in that
 * replays recorded runs (test/fixtures/trtexec-runs/trtexec-stand-in.mjs) and nvidia-smi is a
 * stand-in on PATH that replays the recorded captures of an H100 (test/fixtures/nvidia-smi/1.csv
 * under load, 2.csv idle; origins in test/fixtures/README.md) through nvidia-smi-replay.mjs.
 */
const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const standIn = path.join(fixtures, 'trtexec-runs', 'trtexec-stand-in.mjs');
const timesFixture = path.join(fixtures, 'trtexec-runs', 'exportTimes', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
let model: string;

/**
 * A folder with an `nvidia-smi` that replays captures: the power stream from 1.csv (its first line
 * printed by the shell at once, so a reading exists however slowly node starts, then
 * nvidia-smi-replay.mjs); the clock-state query answers 2.csv (idle) the first time, 1.csv after.
 */
function nvidiaSmiOnPath(): string {
  const bin = mkdtempSync(path.join(tmpdir(), 'edgelab-nvsmi-'));
  const smi = path.join(fixtures, 'nvidia-smi');
  // The five fields of the stream query, from the capture, as nvidia-smi-replay.mjs prints them.
  const [header, row] = readFileSync(path.join(smi, '1.csv'), 'utf8').split('\n') as [string, string];
  const names = header.split(',').map((h) => h.trim().replace(/ \[.*\]$/, ''));
  const values = row.split(',').map((v) => v.trim().replace(/ (%|MHz|W|MiB)$/, ''));
  const firstLine = ['index', 'utilization.gpu', 'clocks.current.sm', 'temperature.gpu', 'power.draw'].map((f) => values[names.indexOf(f)]).join(', ');
  writeFileSync(path.join(bin, 'nvidia-smi'), [
    '#!/bin/sh',
    'case "$*" in',
    `  *-lms*) printf '%s\\n' '${firstLine}'; exec "${process.execPath}" "${path.join(fixtures, 'nvidia-smi-replay.mjs')}" "${path.join(smi, '1.csv')}" ;;`,
    `  *clocks_event_reasons.active*|*clocks_throttle_reasons.active*) if [ -e "${bin}/queried" ]; then cat "${path.join(smi, '1.csv')}"; else : > "${bin}/queried"; cat "${path.join(smi, '2.csv')}"; fi ;;`,
    `  *) cat "${path.join(smi, '1.csv')}" ;;`,
    'esac',
    '',
  ].join('\n'));
  chmodSync(path.join(bin, 'nvidia-smi'), 0o755);
  return bin;
}

beforeAll(async () => {
  model = await modelPath('tiny-classifier');
});

describe('GPU energy of a trtexec run', () => {
  let record: CompletedRun;
  beforeAll(async () => {
    const bin = nvidiaSmiOnPath();
    const run = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--json', '--no-save'], { env: { PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    record = JSON.parse(run.stdout) as CompletedRun;
  });

  it('is board power over the timed iterations only: power × the times file\'s span ÷ iterations', () => {
    // Independently, from the recorded files: the captured power.draw and the span of the 200 timed iterations.
    const captured = readFileSync(path.join(fixtures, 'nvidia-smi', '1.csv'), 'utf8').split('\n');
    const powerW = Number(captured[1]!.split(',')[captured[0]!.split(',').findIndex((h) => h.trim() === 'power.draw [W]')]!.trim().replace(' W', ''));
    const times = JSON.parse(readFileSync(timesFixture, 'utf8')) as { startEnqMs: number; endD2hMs: number }[];
    const spanS = (Math.max(...times.map((t) => t.endD2hMs)) - Math.min(...times.map((t) => t.startEnqMs))) / 1000;
    const telemetry = record.extras['telemetry'] as { gpuEnergy: { available: true; value: { joulesPerInference: number; averagePowerW: number; energyJ: number; sensor: string } } };
    expect(powerW).toBe(631.95);
    expect(telemetry.gpuEnergy.value.averagePowerW).toBeCloseTo(powerW, 9);
    expect(telemetry.gpuEnergy.value.energyJ).toBeCloseTo(powerW * spanS, 9);
    expect(telemetry.gpuEnergy.value.joulesPerInference).toBeCloseTo((powerW * spanS) / 200, 9);
    expect(telemetry.gpuEnergy.value.sensor).toContain('mean power over the timed iterations (0.100 s from the times file, ending when trtexec\'s "Timing trace has … queries" line arrived)');
  });

  it('reads clocks and persistence before and after, as for ONNX Runtime, and warns as it would', () => {
    const telemetry = record.extras['telemetry'] as { gpuClocks: { available: true; value: { start: { smClockMHz: number; persistenceMode: string }[]; end: { smClockMHz: number }[] } } };
    expect(telemetry.gpuClocks.available).toBe(true);
    expect(telemetry.gpuClocks.value.start[0]).toMatchObject({ smClockMHz: 345, persistenceMode: 'Enabled' });
    expect(telemetry.gpuClocks.value.end[0]).toMatchObject({ smClockMHz: 1980 });
    expect(record.warnings.find((w) => w.code === 'gpu-clocks-moved')?.message).toContain('SM clock 345 → 1980 MHz');
  });
});

describe('a trtexec that fails before it runs', () => {
  it('/bin/false as trtexec: exit 3, saying that `trtexec --help` failed and what it printed', async () => {
    const result = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', '/bin/false', '--no-save']);
    expect(result.code).toBe(3);
    // GNU false answers --help with its own help text (quoted) and exit code 1; busybox's prints nothing.
    expect(result.stderr).toContain('/bin/false did not run: `trtexec --help` exited with code 1');
    expect(result.stderr).toContain('This is not a working trtexec.');
    expect(result.stderr).not.toContain('unknown version');
  });

  it('a trtexec wrapper whose target is missing (exit 127): its stderr quoted', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-127-'));
    const wrapper = path.join(dir, 'trtexec');
    writeFileSync(wrapper, '#!/bin/sh\nexec /opt/tensorrt-missing/bin/trtexec "$@"\n');
    chmodSync(wrapper, 0o755);
    const result = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', wrapper, '--no-save']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${wrapper} did not run: \`trtexec --help\` exited with code 127:`);
    expect(result.stderr).toContain('/opt/tensorrt-missing/bin/trtexec');
    expect(result.stderr).toContain('Exit code 127 means');
  });
});

describe('a trtexec that hangs, or a run that is ended', () => {
  const pidAlive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

  it('is stopped at --trtexec-timeout and recorded as failed, its child gone', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-timeout-'));
    const pidFile = path.join(ws, 'stand-in.pid');
    const result = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--trtexec-timeout', '3s', '--workspace', ws], { env: { EDGELAB_STANDIN_MODE: 'hang', EDGELAB_STANDIN_PID: pidFile } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('trtexec (the engine build and timed run) did not finish within 3 s and was stopped.');
    // On a machine too busy for the stand-in to start within 3 s it is stopped before writing its pid: gone either way.
    if (existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '') expect(pidAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { state: string }[];
    expect(runs.map((r) => r.state)).toEqual(['failed']);
  });

  it('SIGTERM to edgelab ends its trtexec child and writes a cancelled record', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-sigterm-'));
    const pidFile = path.join(ws, 'stand-in.pid');
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--workspace', ws], {
      env: { ...process.env, EDGELAB_STANDIN_MODE: 'hang', EDGELAB_STANDIN_PID: pidFile }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((r) => setTimeout(r, 50));
    const standInPid = Number(readFileSync(pidFile, 'utf8'));
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    expect(pidAlive(standInPid)).toBe(false);
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { state: string; error: string }[];
    expect(runs).toEqual([expect.objectContaining({ state: 'cancelled', error: 'Cancelled while trtexec ran.' })]);
  });
});

describe('a times file that is not per-iteration times', () => {
  // The recorded --exportProfile file of the same alexnet run: valid JSON, but not what --exportTimes writes.
  const notTimes = 'exportProfile/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json';

  it('written by trtexec during a run: the engine failed (exit 3), the file kept', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-trtexec-garbage-'));
    const result = await runCli(['bench', model, '--engine', 'trtexec', '--trtexec', standIn, '--workspace', ws], { env: { EDGELAB_STANDIN_TIMES: notTimes } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('trtexec passed but wrote a times file edgelab cannot read: trtexec-times.json: iteration 0 has no numeric latencyMs');
    const runs = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { id: string; state: string }[];
    const failed = JSON.parse((await runCli(['runs', 'show', runs[0]!.id, '--json', '--workspace', ws])).stdout) as FailedRun;
    expect(failed.error.kind).toBe('runtime');
    expect((failed.extras['artifacts'] as { name: string }[]).map((a) => a.name)).toContain('trtexec-times.json');
  });

  it('given to import: bad input (exit 2), nothing recorded', async () => {
    const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-import-garbage-'));
    const file = path.join(fixtures, 'trtexec-runs', notTimes);
    const result = await runCli(['import', 'trtexec', '--times', file, '--workspace', ws]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--times ${file}: iteration 0 has no numeric latencyMs`);
    expect(JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout)).toEqual([]);
  });
});
