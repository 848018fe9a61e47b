import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';
import { summarizeProfile } from '../../core/profile/summarize.js';
import { formatProfile } from '../../core/present/format-profile.js';
import { profileSection } from '../../core/present/sections/profile-section.js';
import { textSection } from '../../core/present/section-text.js';

/**
 * Runs against recorded GPU output: the ONNX Runtime trace of a ResNet-50 on an NVIDIA H200 with the
 * WebGPU provider (see test/fixtures/webgpu-h200/README.md); no GPU is needed here. The expected
 * numbers are computed in this file straight from the trace's raw `Api` events (the GPU's own
 * per-dispatch timestamps), not through the code under test.
 */
interface RawEvent { cat: string; name: string; ts: number; dur: number; args: Record<string, unknown> }
const text = gunzipSync(readFileSync(new URL('../fixtures/webgpu-h200/resnet50-webgpu-profile.json.gz', import.meta.url))).toString('utf8');
const raw = JSON.parse(text) as RawEvent[];

const runs = raw.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
const counted = runs.slice(1); // the first run pays one-off costs; the profiled pass leaves it out too
const within = (e: RawEvent, r: RawEvent) => e.ts >= r.ts && e.ts <= r.ts + r.dur;
const api = raw.filter((e) => e.cat === 'Api' && counted.some((r) => within(e, r)));
const apiTotalUs = api.reduce((a, e) => a + e.dur, 0);
const apiByNode = new Map<string, number>();
for (const e of api) {
  const node = e.name.split('&')[0] as string;
  apiByNode.set(node, (apiByNode.get(node) ?? 0) + e.dur);
}
const apiRanked = [...apiByNode].sort((a, b) => b[1] - a[1]);
const apiConvUs = api.filter((e) => e.name.split('&')[1] === 'Conv').reduce((a, e) => a + e.dur, 0);
// The Api events of one run do not overlap (checked below), so busy time is their sum per run.
const busyShares = counted.map((r) => api.filter((e) => within(e, r)).reduce((a, e) => a + e.dur, 0) / r.dur);
const hostNodeUs = (name: string) => raw.filter((e) => e.cat === 'Node' && e.name === `${name}_kernel_time` && counted.some((r) => within(e, r))).reduce((a, e) => a + e.dur, 0);

const breakdown = parseOrtProfile(text, { skipRuns: 1, source: 'resnet50-webgpu-profile.json' });
const summary = summarizeProfile(breakdown, { tracePath: 'resnet50-webgpu-profile.json', requestedProviders: ['webgpu'], timedP50Ms: 5.660265999999865 });

