import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { startTelemetry } from '../../core/telemetry/sampler.js';
import { summarizeTelemetry } from '../../core/telemetry/telemetry-summary.js';

/**
 * GPU energy through the real sampler and a real child process: test/fixtures/nvidia-smi-replay.mjs
 * stands in for nvidia-smi and prints the power, clock and load recorded on an H100 idle (69.85 W)
 * and under load (631.95 W), alternately. No GPU is needed here.
 */
const replay = fileURLToPath(new URL('../fixtures/nvidia-smi-replay.mjs', import.meta.url));
const capture = (name: string) => fileURLToPath(new URL(`../fixtures/nvidia-smi/${name}`, import.meta.url));

it('integrates the power lines nvidia-smi prints during the run into joules per inference', async () => {
  const recorder = await startTelemetry({ intervalMs: 20, tegrastats: false, nvidiaSmi: { command: process.execPath, args: [replay, capture('2.csv'), capture('1.csv')] } });
  // Wait until both recorded powers have been seen, however slowly the machine runs the child.
  const seen = new Set<number>();
  const started = performance.now();
  while (seen.size < 2 && performance.now() - started < 25_000) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const power = recorder.latest()?.gpus[0]?.powerW;
    if (power !== undefined && power !== null) seen.add(power);
  }
  const recording = await recorder.stop();
  const readings = recording.gpuPower;
  expect(readings.length).toBeGreaterThanOrEqual(2);
  expect(new Set(readings.map((r) => r.powerW))).toEqual(new Set([69.85, 631.95]));
  const durationMs = 1000;
  const summary = summarizeTelemetry(recording, { samplesMsInOrder: [], inferences: 100, durationMs, intervalMs: 20, batchSize: 4 });
  const energy = summary.gpuEnergy;
  expect(energy?.available).toBe(true);
  if (!energy?.available) return;
  // Whatever the timing of the lines, the mean lies between the two recorded powers.
  expect(energy.value.averagePowerW).toBeGreaterThan(69.85);
  expect(energy.value.averagePowerW).toBeLessThan(631.95);
  expect(energy.value.energyJ).toBeCloseTo(energy.value.averagePowerW * durationMs / 1000, 9);
  expect(energy.value.joulesPerInference).toBeCloseTo(energy.value.energyJ / 100, 9);
  expect(energy.value.joulesPerSample).toBeCloseTo(energy.value.energyJ / 400, 9);
  expect(energy.value.sensor).toContain(`mean of ${readings.length} readings`);
}, 30_000);
