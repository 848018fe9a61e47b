import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { timedWindow, trtexecTelemetry } from '../../core/engines/trtexec/trtexec-telemetry.js';
import { meanIntervalPowerW, meanPointPowerW } from '../../core/telemetry/power-window.js';
import { available, unavailable } from '../../core/telemetry/reading.js';
import type { TelemetryRecording, TelemetrySample } from '../../core/telemetry/sampler.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

// tegrastats from an Orin NX/Nano-class module under a GPU burn (recorded on the board, not here;
// origin in test/fixtures/trtexec-runs/README.md): its VDD_IN climbs as the load starts, which is
// what placing the timed window must not average away. TensorRT and tegrastats cannot run here.
const lines = readFileSync(new URL('../fixtures/trtexec-runs/jetson/tegrastats_orin-nx-nano-class_jp5-deepstream6.3_VDD_IN-VDD_CPU_GPU_CV-VDD_SOC_tegra-burn.log', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
const vddInW = (line: string) => Number(/ VDD_IN (\d+)mW\//.exec(line)![1]) / 1000;

const recording = (count: number, stepMs: number): TelemetryRecording => ({
  samples: lines.slice(0, count).map((line, i): TelemetrySample => ({
    elapsedMs: i * stepMs, cpuLoadPercent: 10, cpuPerCorePercent: [], cpuMeanSpeedMHz: null, memoryUsedBytes: 1, processRssBytes: 1, raplPowerW: {}, tegrastats: parseTegrastatsLine(line), temperatureC: null, gpus: [],
  })),
  energy: unavailable('no RAPL on a Jetson'),
  tegrastats: available({ lines: count, unreadableLines: 0 }),
  thermal: unavailable('none'),
  nvidiaSmi: unavailable('none'),
  gpuPower: [],
  startedAtMs: 1000,
});

it('places the timed window by when the "Timing trace" line arrived, reaching back by the times file\'s span', () => {
  const exit = { marks: [{ line: '[I] Starting inference', atMs: 1000 + 30_000 }, { line: '[01/01/2022-16:13:59] [I] Warmup completed 10498 queries over 200 ms', atMs: 1000 + 34_000 }], exitedAtMs: 1000 + 40_000 };
  expect(timedWindow(1000, exit, 3000)).toMatchObject({ startMs: 31_000, endMs: 34_000 });
  // No such line (a trtexec that printed none): the end of the process, said so.
  expect(timedWindow(1000, { marks: [], exitedAtMs: 41_000 }, 3000)).toMatchObject({ startMs: 37_000, endMs: 40_000, placedBy: expect.stringContaining('no "Timing trace" line') as unknown as string });
});

it('energy per inference of a trtexec run is the timed window\'s power × the timed duration, not the build\'s', () => {
  // 40 samples one second apart; the timed iterations were seconds 20–30 of a 39 s process.
  const rec = recording(40, 1000);
  const window = { startMs: 20_000, endMs: 30_000, placedBy: 'test' };
  const { summary } = trtexecTelemetry(rec, new Array<number>(2000).fill(1), window);
  // Independently: the trapezoid rule over the VDD_IN readings at 20 s … 30 s, read from the raw lines.
  const w = lines.slice(20, 31).map(vddInW);
  const meanW = w.slice(1).reduce((area, b, i) => area + (w[i]! + b) / 2, 0) / 10;
  expect(summary.energy.available && summary.energy.value.averagePowerW).toBeCloseTo(meanW, 9);
  expect(summary.energy.available && summary.energy.value.joulesPerInference).toBeCloseTo((meanW * 10) / 2000, 12);
  expect(summary.energy.available && summary.energy.value.source).toContain('tegrastats VDD_IN, total-input rail; mean power over the timed iterations (10.000 s from the times file, test)');
  // The whole process's mean would differ: the burn was still ramping at its start.
  const whole = lines.slice(0, 40).map(vddInW);
  expect(whole.reduce((a, b) => a + b, 0) / 40).not.toBeCloseTo(meanW, 3);
});

it('integrates point readings and interval readings over a window', () => {
  // Straight line from 0 W at 0 ms to 10 W at 10 ms: the mean over 2–4 ms is 3 W; held flat beyond the readings.
  expect(meanPointPowerW([{ elapsedMs: 0, powerW: 0 }, { elapsedMs: 10, powerW: 10 }], { startMs: 2, endMs: 4 })).toBeCloseTo(3, 12);
  expect(meanPointPowerW([{ elapsedMs: 0, powerW: 5 }], { startMs: 2, endMs: 4 })).toBe(5);
  expect(meanPointPowerW([], { startMs: 2, endMs: 4 })).toBeNull();
  // RAPL: 10 W over 0–10 ms and 20 W over 10–20 ms; the window 5–15 ms takes half of each.
  expect(meanIntervalPowerW([{ elapsedMs: 10, powerW: 10 }, { elapsedMs: 20, powerW: 20 }], { startMs: 5, endMs: 15 })).toBeCloseTo(15, 12);
});
