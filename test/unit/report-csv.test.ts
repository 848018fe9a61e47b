import { describe, expect, test } from 'vitest';
import { exporters } from '../../core/report/index.js';
import { baselineRun, candidateRun, failedRun, reportDate } from '../golden/synthetic-runs.js';

describe('the CSV export has one row per sample, several runs stacked', () => {
  test('run_id, iteration, latency_ms for every sample of every run, values at full precision', async () => {
    const runs = [baselineRun, candidateRun, failedRun];
    const lines = (await exporters.csv.render(runs, { generatedAt: reportDate })).trimEnd().split('\n');
    expect(lines[0]).toBe('run_id,iteration,latency_ms');
    const rows = lines.slice(1).map((line) => line.split(','));
    expect(rows).toHaveLength(runs.reduce((n, run) => n + run.samplesMs.length, 0));
    for (const run of runs) {
      const own = rows.filter(([id]) => id === run.id);
      expect(own.map(([, iteration]) => Number(iteration))).toEqual(run.samplesMs.map((_, i) => i + 1));
      expect(own.map(([, , ms]) => Number(ms))).toEqual(run.samplesMs);
    }
  });

  test('an id with a comma or quote is quoted as RFC 4180 says', async () => {
    const odd = { ...failedRun, id: 'a,"b"' };
    const text = await exporters.csv.render([odd], { generatedAt: reportDate });
    expect(text.split('\n')[1]).toBe('"a,""b""",1,12.5');
  });
});
