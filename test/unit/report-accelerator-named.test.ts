import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunRecordSchema, type CompletedRun } from '../../core/api/run-record.js';
import { summarizeRun } from '../../core/evidence/run-summary.js';
import { acceleratorOfRecord, describeAccelerator } from '../../core/hardware/accelerator.js';
import { toRunListItem } from '../../core/lab/run-list-item.js';
import { compareRuns, formatComparison } from '../../core/report/compare.js';
import { formatRunSummary } from '../../core/present/run-summary.js';
import { parseNvidiaSmiCsv } from '../../core/telemetry/nvidia-smi.js';
import { readGpuClockState } from '../../core/telemetry/gpu-clock-state.js';

/**
 * Runs against recorded GPU output: run records edgelab wrote on an NVIDIA H200 (WebGPU and the CPU
 * of the same machine) and an nvidia-smi capture of an H200 (test/fixtures/); no GPU is needed here.
 */
const record = (name: string): CompletedRun => RunRecordSchema.parse(JSON.parse(readFileSync(new URL(`../fixtures/webgpu-h200/${name}`, import.meta.url), 'utf8'))) as CompletedRun;
const gpuRun = record('resnet50-webgpu-run-record.json');
const cpuRun = record('ppocrv4-det-640-cpu16-run-record.json');
const h200 = readGpuClockState(parseNvidiaSmiCsv(readFileSync(new URL('../fixtures/nvidia-smi/5.csv', import.meta.url), 'utf8')).rows[0]!);

describe('the accelerator named beside the CPU', () => {
  it('names the GPU of an older WebGPU record from the GPUs its hardware lists', () => {
    expect(acceleratorOfRecord(gpuRun)).toEqual({ provider: 'webgpu', name: 'NVIDIA H200', memoryMiB: 143156, driverVersion: null, adapter: null, source: 'system' });
    expect(acceleratorOfRecord(cpuRun)).toBeNull();
  });

  it('prefers nvidia-smi\'s model, memory and driver, stored in the record at run time', () => {
    const stored = describeAccelerator('webgpu', [h200], gpuRun.hardware);
    expect(stored).toEqual({ provider: 'webgpu', name: 'NVIDIA H200', memoryMiB: 143771, driverVersion: '590.48.01', adapter: null, source: 'nvidia-smi' });
    const run = { ...gpuRun, extras: { ...gpuRun.extras, accelerator: stored } };
    expect(formatRunSummary(run)).toContain('  device    NVIDIA H200, 140 GiB, driver 590.48.01 (webgpu)');
  });

  it('shows it in the run header, the run list and History, and not for a CPU run', () => {
    expect(formatRunSummary(gpuRun)).toContain('  device    NVIDIA H200, 140 GiB (webgpu)');
    expect(formatRunSummary(cpuRun)).not.toContain('device');
    const summary = summarizeRun(gpuRun, `runs/${gpuRun.id}.json`);
    expect(summary.accelerator).toBe('NVIDIA H200, 140 GiB (webgpu)');
    expect(toRunListItem(summary, new Map()).accelerator).toBe('NVIDIA H200, 140 GiB (webgpu)');
    expect(toRunListItem(summarizeRun(cpuRun, 'runs/x.json'), new Map()).accelerator).toBeNull();
  });

  it('compares a CPU run with a GPU run naming the GPU, and warns when two GPUs differ', () => {
    const text = formatComparison(compareRuns(cpuRun, gpuRun));
    expect(text).toContain('NVIDIA H200, 140 GiB (webgpu)');
    const other = { ...gpuRun, id: 'other', extras: { ...gpuRun.extras, accelerator: describeAccelerator('webgpu', [h200], null) } };
    const warnings = compareRuns(gpuRun, other).warnings.map((w) => w.code);
    expect(warnings).toContain('different-accelerator');
  });
});
