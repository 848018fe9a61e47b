import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExportTimes, spanMs } from '../../core/engines/trtexec/export-times.js';
import { parseLayerInfo } from '../../core/engines/trtexec/layer-info.js';
import { parseExportProfile } from '../../core/engines/trtexec/layer-profile.js';
import { quantileSorted, sortedAscending } from '../../core/stats/index.js';

// Files trtexec wrote with --exportTimes, --exportProfile and --exportLayerInfo on real GPUs and a
// Jetson AGX Xavier; origins in test/fixtures/trtexec-runs/README.md.
const read = (dir: string, name: string) => readFileSync(new URL(`../fixtures/trtexec-runs/${dir}/${name}`, import.meta.url), 'utf8');

describe('--exportTimes', () => {
  it('reads every iteration of an RTX 3090 run, with its stages', () => {
    const times = parseExportTimes(read('exportTimes', 'nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), 'times.json');
    expect(times).toHaveLength(263);
    expect(times[0]).toMatchObject({ latencyMs: 13.0181, computeMs: 13.0181, h2dMs: 0, d2hMs: 0 });
    expect(times[0]?.enqueueMs).toBeCloseTo(16.9316 - 16.6644, 9);
    expect(spanMs(times)).toBeGreaterThan(263 * 12);
  });

  it('gives the median a record is judged on', () => {
    const times = parseExportTimes(read('exportTimes', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'), 'times.json');
    const sorted = sortedAscending(times.map((t) => t.latencyMs));
    expect(times).toHaveLength(200);
    expect(quantileSorted(sorted, 0.5)).toBeCloseTo(0.498047, 5);
  });

  it('refuses a profile given as times, naming the file and what it is not', () => {
    expect(() => parseExportTimes(read('exportProfile', 'igniter_alexnet_trt8.0-era_no-median.profile.json'), 'x.json')).toThrow(/x\.json: iteration 0 has no numeric latencyMs/);
    expect(() => parseExportTimes('{"a":1}', 'y.json')).toThrow(/y\.json is not a trtexec --exportTimes file/);
    expect(() => parseExportTimes('[{', 'z.json')).toThrow(/z\.json is not JSON/);
    expect(() => parseExportTimes('[]', 'e.json')).toThrow(/e\.json holds no iterations/);
  });
});

describe('--exportProfile', () => {
  it('reads layers with medians (TensorRT 10) and without (8.0 era)', () => {
    const modern = parseExportProfile(read('exportProfile', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json'), 'p.json');
    expect(modern.iterations).toBe(14590);
    expect(modern.layers[0]).toEqual({ name: 'Reformatting CopyNode for Input Tensor 0 to /features/features.0/Conv + /features/features.1/Relu', timeMs: 135.153, averageMs: 0.00926341, medianMs: 0.009216, percentage: 1.76725 });
    const old = parseExportProfile(read('exportProfile', 'igniter_alexnet_trt8.0-era_no-median.profile.json'), 'p.json');
    expect(old.iterations).toBe(3015);
    expect(old.layers.every((l) => l.medianMs === null)).toBe(true);
  });

  it('refuses times given as a profile', () => {
    expect(() => parseExportProfile(read('exportTimes', 'nvidia-trex_rtx3090_resnet50-tf_fp32_bs32.times.json'), 'q.json')).toThrow(/q\.json is not a trtexec --exportProfile file/);
  });
});

describe('--exportLayerInfo', () => {
  it('reads detailed layer info: types, precisions, shapes', () => {
    const info = parseLayerInfo(read('layerInfo', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json'), 'l.json');
    expect(info.detailed).toBe(true);
    expect(info.layers).toHaveLength(14);
    expect(info.layers[0]).toMatchObject({ layerType: 'Reformat', precision: 'FP16', device: 'GPU', inputs: ['FP16[1,3,224,224]'] });
    const h100 = parseLayerInfo(read('layerInfo', 'hackathon-cookbook_h100pcie_trt10.16.1_exportLayerInfo_detailed.json'), 'l.json');
    expect(h100.layers.map((l) => l.layerType)).toContain('CaskConvolution');
    expect(h100.bindings).toEqual(['x', 'y', 'z']);
  });

  it('reads default-verbosity layer info as names only', () => {
    const info = parseLayerInfo(read('layerInfo', 'hackathon-cookbook_gtx1070_trt8.2.3_exportLayerInfo_default-verbosity.json'), 'l.json');
    expect(info.detailed).toBe(false);
    expect(info.layers[0]).toEqual({ name: 'Conv__25 + Relu', layerType: null, precision: null, device: 'GPU', inputs: [], outputs: [] });
    expect(info.bindings).toEqual(['x:0', 'z:0']);
    expect(() => parseLayerInfo('[1,2]', 'm.json')).toThrow(/m\.json is not a trtexec --exportLayerInfo file/);
  });
});
