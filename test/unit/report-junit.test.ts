import { describe, expect, test } from 'vitest';
import { exporters } from '../../core/report/index.js';
import { baselineRun, candidateRun, failedRun, reportDate } from '../golden/synthetic-runs.js';

const render = (runs: Parameters<typeof exporters.junit.render>[0]) => exporters.junit.render(runs, { generatedAt: reportDate });
const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;

describe('JUnit: one testsuite per run, one testcase per target verdict', () => {
  test('pass is a bare testcase, fail a <failure>, inconclusive a <skipped> with its reason', async () => {
    const xml = await render([baselineRun]);
    expect(count(xml, /<testsuite /g)).toBe(1);
    expect(count(xml, /<testcase /g)).toBe(3);
    expect(xml).toMatch(/<testcase name="p99&lt;=33ms"[^>]*\/>/);
    expect(xml).toMatch(/<testcase name="p50&lt;=8.5ms"[^>]*>\s*<failure message="p50 8.78 ms, target &lt;= 8.50 ms" type="target-failed">/);
    expect(xml).toMatch(/<testcase name="p90&lt;=10.5ms"[^>]*>\s*<skipped message="inconclusive: p90 10.61 ms/);
    expect(xml).toMatch(/<testsuite [^>]*tests="3" failures="1" errors="0" skipped="1"/);
  });

  test('a run without targets is one passing testcase "completed"', async () => {
    const xml = await render([candidateRun]);
    expect(xml).toMatch(/<testcase name="completed" [^>]*\/>/);
    expect(count(xml, /<testcase /g)).toBe(1);
  });

  test('a failed run is an <error> carrying its message and hint, escaped', async () => {
    const xml = await render([failedRun]);
    expect(xml).toContain('<error message="failed: ONNX Runtime raised:');
    expect(xml).toContain('Name:&apos;Conv_0&apos; &lt;x&gt;"');
    expect(xml).toContain('type="runtime">Check the input shape with `edgelab inspect` &amp; try --dim batch=1.</error>');
    expect(xml).toContain('name="odd | &quot;name&quot; &amp; &lt;b&gt;"');
  });

  test('the totals on <testsuites> add up over all runs', async () => {
    const xml = await render([baselineRun, candidateRun, failedRun]);
    expect(xml).toMatch(/<testsuites name="edgelab" tests="5" failures="1" errors="1" skipped="1"/);
  });
});
