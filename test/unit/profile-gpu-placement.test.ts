import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOrtProfile } from '../../core/profile/parse-ort-profile.js';
import { summarizeProfile } from '../../core/profile/summarize.js';

// A real CUDA-provider run of MNIST; Node events completed by hand after a cut (see the README beside it).
const trace = readFileSync(new URL('../fixtures/ort-profile/cuda-mnist-completed.json', import.meta.url), 'utf8');

describe('parsing a CUDA-provider trace', () => {
  const breakdown = parseOrtProfile(trace, { source: 'cuda-mnist-completed.json' });

  it('places every node on the CUDA provider, as recorded', () => {
    expect(breakdown.nodes).toHaveLength(8);
    expect(breakdown.providers).toEqual([{ provider: 'CUDAExecutionProvider', nodes: 8, share: expect.closeTo(1, 9) }]);
  });

  it('ranks the first Conv first, with its share of the summed kernel time', () => {
    const kernelUs = 66055 + 775 + 8818 + 1120 + 23 + 21 + 16 + 32264;
    expect(breakdown.nodes[0]?.name).toBe('Convolution28');
    expect(breakdown.nodes[0]?.share).toBeCloseTo(66055 / kernelUs, 9);
    expect(breakdown.kernelMsPerRun).toBeCloseTo(kernelUs / 1000, 9);
    expect(breakdown.kernelCoverage).toBeCloseTo(kernelUs / 109600, 9);
  });

  it('reads the fused Gemm and the session phases', () => {
    const gemm = breakdown.nodes.find((n) => n.name === 'Times212/MatMulAddFusion');
    expect(gemm?.opType).toBe('Gemm');
    expect(gemm?.flops).toBe(2 * 256 * 10);
    expect(gemm?.parameterBytes).toBe(10280);
    expect(breakdown.sessionPhases.map((p) => p.name)).toEqual(['model_loading_array', 'session_initialization']);
  });

  it('reports no CPU fallback and no host↔device copies', () => {
    const summary = summarizeProfile(breakdown, { tracePath: 'cuda-mnist-completed.json', requestedProviders: ['cuda'] });
    const codes = summary.findings.map((f) => f.code);
    expect(codes).not.toContain('cpu-fallback');
    expect(codes).not.toContain('memcpy');
    // CPU peaks say nothing about CUDA kernels: no roofline verdicts.
    expect(summary.topNodes.every((n) => n.roofFraction === null)).toBe(true);
  });
});
