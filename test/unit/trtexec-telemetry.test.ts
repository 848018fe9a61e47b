import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { trtexecTelemetry } from '../../core/engines/trtexec/run-trtexec.js';
import { available, unavailable } from '../../core/telemetry/reading.js';
import type { TelemetryRecording, TelemetrySample } from '../../core/telemetry/sampler.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';

// tegrastats from an Orin NX/Nano-class module under a GPU burn (recorded, not here): its VDD_IN
// climbs as the load starts, which is what placing the timed window must not average away.
const lines = readFileSync(new URL('../fixtures/trtexec-runs/jetson/tegrastats_orin-nx-nano-class_jp5-deepstream6.3_VDD_IN-VDD_CPU_GPU_CV-VDD_SOC_tegra-burn.log', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');

const recording = (count: number): TelemetryRecording => ({
  samples: lines.slice(0, count).map((line, i): TelemetrySample => ({
    elapsedMs: i * 250, cpuLoadPercent: 10, cpuPerCorePercent: [], cpuMeanSpeedMHz: null, memoryUsedBytes: 1, processRssBytes: 1, raplPowerW: {}, tegrastats: parseTegrastatsLine(line), temperatureC: null, gpus: [],
  })),
  energy: unavailable('no RAPL on a Jetson'),
  tegrastats: available({ lines: count, unreadableLines: 0 }),
  thermal: unavailable('none'),
  nvidiaSmi: unavailable('none'),
  gpuPower: [],
});

it('energy per inference of a trtexec run is the timed window\'s power × the timed duration, not the build\'s', () => {
  const rec = recording(40);
  // A 10 s process whose last 2 s were the timed iterations (2000 of them).
  const { summary, covers } = trtexecTelemetry(rec, new Array<number>(2000).fill(1), 2000, 9750);
  expect(covers).toMatch(/^\d+ samples at the end of the process/);
  const inWindow = rec.samples.filter((s) => s.elapsedMs >= 9750 - 2000 - 250).map((s) => s.tegrastats!.powerRails.find((r) => r.name === 'VDD_IN')!.currentMw / 1000);
  const meanW = inWindow.reduce((a, b) => a + b, 0) / inWindow.length;
  expect(summary.energy.available && summary.energy.value.averagePowerW).toBeCloseTo(meanW, 9);
  expect(summary.energy.available && summary.energy.value.joulesPerInference).toBeCloseTo((meanW * 2) / 2000, 12);
  expect(summary.energy.available && summary.energy.value.source).toContain("mean power over the timed iterations (the end of the trtexec process) × the timed iterations' duration");
});

it('says so when no sample fell inside a short timed window', () => {
  const { covers, summary } = trtexecTelemetry(recording(3), [1, 1], 0.5, 10_000);
  expect(covers).toContain('no sample fell inside the timed iterations: run longer with --duration');
  expect(summary.energy.available && summary.energy.value.source).toContain('the whole trtexec process, engine build included');
});
