import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inferenceTimeline } from '../../core/profile/inference-timeline.js';

// A real ONNX Runtime trace recorded with the CUDA provider on hardware that is not here
// (test/fixtures/ort-profile/README.md): the timeline must read it as it reads a CPU one.
const fixture = new URL('../fixtures/ort-profile/cuda-mnist-completed.json', import.meta.url);

describe('one inference of an ONNX Runtime trace as a timeline', () => {
  it('takes the median-length model_run and places its kernels from its start', async () => {
    const trace = JSON.parse(await readFile(fixture, 'utf8')) as unknown;
    const t = inferenceTimeline(trace, 'cuda-mnist-completed.json');
    expect(t.inferences).toBeGreaterThan(0);
    expect(t.inference).toBeGreaterThanOrEqual(0);
    expect(t.spans.length).toBeGreaterThan(0);
    for (const s of t.spans) {
      expect(s.startUs).toBeGreaterThanOrEqual(0);
      expect(s.startUs).toBeLessThanOrEqual(t.durationUs);
      expect(s.name.endsWith('_kernel_time')).toBe(false);
    }
    expect(t.spans.some((s) => s.provider === 'CUDAExecutionProvider')).toBe(true);
    const starts = t.spans.map((s) => s.startUs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('shows the inference asked for, and refuses a trace with no inference in it', async () => {
    const trace = JSON.parse(await readFile(fixture, 'utf8')) as unknown;
    expect(inferenceTimeline(trace, 'f.json', 0).inference).toBe(0);
    expect(() => inferenceTimeline([], 'empty.json')).toThrow(/empty.json: the trace has no model_run events/);
  });
});

// A real WebGPU trace from an NVIDIA H200 (test/fixtures/webgpu-h200/README.md): `cat: "Api"` events
// are the GPU's own timestamps, `cat: "Node"` events the CPU enqueueing each node.
describe('a GPU inference drawn with the device\'s own times', () => {
  it('puts the GPU\'s work on a device lane, and the host node events apart as dispatch, never as kernel time', async () => {
    const text = gunzipSync(await readFile(new URL('../fixtures/webgpu-h200/resnet50-webgpu-profile.json.gz', import.meta.url))).toString('utf8');
    const trace = JSON.parse(text) as unknown;
    const t = inferenceTimeline(trace, 'resnet50-webgpu-profile.json');
    expect(t.timeBase).toBe('device');
    expect(t.lanes[0]).toEqual({ label: 'device', time: 'device' });
    expect(t.lanes.slice(1).every((l) => l.time === 'dispatch')).toBe(true);

    // The same inference read from the raw events here: its model_run, and its Conv dispatches' GPU time.
    const raw = (Array.isArray(trace) ? trace : (trace as { traceEvents: unknown[] }).traceEvents) as Array<{ cat: string; name: string; ts: number; dur: number; args?: { op_name?: string } }>;
    const runs = raw.filter((e) => e.name === 'model_run').sort((a, b) => a.ts - b.ts);
    const run = runs[t.inference]!;
    const inRun = (e: { ts: number }) => e.ts >= run.ts && e.ts <= run.ts + run.dur;
    const convDeviceUs = raw.filter((e) => e.cat === 'Api' && inRun(e) && e.name.split('&').at(-2) === 'Conv').reduce((a, e) => a + e.dur, 0);
    const convHostUs = raw.filter((e) => e.cat === 'Node' && inRun(e) && e.args?.op_name === 'Conv').reduce((a, e) => a + e.dur, 0);
    const sum = (time: string) => t.spans.filter((s) => s.opType === 'Conv' && s.time === time).reduce((a, s) => a + s.durationUs, 0);
    expect(sum('device')).toBe(convDeviceUs);
    expect(sum('dispatch')).toBe(convHostUs);
    // What made the host figure misleading: the CPU's enqueueing outlasts the GPU's work.
    expect(convHostUs).toBeGreaterThan(convDeviceUs);
  });
});
