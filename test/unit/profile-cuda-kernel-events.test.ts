import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';
import { summarizeProfile } from '../../core/profile/summarize.js';

interface TraceEvent { cat: string; name: string; ts: number; dur: number; ph?: string; pid?: number; tid?: number; args: Record<string, unknown> }

/**
 * No public CUDA trace with GPU kernel events was found (test/fixtures/ort-profile/README.md), so this
 * test constructs one from the recorded MNIST CUDA trace: after each Node event it adds `cat:
 * "Kernel"` events as ONNX Runtime's GPU profiler writes them (kernel name, stream and grid args;
 * one with `parent_name`/`op_name`, the others tied to their node by file order). The kernel
 * durations are made up, small as a GPU's would be; everything else is the recorded trace.
 */
const recorded = JSON.parse(readFileSync(new URL('../fixtures/ort-profile/cuda-mnist-completed.json', import.meta.url), 'utf8')) as TraceEvent[];
const kernels: Record<string, Array<[string, number]>> = {
  Convolution28_kernel_time: [['implicit_convolve_sgemm', 9], ['add_tensor_kernel', 2]],
  Pooling66_kernel_time: [['pooling_fw_4d_kernel', 3]],
  Convolution110_kernel_time: [['implicit_convolve_sgemm', 14]],
  'Times212/MatMulAddFusion_kernel_time': [['gemv2T_kernel', 5]],
};
function withKernels(events: TraceEvent[]): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const e of events) {
    out.push(e);
    let at = e.ts + 1;
    for (const [i, [name, dur]] of (kernels[e.name] ?? []).entries()) {
      const labelled = e.name === 'Convolution110_kernel_time' ? { parent_name: e.name, op_name: 'Conv' } : {};
      out.push({ cat: 'Kernel', name, ph: 'X', pid: -1, tid: -1, ts: at, dur, args: { stream: '7', grid_x: String(8 + i), block_x: '128', ...labelled } });
      at += dur + 1;
    }
  }
  return out;
}

const breakdown = parseOrtProfile(withKernels(recorded), { source: 'cuda-mnist-kernels' });
const deviceUs = 9 + 2 + 3 + 14 + 5;

describe('a CUDA trace with GPU kernel events', () => {
  it('times nodes by their kernels and keeps host times as dispatch time', () => {
    expect(breakdown.timeBase).toBe('device');
    expect(breakdown.device?.source).toBe('gpu-kernels');
    expect(breakdown.nodes[0]?.name).toBe('Convolution110');
    expect(breakdown.nodes[0]?.share).toBeCloseTo(14 / deviceUs, 9);
    const conv28 = breakdown.nodes.find((n) => n.name === 'Convolution28');
    expect(conv28?.totalMs).toBeCloseTo(11 / 1000, 9);
    expect(conv28?.dispatchMs).toBeCloseTo(66.055, 9);
    // Nodes that launched no kernel (Relu fused away, Reshape as a view) have no device time.
    expect(breakdown.nodes.find((n) => n.name === 'Times212_reshape0')?.totalMs).toBe(0);
  });

  it('gives the busy share of the inference and a device-idle finding', () => {
    expect(breakdown.device?.busyMsPerRun).toBeCloseTo(deviceUs / 1000, 9);
    expect(breakdown.device?.busyShare).toBeCloseTo(deviceUs / 109600, 9);
    const summary = summarizeProfile(breakdown, { tracePath: 'cuda.json', requestedProviders: ['cuda'] });
    expect(summary.findings.map((f) => f.code)).toContain('device-idle');
  });

  it('without the kernel events the same trace is host-side, and says what that cannot show', () => {
    const host = summarizeProfile(parseOrtProfile(recorded), { tracePath: 'cuda.json', requestedProviders: ['cuda'] });
    expect(host.timeBase).toBe('host');
    expect(host.timeLabel).toBe('host-side time');
    const finding = host.findings.find((f) => f.code === 'host-side-times');
    expect(finding?.message).toContain('8 CUDA nodes are host-side');
    expect(finding?.message).toContain('cannot rank device kernels');
  });

  it('reports a copy by its host time, outside device time, and CPU-fallback nodes as CPU time', () => {
    // The variant again, with the Reshape on the CPU and a MemcpyToHost before it (as the memcpy test builds it).
    const events = withKernels(recorded).map((e) => (e.name === 'Times212_reshape0_kernel_time' ? { ...e, args: { ...e.args, provider: 'CPUExecutionProvider' } } : e));
    const reshape = events.findIndex((e) => e.name === 'Times212_reshape0_kernel_time');
    const copy = { ...events[reshape]!, name: 'Memcpy_token_1_kernel_time', ts: events[reshape]!.ts - 3, dur: 2, args: { provider: 'CUDAExecutionProvider', op_name: 'MemcpyToHost' } };
    events.splice(reshape, 0, copy);
    const mixed = parseOrtProfile(events);
    const summary = summarizeProfile(mixed, { tracePath: 'cuda.json', requestedProviders: ['cuda'] });
    expect(summary.timeLabel).toBe('device and CPU time');
    expect(mixed.nodes.find((n) => n.name === 'Memcpy_token_1')?.totalMs).toBe(0);
    const memcpy = summary.findings.find((f) => f.code === 'memcpy');
    expect(memcpy?.share).toBeNull();
    expect(memcpy?.message).toContain('0.00 ms host-side per inference');
    expect(summary.findings.find((f) => f.code === 'cpu-fallback')?.share).toBeCloseTo(16 / (deviceUs + 16), 9);
  });
});
