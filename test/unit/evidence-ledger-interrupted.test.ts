import { appendFile, mkdtemp, readFile, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from './evidence-records.js';

describe('a ledger append cut off by a crash', () => {
  it('is reported as interrupted, and the next save drops the fragment and keeps the chain whole', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-torn-')));
    await workspace.saveRun(completedRun());
    const ledger = join(workspace.dir, 'ledger.jsonl');
    await appendFile(ledger, '{"seq":2,"kind":"run","id":"2026');

    const torn = await workspace.verify();
    expect(torn.interruptedAppend).toBe(true);
    expect(torn.brokenChain).toEqual([]);

    await workspace.saveRun(completedRun());
    const report = await workspace.verify();
    expect(report).toMatchObject({ ok: true, interruptedAppend: false, ledgerEntries: 2 });
  });

  it('completes a last line that lost only its newline', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-torn-')));
    await workspace.saveRun(completedRun());
    await workspace.saveRun(completedRun());
    const ledger = join(workspace.dir, 'ledger.jsonl');
    const size = (await readFile(ledger)).length;
    await truncate(ledger, size - 1);

    await workspace.saveRun(completedRun());
    const report = await workspace.verify();
    expect(report).toMatchObject({ ok: true, ledgerEntries: 3, recordsOnDisk: 3 });
  });
});
