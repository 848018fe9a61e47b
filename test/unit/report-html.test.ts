import { describe, expect, test } from 'vitest';
import { exporters } from '../../core/report/index.js';
import { baselineRun, candidateRun, failedRun, reportDate } from '../golden/synthetic-runs.js';

describe('the HTML report is one self-contained file that opens offline', () => {
  test('no scripts, no external stylesheets, fonts or images; a CSP that forbids fetching', async () => {
    const html = await exporters.html.render([baselineRun, candidateRun, failedRun], { generatedAt: reportDate });
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|@font-face|url\(/i);
    // The only URLs are XML namespace names inside the inline SVG, which browsers never fetch.
    const urls = html.match(/https?:\/\/[^\s"')]+/g) ?? [];
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  test('each completed run carries its histogram and latency-over-time charts as inline SVG', async () => {
    const html = await exporters.html.render([baselineRun, candidateRun, failedRun], { generatedAt: reportDate });
    expect(html.match(/<svg /g)).toHaveLength(4);
  });

  test('user text is escaped, so a label cannot add markup', async () => {
    const html = await exporters.html.render([failedRun], { generatedAt: reportDate });
    expect(html).not.toContain('<b>');
    expect(html).toContain('odd | &quot;name&quot; &amp; &lt;b&gt;');
  });
});
