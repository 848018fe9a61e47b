import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from './evidence-records.js';

/**
 * A merge saves records in batches (one lock hold and one ledger write each, 64 at a time): across
 * several batches every run lands byte for byte, its ledger lines in the bundle's order, and the
 * workspace verifies. Real files and the real writer; records made by the test helper.
 */
describe('merging many runs', () => {
  it('merges 150 runs across three batches in the bundle order, and the result verifies', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-batches-'));
    const source = await Workspace.open(path.join(root, 'source'), { stateDir: path.join(root, 'state-source') });
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) ids.push((await source.saveRun(completedRun({ startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) }))).id);
    const out = path.join(root, 'all.tar');
    await source.bundleRuns({ runIds: [], all: true, out, hardware: { fingerprint: null, summary: null }, unit: 'test-unit' });

    const target = await Workspace.open(path.join(root, 'target'), { stateDir: path.join(root, 'state-target') });
    const [outcome] = await target.mergeBundles([out]);
    expect(outcome?.runs.filter((r) => r.action === 'add').map((r) => r.id)).toEqual(ids);
    const lines = (await readFile(path.join(target.dir, 'ledger.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; id: string });
    expect(lines.filter((l) => l.kind === 'run').map((l) => l.id)).toEqual(ids);
    expect(lines.at(-1)?.kind).toBe('merge');
    for (const id of [ids[0], ids[64], ids[149]] as string[]) {
      expect(await readFile(path.join(target.dir, 'runs', `${id}.json`))).toEqual(await readFile(path.join(source.dir, 'runs', `${id}.json`)));
    }
    const report = await target.verify();
    expect(report.ok).toBe(true);
    expect(report.ledgerEntries).toBe(151);
    const listed = await target.listRuns();
    expect(listed.every((r) => r.provenance?.kind === 'merged' && r.provenance.bundle?.sourceUnit === 'test-unit')).toBe(true);
  }, 60_000);
});
