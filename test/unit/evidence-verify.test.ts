import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeVerifyReport } from '../../core/evidence/verify.js';
import { serializeWithContentDigest, sha256Hex } from '../../core/evidence/record-file.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun, failedRun } from './evidence-records.js';

describe('Workspace.verify', () => {
  let workspace: Workspace;
  let ids: string[];
  const runPath = (id: string | undefined) => join(workspace.dir, 'runs', `${id}.json`);
  const ledgerPath = () => join(workspace.dir, 'ledger.jsonl');

  beforeEach(async () => {
    workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-verify-')));
    ids = [];
    for (const input of [completedRun(), failedRun(), completedRun()]) ids.push((await workspace.saveRun(input)).id);
    await workspace.saveAttestation({ itemId: 'mid-senior.2', note: 'Profiled resnet50 on the Orin', link: 'https://example.com/pr/1' });
  });

  it('passes a workspace nobody touched and reports its head hash', async () => {
    const report = await workspace.verify();
    expect(report).toMatchObject({ ok: true, ledgerEntries: 4, recordsOnDisk: 4, edited: [], missing: [], invalid: [], unrecorded: [], brokenChain: [] });
    expect(report.head).toMatch(/^[0-9a-f]{64}$/);
    expect(describeVerifyReport(report)[0]).toMatch(/^ok: 4 records/);
  });

  it('names an edited record, even when it still validates', async () => {
    const text = await readFile(runPath(ids[0]), 'utf8');
    await writeFile(runPath(ids[0]), text.replace('"p99": 4.99', '"p99": 3.99'));
    const report = await workspace.verify();
    expect(report.ok).toBe(false);
    expect(report.edited.map((f) => f.file)).toEqual([`runs/${ids[0]}.json`]);
    expect(report.invalid).toEqual([]);
  });

  it('names a deleted record as missing', async () => {
    await rm(runPath(ids[1]));
    const report = await workspace.verify();
    expect(report.missing.map((f) => f.file)).toEqual([`runs/${ids[1]}.json`]);
  });

  it('names an invalid record with its field path, and one copied in by hand as unrecorded', async () => {
    const text = await readFile(runPath(ids[2]), 'utf8');
    await writeFile(runPath(ids[2]), text.replace('"iterations": 50', '"iterations": "fifty"'));
    const copied = { ...completedRun(), id: '20261124T040112Z-c0ffee' };
    await writeFile(runPath(copied.id), JSON.stringify(copied));
    const report = await workspace.verify();
    expect(report.invalid.map((f) => f.file)).toEqual([`runs/${ids[2]}.json`]);
    expect(report.invalid[0]?.detail).toContain('field iterations');
    expect(report.edited.map((f) => f.file)).toEqual([`runs/${ids[2]}.json`]);
    expect(report.unrecorded.map((f) => f.file)).toEqual(['runs/20261124T040112Z-c0ffee.json']);
  });

  it('detects an edited ledger line and a removed one', async () => {
    const lines = (await readFile(ledgerPath(), 'utf8')).split('\n');
    const edited = [...lines];
    edited[0] = (edited[0] ?? '').replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`);
    await writeFile(ledgerPath(), edited.join('\n'));
    let report = await workspace.verify();
    expect(report.brokenChain.map((b) => b.line)).toEqual([1]);
    expect(report.brokenChain[0]?.detail).toContain('edited');
    expect(report.edited.map((f) => f.file)).toEqual([`runs/${ids[0]}.json`]);

    await writeFile(ledgerPath(), [lines[0], ...lines.slice(2)].join('\n'));
    report = await workspace.verify();
    expect(report.brokenChain.map((b) => b.line)).toEqual([2]);
    expect(report.unrecorded.map((f) => f.file)).toEqual([`runs/${ids[1]}.json`]);
  });

  it('accepts only what a crash left (its own digest matches) and names what it leaves out', async () => {
    // A crash leftover: the bytes edgelab writes, with their own digest, noted in this machine's
    // write log before the rename, but no ledger line (as a kill between the two leaves it).
    const leftover = { ...completedRun(), id: '20261124T040112Z-c0ffee' };
    const leftoverBytes = serializeWithContentDigest(leftover);
    await workspace.machine.noteIntent({ file: `runs/${leftover.id}.json`, sha256: sha256Hex(leftoverBytes), at: new Date().toISOString(), pid: process.pid });
    await writeFile(runPath(leftover.id), leftoverBytes);
    const handMade = { ...completedRun(), id: '20261124T040112Z-feed00' };
    await writeFile(runPath(handMade.id), JSON.stringify(handMade));
    const edited = serializeWithContentDigest({ ...completedRun(), id: '20261124T040112Z-ed1700' }).toString('utf8').replace('"p50": 4.5', '"p50": 1.5');
    await writeFile(runPath('20261124T040112Z-ed1700'), edited);
    await writeFile(runPath('20261124T040112Z-bad000'), '{"state": "completed"}');
    const { recorded, skipped } = await workspace.recordUnrecorded();
    expect(recorded.map((f) => f.id)).toEqual([leftover.id]);
    const why = Object.fromEntries(skipped.map((f) => [f.id, f.detail]));
    expect(why['20261124T040112Z-feed00']).toMatch(/carries no digest of its own: made by hand/);
    expect(why['20261124T040112Z-ed1700']).toMatch(/edited after edgelab wrote it/);
    expect(why['20261124T040112Z-bad000']).toMatch(/fails validation/);
    const report = await workspace.verify();
    expect(report.unrecorded.map((f) => f.id).sort()).toEqual(['20261124T040112Z-bad000', '20261124T040112Z-ed1700', '20261124T040112Z-feed00']);
    expect(report.brokenChain).toEqual([]);
    expect((await workspace.getRun(leftover.id)).id).toBe(leftover.id);
    await expect(workspace.getRun(handMade.id)).rejects.toThrow(/not verified evidence: it is not in the ledger/);
  });
});
