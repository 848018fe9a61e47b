import { describe, expect, it } from 'vitest';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import { copySplitOf, measureCopySplit } from '../../core/bench/copy-split.js';
import { copySplitSection } from '../../core/present/sections/copy-split-section.js';
import { textSection } from '../../core/present/section-text.js';
import { available } from '../../core/telemetry/reading.js';
import { modelPath } from '../helpers/models.js';

/**
 * The copy split needs a GPU to measure (npm run check:gpu does that on one). Here the arithmetic
 * and the report run on the p50s recorded on an NVIDIA H200 with the WebGPU provider (fixtures
 * README, webgpu-h200): MobileNetV3-small 3.04 → 2.28 ms and SqueezeNet 1.1 2.33 → 1.48 ms with
 * outputs kept on the GPU.
 */
describe('the copy split: download share of a GPU inference', () => {
  it('gives the download share the H200 showed, 25–36 % of a small model\'s latency', () => {
    const mobilenet = copySplitOf('webgpu', 3.04, 2.28, 50, 4000);
    expect(mobilenet.downloadMs).toBeCloseTo(0.76, 9);
    expect(mobilenet.downloadShare).toBeCloseTo(0.76 / 3.04, 9);
    const squeezenet = copySplitOf('webgpu', 2.33, 1.48, 50, 4000);
    expect(squeezenet.downloadShare).toBeCloseTo(0.85 / 2.33, 9);
    expect(mobilenet.downloadShare).toBeGreaterThan(0.24);
    expect(squeezenet.downloadShare).toBeLessThan(0.37);
  });

  it('never reports a negative download when the device mode was slower within noise', () => {
    expect(copySplitOf('webgpu', 2.0, 2.05, 50, null)).toMatchObject({ downloadMs: 0, downloadShare: 0 });
  });

  it('reads as a report section with both p50s and the share', () => {
    const text = textSection(copySplitSection(available(copySplitOf('webgpu', 3.04, 2.28, 50, 4000)))!);
    expect(text).toContain('0.760 ms of a 3.04 ms inference on webgpu: 25.0 %');
    expect(text).toMatch(/kept on the device\s+2\.28/);
  });

  it('is unavailable on the CPU, where outputs are already in host memory', async () => {
    const split = await measureCopySplit({ modelPath: await modelPath('tiny-classifier'), settings: SessionSettingsSchema.parse({}) });
    expect(split).toEqual({ available: false, reason: 'Outputs are already in host memory on cpu: there is no download to split off.' });
  });

  it('says why, in ONNX Runtime\'s words, where the GPU provider does not start', async () => {
    // On a machine with a WebGPU adapter this measures for real; without one it must say so.
    const split = await measureCopySplit({ modelPath: await modelPath('tiny-classifier'), settings: SessionSettingsSchema.parse({ executionProviders: ['webgpu'] }), iterations: 5, warmupIterations: 1 });
    if (split.available) {
      expect(split.value.withDownloadP50Ms).toBeGreaterThan(0);
      expect(split.value.iterations).toBe(5);
    } else {
      expect(split.reason).toMatch(/webgpu/i);
    }
  });
});
