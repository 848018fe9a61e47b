import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gpuEnergyOf, meanPowerW } from '../../core/telemetry/gpu-energy.js';
import { parseNvidiaSmiCsv } from '../../core/telemetry/nvidia-smi.js';

// Power values recorded by nvidia-smi on real GPUs (test/fixtures/nvidia-smi/); no GPU needed here.
const powerOf = (file: string): number => {
  const cell = parseNvidiaSmiCsv(readFileSync(new URL(`../fixtures/nvidia-smi/${file}`, import.meta.url), 'utf8')).rows[0]!['power.draw'];
  if (!cell?.available || cell.value.number === null) throw new Error(`${file}: no power.draw`);
  return cell.value.number;
};
const idleW = powerOf('2.csv'); // H100 idle, 69.85 W
const loadW = powerOf('1.csv'); // the same H100 under load, 631.95 W

describe('GPU energy from nvidia-smi power readings', () => {
  it('integrates by the trapezoid rule over uneven reading times', () => {
    // 0 ms idle, 250 ms load, 600 ms load: (idle+load)/2·250 + load·350, over 600 ms.
    const mean = meanPowerW([{ elapsedMs: 0, powerW: idleW }, { elapsedMs: 250, powerW: loadW }, { elapsedMs: 600, powerW: loadW }]);
    expect(mean).toBeCloseTo((((idleW + loadW) / 2) * 250 + loadW * 350) / 600, 9);
  });

  it('gives joules, joules per inference and per sample, naming the sensor', () => {
    const readings = [0, 250, 500].map((t) => ({ elapsedMs: t, index: 0, powerW: loadW }));
    const energy = gpuEnergyOf(readings, 2000, 400, 8);
    expect(energy.available).toBe(true);
    if (!energy.available) return;
    expect(energy.value.energyJ).toBeCloseTo(loadW * 2, 9);
    expect(energy.value.joulesPerInference).toBeCloseTo((loadW * 2) / 400, 9);
    expect(energy.value.joulesPerSample).toBeCloseTo((loadW * 2) / 400 / 8, 9);
    expect(energy.value.sensor).toContain('nvidia-smi power.draw');
    expect(energy.value.sensor).toContain('3 readings');
  });

  it('sums GPUs and leaves per-sample energy out without a batch size', () => {
    const readings = [
      { elapsedMs: 0, index: 0, powerW: loadW }, { elapsedMs: 0, index: 1, powerW: idleW },
      { elapsedMs: 250, index: 0, powerW: loadW }, { elapsedMs: 250, index: 1, powerW: idleW },
    ];
    const energy = gpuEnergyOf(readings, 1000, 10);
    expect(energy.available && energy.value.energyJ).toBeCloseTo(loadW + idleW, 9);
    expect(energy.available && energy.value.joulesPerSample).toBeNull();
    expect(energy.available && energy.value.gpus.map((g) => g.index)).toEqual([0, 1]);
  });

  it('is unavailable, never zero, when the driver cannot report power', () => {
    expect(gpuEnergyOf([{ elapsedMs: 0, index: 0, powerW: null }], 1000, 10)).toEqual({ available: false, reason: 'nvidia-smi reported power.draw as not available on this GPU ([N/A]).' });
    expect(gpuEnergyOf([], 1000, 10).available).toBe(false);
  });
});
