import { describe, expect, test } from 'vitest';
import { isLabError } from '../../core/api/errors.js';
import type { CompletedRun } from '../../core/api/run-record.js';
import { compareRuns } from '../../core/report/compare.js';
import { baselineRun, candidateRun, failedRun } from '../golden/synthetic-runs.js';

const codes = (a: CompletedRun, b: CompletedRun) => compareRuns(a, b).warnings.map((w) => w.code);

describe('compareRuns warns when the two runs are not like for like', () => {
  test('same model, machine, software and settings: no warnings', () => {
    expect(codes(baselineRun, candidateRun)).toEqual([]);
  });

  test('a different model file (sha256) is named with both files', () => {
    const other = { ...candidateRun, model: { ...candidateRun.model!, fileName: 'mobilenet_v2_int8.onnx', sha256: 'ab'.repeat(32) } };
    const [warning] = compareRuns(baselineRun, other).warnings;
    expect(warning?.code).toBe('different-model');
    expect(warning?.message).toContain('mobilenet_v2.onnx');
    expect(warning?.message).toContain('mobilenet_v2_int8.onnx');
  });

  test('a different hardware fingerprint, and a missing one', () => {
    expect(codes(baselineRun, { ...candidateRun, hardware: { ...candidateRun.hardware, fingerprint: 'hw-other' } })).toEqual(['different-hardware']);
    const unknown = compareRuns(baselineRun, { ...candidateRun, hardware: null }).warnings;
    expect(unknown.map((w) => w.code)).toEqual(['unknown-hardware']);
    expect(unknown[0]?.message).toContain(candidateRun.id);
  });

  test('different software versions list each field that changed', () => {
    const upgraded = { ...candidateRun, software: { ...candidateRun.software, onnxruntime: '1.31.0' } };
    const [warning] = compareRuns(baselineRun, upgraded).warnings;
    expect(warning?.code).toBe('different-software');
    expect(warning?.message).toContain('onnxruntime 1.30.0 → 1.31.0');
  });

  test('a different workload: scenario, kind of inputs, or input shapes', () => {
    const loaded = { ...candidateRun, spec: { ...candidateRun.spec, scenario: { kind: 'throughput' as const, warmup: { iterations: 10 }, concurrency: 4, sessions: 1 } } };
    const [scenario] = compareRuns(baselineRun, loaded).warnings;
    expect(scenario?.code).toBe('different-workload');
    expect(scenario?.message).toContain('single-stream → throughput, 4 in flight');
    const batch4 = { ...candidateRun, inputs: { ...candidateRun.inputs, tensors: candidateRun.inputs.tensors.map((t) => ({ ...t, shape: [4, ...t.shape.slice(1)] })) } };
    expect(compareRuns(baselineRun, batch4).warnings[0]?.message).toMatch(/input shapes .*\[1, .*→ .*\[4, /);
  });

  test('different session settings are named', () => {
    const threads = { ...candidateRun, spec: { ...candidateRun.spec, session: { ...candidateRun.spec.session, intraOpNumThreads: 1 } } };
    const [warning] = compareRuns(baselineRun, threads).warnings;
    expect(warning?.code).toBe('different-settings');
    expect(warning?.message).toContain('intraOpNumThreads 2 → 1');
  });

  test('a failed run cannot be compared: a usage error names it', () => {
    let error: unknown;
    try {
      compareRuns(baselineRun, failedRun);
    } catch (e) {
      error = e;
    }
    expect(isLabError(error)).toBe(true);
    expect((error as Error).message).toContain(failedRun.id);
  });
});
