import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ProviderStatus } from '../../core/api/providers.js';
import { RunRecordSchema, type CompletedRun } from '../../core/api/run-record.js';
import { findVulkanLoader, formatGpuCheck, nativeMessage, runGpuCheck } from '../../core/lab/gpu-check.js';
import { trtexecCheckLine } from '../../core/lab/trtexec-check.js';
import { LabError } from '../../core/api/errors.js';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';
import { summarizeProfile } from '../../core/profile/summarize.js';
import { gpuClockReading } from '../../core/telemetry/gpu-clock-reading.js';
import { readGpuClockState } from '../../core/telemetry/gpu-clock-state.js';
import { gpuEnergyOf } from '../../core/telemetry/gpu-energy.js';
import { parseNvidiaSmiCsv } from '../../core/telemetry/nvidia-smi.js';
import { available, unavailable } from '../../core/telemetry/reading.js';

/**
 * The check's verdict from recorded GPU output (no GPU here): `edgelab providers --json` and the
 * ResNet-50 WebGPU run record from an NVIDIA H200, its profiler trace summarised by this code, an
 * H200 nvidia-smi capture for the clocks, and GPU energy from the run's recorded mean power.
 */
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
const providers = JSON.parse(readFileSync(fixture('webgpu-h200/providers.json'), 'utf8')) as ProviderStatus[];
const recorded = RunRecordSchema.parse(JSON.parse(readFileSync(fixture('webgpu-h200/resnet50-webgpu-run-record.json'), 'utf8'))) as CompletedRun;
const h200 = readGpuClockState(parseNvidiaSmiCsv(readFileSync(fixture('nvidia-smi/5.csv'), 'utf8')).rows[0]!);
const trace = gunzipSync(readFileSync(fixture('webgpu-h200/resnet50-webgpu-profile.json.gz'))).toString('utf8');

function h200Run(): CompletedRun {
  const profile = summarizeProfile(parseOrtProfile(trace, { skipRuns: 1 }), { tracePath: 'ort-profile.json', requestedProviders: ['webgpu'], timedP50Ms: recorded.latencyMs.p50 });
  const telemetry = recorded.extras.telemetry as { gpu: { available: true; value: { meanPowerW: number } } };
  const powerW = telemetry.gpu.value.meanPowerW;
  return {
    ...recorded,
    extras: {
      ...recorded.extras,
      profile,
      telemetry: {
        ...telemetry,
        gpuEnergy: gpuEnergyOf([{ elapsedMs: 0, index: 0, powerW }, { elapsedMs: 500, index: 0, powerW }], recorded.durationMs, recorded.iterations),
        gpuClocks: gpuClockReading(available([h200]), available([h200])),
      },
    },
  };
}

