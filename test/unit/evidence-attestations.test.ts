import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/workspace.js';

describe('attestations', () => {
  it('are saved beside runs, chained in the ledger, and listed newest first by item', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-attest-')));
    const first = await workspace.saveAttestation({
      itemId: 'mid-senior.4',
      note: 'Deployment to the Orin signed off by the platform lead',
      link: 'https://example.com/review/42',
      date: '2026-10-02',
    });
    const second = await workspace.saveAttestation({ itemId: 'mid-senior.4', note: 'Second sign-off' });
    await workspace.saveAttestation({ itemId: 'entry-mid.3', note: 'Preprocessing change merged after review' });

    expect(first).toMatchObject({ schemaVersion: 1, itemId: 'mid-senior.4', link: 'https://example.com/review/42', date: '2026-10-02' });
    expect(second.link).toBeNull();
    const onDisk = JSON.parse(await readFile(join(workspace.dir, 'attestations', `${first.id}.json`), 'utf8'));
    // On disk the file also carries its own digest (record-file.ts), so a crash leftover can be told from an edit.
    expect(onDisk).toEqual({ ...first, contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const forItem = await workspace.listAttestations({ itemId: 'mid-senior.4' });
    expect(forItem.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(await workspace.getAttestation(first.id)).toEqual(first);

    const report = await workspace.verify();
    expect(report).toMatchObject({ ok: true, ledgerEntries: 3 });
  });

  it('reject an empty note or a link that is not a URL, naming the field', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-attest-')));
    const empty = (await workspace.saveAttestation({ itemId: 'x', note: '  ' }).catch((e: unknown) => e)) as LabError;
    expect(empty).toBeInstanceOf(LabError);
    expect(empty.message).toContain('field note');
    await expect(workspace.saveAttestation({ itemId: 'x', note: 'n', link: 'github.com/pr/1' })).rejects.toThrow(/field link/);
    expect(await workspace.listAttestations()).toEqual([]);
  });
});
