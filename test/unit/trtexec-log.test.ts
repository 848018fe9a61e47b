import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseTrtexecLog } from '../../core/engines/trtexec/trtexec-log.js';
import { trtexecWarnings } from '../../core/engines/trtexec/trtexec-warnings.js';

// Real trtexec console logs (TensorRT 8.0–10.16) recorded on GPUs and Orin boards that are not here;
// origins in test/fixtures/trtexec-runs/README.md.
const read = (name: string) => {
  const bytes = readFileSync(new URL(`../fixtures/trtexec-runs/logs/${name}`, import.meta.url));
  return name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
};

describe('parseTrtexecLog on recorded logs', () => {
  it('reads TensorRT 10.16 on an H100: version, device, options, engine build and load, summary', () => {
    const log = parseTrtexecLog(read('hackathon-cookbook_h100pcie_trt10.16.1_onnx-default.log'));
    expect(log).toMatchObject({
      tensorrtVersion: '10.16.1',
      device: 'NVIDIA H100 PCIe',
      computeCapability: '9.0',
      deviceMemoryMiB: 81081,
      precision: 'FP32',
      dlaCore: null,
      dataTransfers: true,
      spinWait: false,
      cudaGraph: false,
      separateProfiling: false,
      engineBuildS: 8.09138,
      engineLoadS: 0.00676279,
      outcome: 'passed',
      decisiveLines: [],
    });
    expect(log.commandLine).toBe('trtexec --onnx=/work/trt-samples-for-hackathon-cn/cookbook/00-Data/model/model-trained.onnx');
    expect(log.loggedStart).toBe('07/07/2026-02:10:45');
    expect(log.exportTimesFile).toBe('');
    expect(log.summary?.latencyMs?.median).toBe(0.0440674);
    // A dynamic input trtexec shaped by itself, and the unstable-compute line of the summary, typed.
    expect(trtexecWarnings(log).map((w) => w.code)).toEqual(['trtexec-gpu-time-unstable', 'trtexec-shape-defaulted']);
  });

  it('reads an Orin run without data transfers, with CUDA graphs and spin-wait (TensorRT 8.5.10, verbose)', () => {
    const log = parseTrtexecLog(read('lix19937_orin-drive_trt8.5.10_onnx-best-verbose_mnist.log.gz'));
    expect(log).toMatchObject({ tensorrtVersion: '8.5.10', device: 'Orin', computeCapability: '8.7', precision: 'FP32+FP16+INT8', dataTransfers: false, cudaGraph: true, spinWait: true, outcome: 'passed' });
    expect(log.engineBuildS).toBe(12.3251);
  });

  it('reads TensorRT 8.0.1 (version as 8001, doubled time stamps, a line after PASSED)', () => {
    const log = parseTrtexecLog(read('igniter_tesla-t4_trt8.0.1_loadEngine-vgg19.log'));
    expect(log.tensorrtVersion).toBe('8.0.1');
    expect(log.device).toBe('NVIDIA Tesla T4');
    expect(log.engineLoadS).toBe(4.14378);
    expect(log.engineBuildS).toBeNull();
    expect(log.outcome).toBe('passed');
  });

  it('calls a build that ends in &&&& FAILED failed and quotes its last words', () => {
    const log = parseTrtexecLog(read('hackathon-cookbook_gtx1070_trt8.2.3_onnx-build_fp16_FAILED.log'));
    expect(log.outcome).toBe('failed');
    expect(log.precision).toBe('FP32+FP16');
    expect(log.summary).toBeNull();
    // No [E] line was printed: the decisive lines are the last non-verbose ones before the end.
    expect(log.decisiveLines.at(-1)).toBe('Finish parsing network model');
  });

  it('calls a build that died on an assertion incomplete and quotes the assertion', () => {
    const log = parseTrtexecLog(read('lix19937_orin_trt8.4.10_build-crash-myelin-assert_INCOMPLETE.log'));
    expect(log.outcome).toBe('incomplete');
    expect(log.device).toBe('Orin');
    expect(log.decisiveLines.some((l) => l.includes('Assertion `0 && "Unsupported type"\' failed'))).toBe(true);
  });

  it('knows a profiled run (--dumpProfile) has no performance summary', () => {
    const log = parseTrtexecLog(read('hackathon-cookbook_h100pcie_trt10.16.1_loadEngine_dumpProfile_exportTimes.log'));
    expect(log.outcome).toBe('passed');
    expect(log.summary).toBeNull();
    expect(log.engineLoadS).toBeCloseTo(0.0258638, 9);
  });

  it('types the unstable-GPU-time warning of TensorRT 8.6 with its advice', () => {
    const warnings = trtexecWarnings(parseTrtexecLog(read('hackathon-cookbook_rtx3090_trt8.6.0_loadEngine-infer_fp32.log')));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('trtexec: GPU compute time is unstable, with coefficient of variance = 44.3558%.');
    expect(warnings[0]?.advice).toMatch(/jetson_clocks/);
  });

  it('reads text that is not a trtexec log as an incomplete run with nothing known', () => {
    const log = parseTrtexecLog('hello\nworld\n');
    expect(log).toMatchObject({ tensorrtVersion: null, device: null, outcome: 'incomplete', summary: null });
  });
});
