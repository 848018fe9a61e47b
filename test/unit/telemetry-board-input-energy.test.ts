import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TelemetryRecording, TelemetrySample } from '../../core/telemetry/sampler.js';
import { parseTegrastatsLine } from '../../core/telemetry/tegrastats.js';
import { summarizeTelemetry } from '../../core/telemetry/telemetry-summary.js';
import { unavailable, available } from '../../core/telemetry/reading.js';

// tegrastats lines recorded on an AGX Orin 64 GB and an Orin NX/Nano-class module (not here);
// origins in test/fixtures/trtexec-runs/README.md.
const lines = (name: string) => readFileSync(new URL(`../fixtures/trtexec-runs/jetson/${name}`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');

function recordingOf(tegrastatsLines: string[]): TelemetryRecording {
  const samples: TelemetrySample[] = tegrastatsLines.map((line, i) => ({
    elapsedMs: i * 1000, cpuLoadPercent: 50, cpuPerCorePercent: [], cpuMeanSpeedMHz: null, memoryUsedBytes: 1, processRssBytes: 1,
    raplPowerW: {}, tegrastats: parseTegrastatsLine(line), temperatureC: null, gpus: [],
  }));
  return {
    samples,
    energy: unavailable('No powercap interface'),
    tegrastats: available({ lines: samples.length, unreadableLines: 0 }),
    thermal: unavailable('none'),
    nvidiaSmi: unavailable('none'),
    gpuPower: [],
  };
}

describe('energy on a Jetson names the rail it is computed from', () => {
  it('AGX Orin: the sum of its rails, said to be a sum', () => {
    const summary = summarizeTelemetry(recordingOf(lines('tegrastats_agx-orin-64gb_jp6-format_VDD_GPU_SOC-VDD_CPU_CV-VIN_SYS_5V0_llm-pipeline.log')), { samplesMsInOrder: [1, 1], inferences: 10, durationMs: 10_000, intervalMs: 1000 });
    expect(summary.energy.available && summary.energy.value.source).toBe('tegrastats sum of VDD_GPU_SOC + VDD_CPU_CV + VIN_SYS_5V0, sum of rails (no total-input rail on this board) (mean power × duration)');
    expect(summary.energy.available && summary.energy.value.averagePowerW).toBeGreaterThan(6);
  });

  it('Orin NX/Nano class under load: VDD_IN, the total input', () => {
    const summary = summarizeTelemetry(recordingOf(lines('tegrastats_orin-nx-nano-class_jp5-deepstream6.3_VDD_IN-VDD_CPU_GPU_CV-VDD_SOC_tegra-burn.log')), { samplesMsInOrder: [1, 1], inferences: 100, durationMs: 10_000, intervalMs: 1000 });
    expect(summary.energy.available && summary.energy.value.source).toBe('tegrastats VDD_IN, total-input rail (mean power × duration)');
  });
});
