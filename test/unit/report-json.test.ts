import { describe, expect, test } from 'vitest';
import { RunRecordSchema } from '../../core/api/run-record.js';
import { exporters } from '../../core/report/index.js';
import { baselineRun, failedRun, reportDate } from '../golden/synthetic-runs.js';

const ctx = { generatedAt: reportDate };

describe('the JSON export is the records themselves, keys sorted, beside the head to pin', () => {
  test('reads back through the record schema, equal to what was exported', async () => {
    const text = await exporters.json.render([baselineRun, failedRun], ctx);
    expect(RunRecordSchema.array().parse(JSON.parse(text).runs)).toEqual([baselineRun, failedRun]);
  });

  test('names the ledger head the runs were read at, and the signed head', async () => {
    const signedHead = { seq: 2, entryHash: 'd'.repeat(64), signatureSha256: '5'.repeat(64) };
    const parsed = JSON.parse(await exporters.json.render([baselineRun], { ...ctx, ledgerHead: 'e'.repeat(64), signedHead }));
    expect(parsed.ledger).toEqual({ head: 'e'.repeat(64), signedHead });
    expect(JSON.parse(await exporters.json.render([baselineRun], ctx)).ledger).toEqual({ head: null, signedHead: null });
  });

  test('the order a record was built in does not change the output', async () => {
    const reversed = Object.fromEntries(Object.entries(baselineRun).reverse()) as typeof baselineRun;
    expect(await exporters.json.render([reversed], ctx)).toBe(await exporters.json.render([baselineRun], ctx));
  });

  test('keys are in sorted order at every level', async () => {
    const parsed = JSON.parse(await exporters.json.render([baselineRun], ctx)).runs as Array<Record<string, unknown>>;
    const keys = Object.keys(parsed[0]!);
    expect(keys).toEqual([...keys].sort());
    const latencyKeys = Object.keys(parsed[0]!['latencyMs'] as object);
    expect(latencyKeys).toEqual([...latencyKeys].sort());
  });
});