describe('npm run check:gpu: the one-screen verdict', () => {
  it('on the H200: WebGPU starts, the profile is device-timed with the layer4 conv on top, energy and steady clocks', async () => {
    const result = await runGpuCheck({
      probeProviders: async () => providers,
      queryClocks: async () => available([h200]),
      runOn: async () => h200Run(),
      vulkanLoader: () => '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
    });
    const text = formatGpuCheck(result);
    expect(result.ok).toBe(true);
    expect(text).toMatch(/ok\s+GPU 0\s+NVIDIA H200, 143771 MiB, driver 590\.48\.01/);
    expect(text).toMatch(/ok\s+webgpu provider\s+starts/);
    expect(text).toMatch(/ok\s+webgpu profile\s+device time from WebGPU timestamps \(900 events\), device busy 41 % of the profiled inference; top node \/layer4\/layer4\.0\/conv2\/Conv_token_180/);
    expect(text).toMatch(/ok\s+webgpu GPU energy\s+.* mJ per inference, 135 W mean/);
    expect(text).toMatch(/ok\s+webgpu GPU clocks\s+steady \(SM 1980 MHz/);
    expect(text).toMatch(/-\s+cuda provider\s+does not start: OrtSessionOptionsAppendExecutionProvider_Cuda/);
    expect(text).toContain('Verdict: GPU results can be trusted here on webgpu');
    // One screen.
    expect(text.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('without a GPU: says that no provider starts, that there is no Vulkan and no NVIDIA driver', async () => {
    const noGpu = providers.map((p) => (p.name === 'webgpu' ? { ...p, starts: false, reason: ' Failed to get a WebGPU adapter: No supported adapters' } : p));
    let ran = false;
    const result = await runGpuCheck({
      probeProviders: async () => noGpu,
      queryClocks: async () => unavailable('nvidia-smi was not found on PATH (no NVIDIA driver here).'),
      runOn: async () => { ran = true; return recorded; },
      vulkanLoader: () => null,
    });
    const text = formatGpuCheck(result);
    expect(ran).toBe(false);
    expect(result.ok).toBe(false);
    expect(text).toMatch(/FAIL\s+Vulkan loader\s+libvulkan\.so\.1 not found/);
    expect(text).toMatch(/FAIL\s+webgpu provider\s+does not start: Failed to get a WebGPU adapter/);
    expect(text).toContain('Verdict: No GPU provider starts on this machine and there is no NVIDIA driver (nvidia-smi)');
  });

  it('warns when persistence mode is off (the L40S capture), and not where the driver has no such mode (Windows)', async () => {
    const check = async (capture: string) => formatGpuCheck(await runGpuCheck({
      probeProviders: async () => [],
      queryClocks: async () => available([readGpuClockState(parseNvidiaSmiCsv(readFileSync(fixture(capture), 'utf8')).rows[0]!)]),
      runOn: async () => recorded,
    }));
    expect(await check('nvidia-smi/3.csv')).toMatch(/warn\s+GPU 0\s+NVIDIA L40S, .*persistence Disabled: the driver unloads between runs.*sudo nvidia-smi -pm 1/);
    expect(await check('nvidia-smi/5.csv')).toMatch(/ok\s+GPU 0\s+NVIDIA H200, .*persistence Enabled\n/);
    expect(await check('nvidia-smi/6.csv')).toMatch(/ok\s+GPU 0\s+NVIDIA GeForce RTX 2080 SUPER, .*persistence n\/a\n/);
  });

  it('keeps the message of what the probe printed natively, not its stack', () => {
    // What Dawn printed to stderr during the WebGPU probe on this project's test machine (no Vulkan loader).
    const dawn = "Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory\n    at operator() (/build/Release/_deps/dawn-src/src/dawn/native/vulkan/BackendVk.cpp:368)\n";
    expect(nativeMessage(dawn)).toBe("Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file: No such file or directory");
    expect(nativeMessage('')).toBe('');
  });

  it('fails a trtexec that is found but cannot run, and skips one that is not there', async () => {
    // The loader's message when TensorRT's libraries are not on the library path (exit 127).
    const broken = await trtexecCheckLine({
      locate: async () => '/usr/src/tensorrt/bin/trtexec',
      help: async () => ({ code: 127, signal: null, output: '/usr/src/tensorrt/bin/trtexec: error while loading shared libraries: libnvinfer.so.8: cannot open shared object file: No such file or directory\n' }),
    });
    expect(broken.status).toBe('fail');
    expect(broken.detail).toContain('--help exited with code 127: /usr/src/tensorrt/bin/trtexec: error while loading shared libraries: libnvinfer.so.8');
    const absent = await trtexecCheckLine({
      locate: async () => { throw new LabError('unavailable', 'trtexec was not found. Looked at: /usr/src/tensorrt/bin/trtexec.'); },
      help: async () => { throw new Error('not reached'); },
    });
    expect(absent).toMatchObject({ status: 'skip', item: 'trtexec' });
  });

  it('finds the Vulkan loader in the usual library folders', () => {
    expect(findVulkanLoader((p) => p === '/usr/lib64/libvulkan.so.1')).toBe('/usr/lib64/libvulkan.so.1');
    expect(findVulkanLoader(() => false)).toBeNull();
  });
});
