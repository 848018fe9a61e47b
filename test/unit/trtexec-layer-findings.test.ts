import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayerInfo } from '../../core/engines/trtexec/layer-info.js';
import { parseExportProfile } from '../../core/engines/trtexec/layer-profile.js';
import { layerKind, trtexecProfileSummary } from '../../core/engines/trtexec/trtexec-profile.js';

// Layer profiles TensorRT wrote on an RTX 3060 Laptop GPU (with its layer info) and on a Jetson AGX
// Xavier with DLA (TensorRT 7.1.3); origins in test/fixtures/trtexec-runs/README.md.
const read = (dir: string, name: string) => readFileSync(new URL(`../fixtures/trtexec-runs/${dir}/${name}`, import.meta.url), 'utf8');
const profileOf = (name: string) => parseExportProfile(read('exportProfile', name), name);
const files = { profileFile: 'p.json', profileSha256: 'x', layerInfoFile: null };

describe('the TensorRT layer profile as a profile section', () => {
  it('ranks the same top layer as the exportProfile file, with type, precision and placement from the layer info', () => {
    const profile = profileOf('fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.profile.json');
    const info = parseLayerInfo(read('layerInfo', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json'), 'l.json');
    const summary = trtexecProfileSummary(profile, info, { ...files, layerInfoFile: 'l.json' }, false);
    const fileTop = [...profile.layers].sort((a, b) => b.timeMs - a.timeMs)[0]!;
    const top = summary.topNodes[0] as { name: string; opType: string; precision: string; provider: string; share: number };
    expect(top.name).toBe(fileTop.name);
    expect(top).toMatchObject({ name: '/classifier/classifier_1/Gemm_myl9_2', opType: 'gemm', precision: 'FP16', provider: 'GPU' });
    expect(top.share).toBeCloseTo(fileTop.percentage / 100, 3);
    expect(summary.providers).toEqual([{ provider: 'GPU', nodes: 14, share: expect.closeTo(1, 9) as unknown as number }]);
    expect(summary.findings.map((f) => f.code)).toEqual(['top-nodes', 'dominant-layer']);
  });

  it('names reformat and DLA transfer layers as such', () => {
    expect(layerKind('Reformatting CopyNode for Input Tensor 0 to MaxPool_5', null)).toBe('reformat');
    expect(layerKind('prob input reformatter 0', null)).toBe('reformat');
    expect(layerKind('data to nvm', null)).toBe('dla-transfer');
    expect(layerKind('(Unnamed Layer* 24) [Convolution]_output from nvm', null)).toBe('dla-transfer');
    expect(layerKind('inception_3a/1x1 copy', null)).toBe('copy');
    expect(layerKind('conv2/3x3 + conv2/relu_3x3', null)).toBe('layer');
  });

  it('on a Xavier GPU→DLA transition: the dominant reformat is where the GPU waits for the DLA', () => {
    const summary = trtexecProfileSummary(profileOf('haxconn_xavier-agx_trt7.1.3_googlenet_dla-transition-at-10_DLA-GPU.profile.json'), null, files, true);
    const dominant = summary.findings.find((f) => f.code === 'dominant-layer');
    expect(dominant?.nodes).toEqual(['prob input reformatter 0']);
    expect(dominant?.share).toBeCloseTo(0.83, 2);
    expect(dominant?.advice).toMatch(/waits for the DLA/);
    expect(summary.findings.find((f) => f.code === 'reformat')?.share).toBeGreaterThan(0.83);
    // The {…} blocks are the DLA's; the GPU layers before the transition fell back (or were placed there).
    expect(summary.providers.map((p) => p.provider)).toEqual(['GPU', 'DLA']);
    expect(summary.findings.find((f) => f.code === 'dla-fallback')?.message).toMatch(/compute layers ran on the GPU, not the DLA/);
  });

  it('on a Xavier DLA-start engine: transfers through the DLA memory are their own finding', () => {
    const summary = trtexecProfileSummary(profileOf('haxconn_xavier-agx_trt7.1.3_googlenet_dla-start_mark-at-24_DLA.profile.json'), null, files, true);
    const transfer = summary.findings.find((f) => f.code === 'dla-transfer');
    expect(transfer?.nodes).toEqual(['data to nvm', 'data copy finish', '(Unnamed Layer* 24) [Convolution]_output from nvm', '(Unnamed Layer* 24) [Convolution]_output copy finish']);
    expect(summary.layers.filter((l) => l.device === 'DLA').map((l) => l.kind)).toEqual(['layer']);
  });

  it('keeps the share of a profile whose counts differ (A100 and RTX 3090 trex examples with count 1)', () => {
    const profile = profileOf('nvidia-trex_rtx3090_resnet50-tf_fp16_bs32.profile.json');
    const summary = trtexecProfileSummary(profile, null, files, false);
    expect(summary.layers.reduce((s, l) => s + l.share, 0)).toBeCloseTo(1, 9);
    expect(summary.profiledRuns).toBe(1);
  });
});
