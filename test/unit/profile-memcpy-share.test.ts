import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';
import { summarizeProfile } from '../../core/profile/summarize.js';

interface TraceEvent {
  cat: string;
  name: string;
  ts: number;
  dur: number;
  args: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The recorded CUDA trace has no fallback and no copies, so this test constructs a variant of it:
 * the Reshape moves to the CPU provider, and ONNX Runtime's two copies around such a node are added
 * (MemcpyToHost before it, MemcpyFromHost after it), inside the same model_run. Everything else is
 * the recorded trace.
 */
function withCpuReshape(events: TraceEvent[]): TraceEvent[] {
  const reshape = events.find((e) => e.name === 'Times212_reshape0_kernel_time');
  if (!reshape) throw new Error('fixture changed: no Times212_reshape0');
  reshape.args = { ...reshape.args, provider: 'CPUExecutionProvider' };
  const copy = (name: string, opType: string, ts: number, dur: number): TraceEvent => ({
    ...reshape,
    name: `${name}_kernel_time`,
    ts,
    dur,
    args: { parameter_size: '0', provider: 'CUDAExecutionProvider', op_name: opType, input_type_shape: [{ float: [1, 16, 4, 4] }], output_type_shape: [{ float: [1, 16, 4, 4] }] },
  });
  const index = events.indexOf(reshape);
  events.splice(index, 0, copy('Memcpy_token_1', 'MemcpyToHost', reshape.ts - 2, 1));
  events.splice(index + 2, 0, copy('Memcpy_token_2', 'MemcpyFromHost', reshape.ts + reshape.dur + 1, 2));
  return events;
}

const recorded = JSON.parse(readFileSync(new URL('../fixtures/ort-profile/cuda-mnist-completed.json', import.meta.url), 'utf8')) as TraceEvent[];
const breakdown = parseOrtProfile(withCpuReshape(recorded));
const kernelUs = 66055 + 775 + 8818 + 1120 + 23 + 21 + 16 + 32264 + 1 + 2;

describe('a CUDA trace with a CPU-fallback node and its copies', () => {
  it('places the fallback node on the CPU and the rest on CUDA', () => {
    const cpu = breakdown.providers.find((p) => p.provider === 'CPUExecutionProvider');
    const cuda = breakdown.providers.find((p) => p.provider === 'CUDAExecutionProvider');
    expect(cpu?.nodes).toBe(1);
    expect(cpu?.share).toBeCloseTo(16 / kernelUs, 9);
    expect(cuda?.nodes).toBe(9);
  });

  it('reports the Memcpy share and the fallback as findings with advice', () => {
    const summary = summarizeProfile(breakdown, { tracePath: '/runs/r1/ort-profile.json', requestedProviders: ['cuda'] });
    const memcpy = summary.findings.find((f) => f.code === 'memcpy');
    expect(memcpy?.share).toBeCloseTo(3 / kernelUs, 9);
    expect(memcpy?.nodes).toEqual(['Memcpy_token_2', 'Memcpy_token_1']);
    const fallback = summary.findings.find((f) => f.code === 'cpu-fallback');
    expect(fallback?.nodes).toEqual(['Times212_reshape0']);
    expect(fallback?.message).toContain('cuda was requested');
    expect(fallback?.advice.length).toBeGreaterThan(0);
    expect(summary.traceFile).toBe('ort-profile.json');
  });
});
