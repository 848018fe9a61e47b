import { describe, expect, test } from 'vitest';
import { compareRuns, formatComparison } from '../../core/report/compare.js';
import { expectGolden } from '../golden/golden.js';
import { baselineRun, candidateRun } from '../golden/synthetic-runs.js';

describe('formatComparison prints the terminal table of `edgelab compare`', () => {
  test('metrics with A, B, B/A and change, the test used, and warnings', () => {
    const upgraded = { ...candidateRun, software: { ...candidateRun.software, onnxruntime: '1.31.0' } };
    const text = formatComparison(compareRuns(baselineRun, upgraded));
    expect(text).toContain('Mann–Whitney U test on the latency samples (200 vs 200)');
    expect(text).toContain('! different-software');
    expectGolden('compare.txt', text);
  });
});
