import { describe, expect, test } from 'vitest';
import { formatRunSummary } from '../../core/present/run-summary.js';
import { expectGolden } from '../golden/golden.js';
import { baselineRun, failedRun } from '../golden/synthetic-runs.js';

describe('formatRunSummary prints the terminal block of a run', () => {
  test('a completed run: percentiles, throughput, cold start, warm-up, inputs, verdicts, warnings', () => {
    expectGolden('run-summary.txt', formatRunSummary(baselineRun));
  });

  test('a failed run: the error, its hint and how many samples were kept', () => {
    const text = formatRunSummary(failedRun);
    expect(text).toContain(`error: ${failedRun.error.message}`);
    expect(text).toContain(`  ${failedRun.error.hint}`);
    expect(text).toContain('2 samples were taken before the run stopped');
  });

  test('columns of the percentile row line up under their headers', () => {
    const lines = formatRunSummary(baselineRun).split('\n');
    const header = lines.find((line) => line.startsWith('latency (ms)'))!;
    const values = lines[lines.indexOf(header) + 1]!;
    // Right-aligned: every header ends in the same column as its value.
    for (const name of ['mean', 'p50', 'p99.9', 'max']) {
      const end = header.indexOf(name) + name.length;
      expect(values[end - 1]).toMatch(/\d/);
      expect(values[end] ?? ' ').toBe(' ');
    }
  });
});
