import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrtexecSummary } from '../../core/telemetry/trtexec.js';

const read = (name: string) => readFileSync(new URL(`../fixtures/trtexec/${name}`, import.meta.url), 'utf8');

describe('parseTrtexecSummary on recorded trtexec summaries', () => {
  it('reads the single-percentile format of TensorRT 8.4 (AGX Xavier)', () => {
    const summary = parseTrtexecSummary(read('1.txt'));
    expect(summary.throughputQps).toBe(41087.7);
    expect(summary.latencyMs).toEqual({ min: 0.387207, max: 0.447357, mean: 0.402238, median: 0.401947, percentiles: { p99: 0.420288 } });
    expect(summary.gpuComputeTimeMs?.median).toBe(0.388443);
    expect(summary.h2dLatencyMs?.mean).toBe(0.0104126);
    expect(summary.d2hLatencyMs?.percentiles).toEqual({ p99: 0.00488281 });
    expect(summary.enqueueTimeMs?.max).toBe(0.229004);
    expect(summary.totalHostWalltimeS).toBe(3.00119);
    expect(summary.totalGpuComputeTimeS).toBe(2.99202);
    expect(summary.tensorrtVersion).toBe('8.4.0');
    expect(summary.warnings).toEqual([]);
  });

  it('keeps the figures of a verbose log, whose [V] lines after the summary explain each one in words', () => {
    // A real TensorRT 8.6.0 log from an RTX 3090 (NVIDIA/trt-samples-for-hackathon-cn; test/fixtures/trtexec-runs/README.md).
    const text = readFileSync(new URL('../fixtures/trtexec-runs/logs/hackathon-cookbook_rtx3090_trt8.6.0_loadEngine-infer_fp32.log', import.meta.url), 'utf8');
    expect(text).toMatch(/\[V\] Throughput: the observed throughput/);
    const summary = parseTrtexecSummary(text);
    expect(summary.throughputQps).toBe(Number(/\[I\] Throughput: ([\d.]+) qps/.exec(text)![1]));
    expect(summary.totalHostWalltimeS).toBe(Number(/\[I\] Total Host Walltime: ([\d.]+) s/.exec(text)![1]));
    expect(summary.totalGpuComputeTimeS).toBe(Number(/\[I\] Total GPU Compute Time: ([\d.]+) s/.exec(text)![1]));
  });

  it('reads the 90/95/99 percentile format (TensorRT 8.6 and later)', () => {
    const summary = parseTrtexecSummary(read('4.txt'));
    expect(summary.latencyMs?.percentiles).toEqual({ p90: 30.8303, p95: 30.8396, p99: 30.8523 });
    expect(summary.gpuComputeTimeMs).toEqual({ min: 29.8193, max: 30.4572, mean: 30.3322, median: 30.333, percentiles: { p90: 30.4037, p95: 30.4156, p99: 30.4204 } });
    expect(summary.h2dLatencyMs?.min).toBe(0.243774);
    expect(summary.d2hLatencyMs?.max).toBe(0.187988);
    expect(summary.totalHostWalltimeS).toBe(3.08622);
    // The paste ended before this line: absent, not zero.
    expect(summary.totalGpuComputeTimeS).toBeNull();
    expect(summary.tensorrtVersion).toBeNull();
  });

  it('leaves lines the paste left out as null (AGX Orin, partial paste)', () => {
    const summary = parseTrtexecSummary(read('2.txt'));
    expect(summary.throughputQps).toBe(12.9581);
    expect(summary.latencyMs?.median).toBe(76.3436);
    expect(summary.enqueueTimeMs?.percentiles['p95']).toBe(76.0399);
    expect(summary.gpuComputeTimeMs).toBeNull();
    expect(summary.h2dLatencyMs).toBeNull();
  });

  it('keeps trtexec warnings and zero transfer times (no data transfers)', () => {
    const summary = parseTrtexecSummary(read('3.txt'));
    expect(summary.h2dLatencyMs).toEqual({ min: 0, max: 0, mean: 0, median: 0, percentiles: { p99: 0 } });
    expect(summary.warnings).toEqual([
      '* GPU compute time is unstable, with coefficient of variance = 2.10486%.',
      'If not already in use, locking GPU clock frequency or adding --useSpinWait may improve the stability.',
    ]);
  });

  it('reads the packed TensorRT 10 version, ignores build warnings, rejects text with no summary', () => {
    const buildWarning = '[05/27/2024-16:38:10] [W] [TRT] onnx2trt_utils.cpp:374: Your ONNX model has been generated with INT64 weights\n';
    const text = `${buildWarning}${read('4.txt')}&&&& PASSED TensorRT.trtexec [TensorRT v100300] # trtexec --loadEngine=m.plan\n`;
    expect(parseTrtexecSummary(text).tensorrtVersion).toBe('10.3.0');
    expect(parseTrtexecSummary(text).warnings).toEqual([]);
    expect(() => parseTrtexecSummary('[I] Starting inference\n')).toThrow(/No trtexec performance summary/);
  });
});
