import { describe, expect, test } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { exporters } from '../../core/report/index.js';
import { baselineRun, candidateRun, reportDate } from '../golden/synthetic-runs.js';

/** A variant is another model file: its own sha256 and size. */
function variant(run: CompletedRun, label: string, sha: string, sizeBytes: number, peakRssBytes: number): CompletedRun {
  return { ...run, spec: { ...run.spec, label }, model: { ...run.model!, sha256: sha, sizeBytes }, extras: { memory: { peakRssBytes } } };
}

describe('a report of several variants puts them side by side with the Pareto-optimal ones marked', () => {
  test('fp32 and a faster, smaller int8: only the int8 row is starred', async () => {
    const fp32 = variant(baselineRun, 'fp32', 'a'.repeat(64), 14_000_000, 200 * 2 ** 20);
    const int8 = variant(candidateRun, 'int8', 'b'.repeat(64), 3_500_000, 120 * 2 ** 20);
    const md = await exporters.md.render([fp32, int8], { generatedAt: reportDate });
    const section = md.slice(md.indexOf('## Tradeoffs'), md.indexOf('## fp32'));
    const rows = section.split('\n').filter((line) => /^\| (fp32|int8) /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\| fp32 \| cpu \| – \| – \|.*\| 13\.4 MiB \| 200\.0 MiB \|  \| [^|]+ \|$/);
    expect(rows[1]).toMatch(/\| int8 \|.*\| ★ \| [^|]+ \|$/);
    expect(section).toContain('(p99, throughput, model size, peak memory)');

    const html = await exporters.html.render([fp32, int8], { generatedAt: reportDate });
    expect(html).toMatch(/<h2>Tradeoffs<\/h2>\n<table>/);
  });

  test('runs of one variant trade nothing off: no tradeoff section', async () => {
    const md = await exporters.md.render([baselineRun, candidateRun], { generatedAt: reportDate });
    expect(md).not.toContain('Tradeoffs');
  });
});