describe('a WebGPU trace from an H200, timed by the GPU', () => {
  it('has Api events that do not overlap within a run (so busy time is their sum)', () => {
    const sorted = [...api].sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.ts).toBeGreaterThanOrEqual(sorted[i - 1]!.ts + sorted[i - 1]!.dur);
  });

  it('puts the layer4 3×3 convolutions on top, with the shares the Api events give', () => {
    const top3 = apiRanked.slice(0, 3).map(([name]) => name);
    expect(top3.every((n) => /^\/layer4\/layer4\.[012]\/conv2\/Conv_token_\d+$/.test(n))).toBe(true);
    // Those are 3×3 kernels: the Conv2dMM program's weight is {kh,kw,cin,cout/4} in the Api shapes.
    for (const name of top3) {
      const shapes = String(api.find((e) => e.name.startsWith(`${name}&`))?.args.shapes);
      expect(shapes).toMatch(/inputs\[1\] = \{3,3,/);
    }
    expect(breakdown.timeBase).toBe('device');
    expect(breakdown.nodes.slice(0, 3).map((n) => n.name)).toEqual(top3);
    for (const [i, [name, us]] of apiRanked.slice(0, 10).entries()) {
      const node = breakdown.nodes[i];
      expect(node?.name).toBe(name);
      expect(node?.share).toBeCloseTo(us / apiTotalUs, 9);
      expect(node?.totalMs).toBeCloseTo(us / 1000, 9);
    }
  });

  it('gives op-type shares of device time and the busy share of each inference', () => {
    const conv = breakdown.opTypes.find((o) => o.opType === 'Conv');
    expect(conv?.share).toBeCloseTo(apiConvUs / apiTotalUs, 9);
    expect(breakdown.kernelMsPerRun).toBeCloseTo(apiTotalUs / 1000 / counted.length, 9);
    const meanShare = busyShares.reduce((a, b) => a + b, 0) / busyShares.length;
    expect(breakdown.device?.busyShare).toBeCloseTo(meanShare, 9);
    expect(breakdown.device?.busyShareMin).toBeCloseTo(Math.min(...busyShares), 9);
    expect(breakdown.device?.busyMsPerRun).toBeCloseTo(apiTotalUs / 1000 / counted.length, 9);
    // About 4.3 ms of GPU work per inference, as measured there.
    expect(breakdown.device?.busyMsPerRun).toBeGreaterThan(4.2);
    expect(breakdown.device?.busyMsPerRun).toBeLessThan(4.4);
  });

  it('keeps the host-side Node times as dispatch time, never as the ranking', () => {
    // The host-side ranking put this node first (it absorbed a command-buffer flush).
    const flushed = breakdown.nodes.find((n) => n.name === '/layer1/layer1.2/conv2/Conv_token_39');
    expect(flushed?.dispatchMs).toBeCloseTo(hostNodeUs('/layer1/layer1.2/conv2/Conv_token_39') / 1000 / counted.length, 9);
    expect(flushed?.totalMs).toBeCloseTo((apiByNode.get('/layer1/layer1.2/conv2/Conv_token_39') ?? 0) / 1000, 9);
    expect(breakdown.nodes.indexOf(flushed!)).toBeGreaterThan(10);
  });

  it('says device time in the summary and findings, with a device-idle finding against both runs', () => {
    expect(summary.timeLabel).toBe('device time');
    const text = formatProfile(summary);
    expect(text).not.toMatch(/kernel time/);
    expect(text).toContain('Dispatch time (host-side');
    const idle = summary.findings.find((f) => f.code === 'device-idle');
    expect(idle?.share).toBeCloseTo(1 - (breakdown.device?.busyShare ?? 0), 9);
    expect(idle?.message).toContain('5.66 ms');
    expect(summary.device?.busyShareOfTimedP50).toBeCloseTo(apiTotalUs / 1000 / counted.length / 5.660265999999865, 9);
    expect(summary.findings.map((f) => f.code)).not.toContain('host-side-times');
    expect(summary.findings.map((f) => f.code)).not.toContain('outside-kernels');
  });

  it('reads as device time in every report format, with dispatch ms beside each top node', () => {
    const text = textSection(profileSection(summary)!);
    expect(text).toContain('Device time per inference (WebGPU timestamps): 4.33 ms busy');
    expect(text).toContain('Share of device time');
    expect(text).toMatch(/Dispatch ms/);
    expect(text).not.toMatch(/Kernel time per inference/);
  });

  it('still ranks by device time when the device clock does not line up with model_run, without a per-inference share', () => {
    // A variant of the recorded trace: every Api event moved 10 s later, as a build that left the
    // GPU clock unconverted would write them. Everything else is as recorded.
    const shifted = raw.map((e) => (e.cat === 'Api' ? { ...e, ts: e.ts + 10_000_000 } : e));
    const b = parseOrtProfile(shifted, { skipRuns: 1 });
    const allApiUs = raw.filter((e) => e.cat === 'Api').reduce((a, e) => a + e.dur, 0);
    expect(b.device?.alignedWithRuns).toBe(false);
    expect(b.device?.busyShare).toBeNull();
    // All events over all runs: the mean per run.
    expect(b.device?.busyMsPerRun).toBeCloseTo(allApiUs / 1000 / runs.length, 9);
    expect(b.nodes.slice(0, 3).map((n) => n.name)).toEqual(apiRanked.slice(0, 3).map(([n]) => n));
    const s = summarizeProfile(b, { tracePath: 'x.json' });
    expect(s.findings.map((f) => f.code)).not.toContain('device-idle');
    expect(formatProfile(s)).toContain('does not line up with model_run');
  });
});
