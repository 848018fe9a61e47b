import { describe, test } from 'vitest';
import { exporters, renderReport, reportFormats } from '../../core/report/index.js';
import { expectGolden } from '../golden/golden.js';
import { baselineRun, candidateRun, failedRun, reportDate } from '../golden/synthetic-runs.js';

// Two completed runs (one with pass/fail/inconclusive targets, warnings and a profile in extras)
// and a failed run whose label and error carry characters every format must escape.
describe('every report format renders the fixed runs exactly as its golden file', () => {
  for (const format of reportFormats) {
    test(format, async () => {
      const report = await renderReport(format, [baselineRun, candidateRun, failedRun], {
        generatedAt: reportDate,
        edgelabVersion: '0.1.0',
        // Every format prints the head to pin, and the signed head beside it.
        ledgerHead: 'e'.repeat(64),
        signedHead: { seq: 2, entryHash: 'd'.repeat(64), signatureSha256: '5'.repeat(64) },
      });
      expectGolden(`report${format === 'junit' ? '.junit' : ''}${exporters[format].extension}`, report);
    });
  }
});
