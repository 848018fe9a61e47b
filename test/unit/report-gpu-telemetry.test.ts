import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { telemetrySection } from '../../core/present/sections/telemetry-section.js';
import { textSection } from '../../core/present/section-text.js';
import { gpuEnergyOf } from '../../core/telemetry/gpu-energy.js';
import { gpuClockReading } from '../../core/telemetry/gpu-clock-reading.js';
import { readGpuClockState } from '../../core/telemetry/gpu-clock-state.js';
import { parseNvidiaSmiCsv } from '../../core/telemetry/nvidia-smi.js';
import { available, unavailable } from '../../core/telemetry/reading.js';

/**
 * Recorded GPU output: the telemetry of the H200 WebGPU run record, and an H200 nvidia-smi capture
 * (power 295.01 W, SM 1980 MHz, memory 3201 MHz) for the energy and clock rows; no GPU needed here.
 */
const recorded = JSON.parse(readFileSync(new URL('../fixtures/webgpu-h200/resnet50-webgpu-run-record.json', import.meta.url), 'utf8')) as { extras: { telemetry: Record<string, unknown> }; iterations: number; durationMs: number };
const row = parseNvidiaSmiCsv(readFileSync(new URL('../fixtures/nvidia-smi/5.csv', import.meta.url), 'utf8')).rows[0]!;
const h200 = readGpuClockState(row);
const powerW = row['power.draw']?.available ? row['power.draw'].value.number! : NaN;

describe('the telemetry section of a GPU run', () => {
  it('shows GPU energy per inference with its sensor, and the clocks before and after', () => {
    const energy = gpuEnergyOf([0, 250, 500].map((t) => ({ elapsedMs: t, index: 0, powerW })), recorded.durationMs, recorded.iterations);
    const telemetry = { ...recorded.extras.telemetry, gpuEnergy: energy, gpuClocks: gpuClockReading(available([h200]), available([h200])) };
    const text = textSection(telemetrySection(telemetry)!);
    const joules = (powerW * recorded.durationMs) / 1000;
    expect(text).toContain(`${joules.toFixed(1)} J`);
    expect(text).toMatch(/J per inference/);
    expect(text).toContain('nvidia-smi power.draw (board power, GPU 0');
    expect(text).toContain('SM 1980 MHz, memory 3201 MHz → SM 1980 MHz, memory 3201 MHz');
  });

  it('says why GPU energy and clocks are missing, and an older record shows neither row', () => {
    const telemetry = { ...recorded.extras.telemetry, gpuEnergy: unavailable('nvidia-smi was not found on PATH (no NVIDIA driver here).'), gpuClocks: unavailable('nvidia-smi was not found on PATH (no NVIDIA driver here).') };
    const text = textSection(telemetrySection(telemetry)!);
    expect(text).toMatch(/GPU energy\s+not measured\s+nvidia-smi was not found/);
    expect(textSection(telemetrySection(recorded.extras.telemetry)!)).not.toContain('GPU energy');
  });
});
