import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../core/evidence/verify.js';
import { evaluateLadder } from '../../core/ladder/evaluate.js';
import { buildPortfolio } from '../../core/ladder/portfolio.js';
import { renderPortfolioHtml } from '../../core/ladder/portfolio-html.js';
import { renderPortfolioMarkdown } from '../../core/ladder/portfolio-markdown.js';
import { assess } from '../../core/ladder/self-assessment.js';
import { attestation, evidence, expectLadderGolden, JETSON, PIPELINE, PROFILE, REALTIME_PASS, run } from '../golden/ladder/records.js';

const ev = evidence({
  runs: [
    run({ id: 'r-orin', startedAt: '2026-03-04T09:00:00.000Z', hardware: JETSON, verdicts: [REALTIME_PASS] }),
    run({ id: 'r-prof', startedAt: '2026-03-03T09:00:00.000Z', extras: { profile: PROFILE } }),
    run({ id: 'r-pipe', startedAt: '2026-03-02T09:00:00.000Z', extras: { pipeline: PIPELINE } }),
  ],
  attestations: [
    attestation('a-2', 'profile-explained/r-prof', 'Conv 3x3 layers take 71 % of kernel time; the | pipe and <tags> stay literal.'),
    attestation('a-1', 'reviewed-change', 'Letterbox resize merged after review', 'https://github.com/acme/vision/pull/42', '2026-02-01'),
  ],
});

const verified: VerifyReport = {
  workspace: '/ws', ok: true, ledgerEntries: 5, recordsOnDisk: 5, recordsByKind: { run: 4, attestation: 1, merge: 0 }, head: 'f'.repeat(64),
  edited: [], missing: [], invalid: [], unrecorded: [], brokenChain: [], interruptedAppend: false,
  notMeasured: [], anchor: { remembered: null, unavailable: null, acceptHint: null },
  // A head signed two records back: the export prints it beside the head, to pin both.
  signedHead: { ok: true, principal: 'lead@example.com', detail: 'signed', seq: 3, entryHash: 'd'.repeat(64), signedAt: '2026-03-04T10:00:00.000Z', signatureSha256: '5'.repeat(64) },
};

const portfolio = buildPortfolio(evaluateLadder(ev, assess([true, true, false, false, false], new Date('2026-03-01T08:00:00Z'))), ev, verified, new Date('2026-03-05T12:00:00Z'));

describe('evidence record export', () => {
  it('renders Markdown that matches the golden file', () => {
    expectLadderGolden('portfolio.md', renderPortfolioMarkdown(portfolio));
  });

  it('renders self-contained HTML that matches the golden file', () => {
    const html = renderPortfolioHtml(portfolio);
    expect(html).not.toMatch(/<script|<link |src="http/);
    expectLadderGolden('portfolio.html', html);
  });

  it('keeps measured and attested items visibly apart in both formats', () => {
    const md = renderPortfolioMarkdown(portfolio);
    expect(md).toContain('**Measured** · met · `e2e-inference`');
    expect(md).toContain('**Attested** · met · `reviewed-change`');
    const html = renderPortfolioHtml(portfolio);
    expect(html).toContain('<section class="item item-measured">');
    expect(html).toContain('<section class="item item-attested">');
  });

  it('says so when the ledger does not verify', () => {
    const edited = { ...verified, ok: false, edited: [{ file: 'runs/r-orin.json', kind: 'run' as const, id: 'r-orin', detail: 'sha256 differs from ledger line 3' }] };
    const md = renderPortfolioMarkdown(buildPortfolio(evaluateLadder(ev), ev, edited, new Date('2026-03-05T12:00:00Z')));
    expect(md).toContain('Not verified: 1 problem(s)');
    expect(md).toContain('edited: runs/r-orin.json: sha256 differs from ledger line 3');
  });
});
