import { describe, expect, test } from 'vitest';
import { evaluationSection, formatError, paritySection } from '../../core/present/sections/output-check-sections.js';

const drift = (name: string, passed: boolean, maxAbsError = passed ? 1e-7 : 0.02) => ({
  name, elementCount: 1000, maxAbsError, maxRelError: maxAbsError * 10, cosineSimilarity: passed ? 1 : 0.99871, mismatchCount: passed ? 0 : 12, passed,
});
const tableRows = (section: ReturnType<typeof paritySection>) =>
  section?.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows] : [])).at(-1);

describe('expected-output and parity checks: pass/fail, max abs/rel error, cosine similarity', () => {
  test('expected outputs: the verdict sentence, and failing sets listed before passing ones', () => {
    const section = evaluationSection({
      kind: 'expected-outputs', dir: 'tests/data', tolerance: { atol: 1e-5, rtol: 1e-3 }, passedSets: 1, failedSets: 1, verdict: 'fail',
      sets: [{ dir: 'tests/data/test_data_set_0', passed: true, outputs: [drift('logits', true)] }, { dir: 'tests/data/test_data_set_1', passed: false, outputs: [drift('logits', false)] }],
    })!;
    expect(section.blocks[0]).toEqual({ kind: 'text', text: 'FAIL: 1 of 2 test data sets in tests/data match their output_K.pb within atol 0.00001, rtol 0.001.' });
    expect(tableRows(section)).toEqual([
      ['test_data_set_1', 'logits', 'FAIL', '1,000', '0.02', '0.2', '0.998710', '12'],
      ['test_data_set_0', 'logits', 'pass', '1,000', '0.0000001', '0.000001', '1.000000', '0'],
    ]);
  });

  test('parity: reference and candidate side by side, then the drift per output', () => {
    const side = (model: string, executionProvider: string) => ({ model, executionProvider, latencyMs: { p50: 4 } });
    const section = paritySection({
      reference: side('m.onnx', 'cpu'), candidate: side('m-fp16.onnx', 'cpu'), tolerance: { atol: 1e-3, rtol: 1e-2 }, inputSets: 4,
      outputs: [drift('boxes', true), drift('scores', true)], verdict: 'pass',
    })!;
    expect(section.blocks[0]?.kind === 'text' && section.blocks[0].text).toMatch(/^PASS: the candidate's outputs stay within atol 0.001, rtol 0.01/);
    const sides = section.blocks[1]?.kind === 'table' ? section.blocks[1].table.rows : [];
    expect(sides).toEqual([['Reference', 'm.onnx', 'cpu', '4.00 ms'], ['Candidate', 'm-fp16.onnx', 'cpu', '4.00 ms']]);
    expect(tableRows(section)?.map((r) => r[0])).toEqual(['boxes', 'scores']);
  });

  test('errors in plain notation, never scientific: zero stays 0, a shape mismatch stays Infinity', () => {
    expect([formatError(0), formatError(0.000123), formatError(Infinity)]).toEqual(['0', '0.000123', 'Infinity']);
  });
});
