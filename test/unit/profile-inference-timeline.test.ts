import { readFile } from 'node:fs/promises';
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
