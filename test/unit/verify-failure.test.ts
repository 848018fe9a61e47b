import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { verifyFailure } from '../../core/present/verify-failure.js';
import { completedRun } from './evidence-records.js';

/**
 * The sentence every face leads a failed verify with, over reports of real workspaces broken the
 * ways a reviewer meets: an edited record, a pinned head from a rewritten history, a changed ledger.
 */
describe('verifyFailure', () => {
  let workspace: Workspace;
  let ids: string[];
  beforeEach(async () => {
    workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-verify-failure-')));
    ids = [];
    for (let i = 0; i < 2; i++) ids.push((await workspace.saveRun(completedRun())).id);
  });

  it('is null when verify passes', async () => {
    const report = await workspace.verify();
    expect(report.ok).toBe(true);
    expect(verifyFailure(report, '--accept-unrecorded')).toBeNull();
  });

  it('an edited record: the workspace does not match its ledger, and the hint names the control of the face that asks', async () => {
    const file = join(workspace.dir, 'runs', `${ids[0]}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"label"', '"label" ').replace(/\n$/, ' \n'));
    const report = await workspace.verify();
    expect(report.edited.length).toBe(1);
    expect(verifyFailure(report, '--accept-unrecorded')).toEqual({
      message: 'the workspace does not match its ledger (see above).',
      hint: 'Restore edited or missing records from version control; accept records a crash on this machine left unrecorded with --accept-unrecorded.',
    });
    expect(verifyFailure(report, '“Accept records a crash left unrecorded”')?.hint).toContain('with “Accept records a crash left unrecorded”.');
  });

  it('a pinned head that is no line of this ledger: its history was rewritten', async () => {
    const report = await workspace.verify({ pinnedHead: 'ab'.repeat(32) });
    expect(report.pinnedHead?.seq).toBeNull();
    expect(verifyFailure(report, '--accept-unrecorded')?.message).toBe("the history the pinned head names is not this ledger's (see above): it was rewritten since it was pinned.");
  });

  it('a ledger line removed: the ledger itself was changed, which no record can fix', async () => {
    const ledger = join(workspace.dir, 'ledger.jsonl');
    const lines = (await readFile(ledger, 'utf8')).trim().split('\n');
    await writeFile(ledger, `${lines.slice(1).join('\n')}\n`);
    const report = await workspace.verify();
    expect(report.ok).toBe(false);
    const failure = verifyFailure(report, '--accept-unrecorded');
    expect(failure).toEqual({
      message: 'the ledger itself was changed (see above): nothing in this workspace counts as evidence until ledger.jsonl and ledger.head are restored from version control.',
      hint: null,
    });
  });
});
