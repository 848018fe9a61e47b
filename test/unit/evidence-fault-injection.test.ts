import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { computeEntryHash, formatLedgerLine, LEDGER_GENESIS_HASH } from '../../core/evidence/ledger.js';
import type { LedgerEntry } from '../../core/evidence/ledger.js';
import { serializeWithContentDigest, sha256Hex } from '../../core/evidence/record-file.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { LabService } from '../../core/lab/lab-service.js';
import { completedRun } from './evidence-records.js';

/**
 * Forges a workspace every way a hostile user can (edit, delete, reorder, truncate, re-chain
 * records, ledger lines and attestations) and asserts what each command that uses evidence does:
 * `runs show`, `report`, `compare`, `ladder export` and the LabApi that the server and the app call
 * refuse; `runs` and the app's run list mark it; `runs verify` names it. The records are saved by
 * the real Workspace; the commands are the real CLI in-process.
 */

interface Fixture {
  dir: string;
  a: string;
  b: string;
  c: string;
  attestation: string;
  /** The head as a reviewer would have pinned it after the three runs and the attestation. */
  pinnedHead: string;
}

async function fixture(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'edgelab-forge-'));
  const ws = await Workspace.open(dir);
  const t = Date.UTC(2026, 10, 1);
  const a = (await ws.saveRun(completedRun({ startedAt: new Date(t) }))).id;
  const b = (await ws.saveRun(completedRun({ startedAt: new Date(t + 60_000) }))).id;
  const c = (await ws.saveRun(completedRun({ startedAt: new Date(t + 120_000) }))).id;
  const attestation = (await ws.saveAttestation({ itemId: 'reviewed-change', note: 'Letterbox resize merged after review', date: '2026-11-01' })).id;
  return { dir, a, b, c, attestation, pinnedHead: (await ws.ledgerHead()) as string };
}

const cli = (dir: string, ...argv: string[]) => runMain(argv, { EDGELAB_WORKSPACE: dir });

const runFile = (f: Fixture, id: string) => join(f.dir, 'runs', `${id}.json`);
const ledgerPath = (f: Fixture) => join(f.dir, 'ledger.jsonl');

async function ledgerLines(f: Fixture): Promise<string[]> {
  return (await readFile(ledgerPath(f), 'utf8')).split('\n').filter((l) => l !== '');
}

/** What a forger who knows the format does: rewrite the ledger so the chain is valid again. */
async function rechain(f: Fixture, fileToHash: Map<string, Buffer>): Promise<void> {
  let prev = LEDGER_GENESIS_HASH;
  const lines: string[] = [];
  for (const [i, line] of (await ledgerLines(f)).entries()) {
    const old = JSON.parse(line) as LedgerEntry;
    const bytes = fileToHash.get(old.file);
    const body = { ...old, seq: i + 1, prevHash: prev, sha256: bytes ? sha256Hex(bytes) : old.sha256 };
    const entry = { ...body, entryHash: computeEntryHash(body) };
    lines.push(formatLedgerLine(entry));
    prev = entry.entryHash;
  }
  await writeFile(ledgerPath(f), lines.join(''));
  await writeFile(join(f.dir, 'ledger.head'), `${JSON.stringify({ seq: lines.length, entryHash: prev })}\n`);
}

async function editRunP50(f: Fixture, id: string): Promise<Buffer> {
  const edited = Buffer.from((await readFile(runFile(f, id), 'utf8')).replace('"p50": 4.5', '"p50": 1.5'));
  await writeFile(runFile(f, id), edited);
  return edited;
}

/** Every evidence use of run `id` is refused with `reason`, and the listings mark it. */
async function expectRefused(f: Fixture, id: string, reason: RegExp): Promise<void> {
  const other = id === f.b ? f.c : f.b;
  for (const argv of [['runs', 'show', id], ['report', id], ['report', id, '--format', 'json'], ['compare', id, other]]) {
    const r = await cli(f.dir, ...argv);
    expect(r.code, `edgelab ${argv.join(' ')}: ${r.out}${r.err}`).toBe(2);
    expect(r.err, argv.join(' ')).toMatch(/not verified evidence/);
    expect(r.err, argv.join(' ')).toMatch(reason);
    expect(r.out).not.toContain('"p50"');
  }
  const list = await cli(f.dir, 'runs');
  expect(list.code).toBe(0);
  expect(list.out).toMatch(new RegExp(`${id}.*NOT VERIFIED`));

  // The LabApi the server and the app call: the same refusals, the same mark.
  const lab = new LabService({ workspace: await Workspace.open(f.dir), launchRunner: () => { throw new Error('no runs in this test'); } });
  await expect(lab.run(id)).rejects.toThrow(/not verified evidence/);
  await expect(lab.exportReport([id], 'md')).rejects.toThrow(/not verified evidence/);
  await expect(lab.compare(id, other)).rejects.toThrow(/not verified evidence/);
  expect((await lab.runs()).find((r) => r.id === id)?.notVerified).toBeTruthy();
  const verify = await cli(f.dir, 'runs', 'verify');
  expect(verify.code).toBe(1);
}

async function expectUsable(f: Fixture, id: string): Promise<void> {
  const r = await cli(f.dir, 'runs', 'show', id);
  expect(r.code, r.err).toBe(0);
}

describe('a forged workspace: every evidence use refuses, every listing marks', () => {
  it('is usable before anything is forged, and verify prints the head to pin', async () => {
    const f = await fixture();
    await expectUsable(f, f.a);
    const verify = await cli(f.dir, 'runs', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.out).toContain(`head ${f.pinnedHead}`);
    expect((await cli(f.dir, 'runs', 'verify', '--head', f.pinnedHead)).code).toBe(0);
    const report = await cli(f.dir, 'report', 'latest');
    expect(report.out).toContain(`evidence ledger head ${f.pinnedHead}`);
    expect((await cli(f.dir, 'runs')).out).not.toContain('NOT VERIFIED');
  });

  it('an edited record', async () => {
    const f = await fixture();
    await editRunP50(f, f.a);
    await expectRefused(f, f.a, /changed after it was recorded: its SHA-256 no longer matches ledger.jsonl line 1/);
    await expectUsable(f, f.b);
    // `latest` names the newest run; when that one is forged it is refused, not swapped for an older one.
    await editRunP50(f, f.c);
    const latest = await cli(f.dir, 'report', 'latest');
    expect(latest.code).toBe(2);
    expect(latest.err).toContain(`runs/${f.c}.json`);
    expect((await cli(f.dir, 'runs', 'verify')).out).toContain(`edited: runs/${f.a}.json`);
  });

  it('an edited record whose mtime and size are put back (the run-list cache is not trusted over it)', async () => {
    const f = await fixture();
    await cli(f.dir, 'runs'); // fills the cache
    const { stat, utimes } = await import('node:fs/promises');
    const before = await stat(runFile(f, f.a));
    await editRunP50(f, f.a);
    await utimes(runFile(f, f.a), before.atime, before.mtime);
    const list = await cli(f.dir, 'runs');
    expect(list.out).toMatch(new RegExp(`${f.a}.*NOT VERIFIED`));
  });

  it('a truncated record', async () => {
    const f = await fixture();
    const bytes = await readFile(runFile(f, f.a));
    await writeFile(runFile(f, f.a), bytes.subarray(0, bytes.length >> 1));
    const r = await cli(f.dir, 'runs', 'show', f.a);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not valid JSON.*It is also not verified evidence: it was changed after it was recorded/s);
    expect((await cli(f.dir, 'runs', 'verify')).out).toContain(`edited: runs/${f.a}.json`);
  });

  it('a deleted record', async () => {
    const f = await fixture();
    await rm(runFile(f, f.a));
    const r = await cli(f.dir, 'runs', 'show', f.a);
    expect(r.code).toBe(2);
    expect((await cli(f.dir, 'runs', 'verify')).out).toContain(`missing: runs/${f.a}.json`);
  });

  it('a hand-made record (never recorded, no digest of its own)', async () => {
    const f = await fixture();
    const id = '20261101T000500Z-f0f0f0';
    await writeFile(runFile(f, id), JSON.stringify(completedRun({ id }), null, 2));
    await expectRefused(f, id, /it is not in the ledger/);
    const accept = await cli(f.dir, 'runs', 'verify', '--accept-unrecorded');
    expect(accept.out).toContain(`not accepted: runs/${id}.json: carries no digest of its own: made by hand`);
    await expectRefused(f, id, /it is not in the ledger/);
  });

  it('a record copied in with a digest it computed itself is not accepted: no edgelab on this machine began writing it', async () => {
    // The digest is public arithmetic, so a forger can compute it; what they cannot add is this
    // machine's note, made outside the workspace before every record is renamed into place.
    const f = await fixture();
    const id = '20261101T000600Z-0a0a0a';
    await writeFile(runFile(f, id), serializeWithContentDigest(completedRun({ id })));
    const accept = await cli(f.dir, 'runs', 'verify', '--accept-unrecorded');
    expect(accept.code).toBe(1);
    expect(accept.out).toContain(`not accepted: runs/${id}.json: no edgelab on this machine began writing it`);
    expect(accept.out).not.toContain('accepted into the ledger');
    await expectRefused(f, id, /it is not in the ledger/);
  });

  it('an edited record with its ledger line edited to match (the chain breaks)', async () => {
    const f = await fixture();
    const edited = await editRunP50(f, f.a);
    const lines = await ledgerLines(f);
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0] as string), sha256: sha256Hex(edited) });
    await writeFile(ledgerPath(f), lines.join('\n') + '\n');
    await expectRefused(f, f.a, /hash chain is broken at ledger.jsonl line 1/);
    await expectRefused(f, f.c, /hash chain is broken/); // nothing on a broken chain is evidence
    const accept = await cli(f.dir, 'runs', 'verify', '--accept-unrecorded');
    expect(accept.code).toBe(2);
    expect(accept.err).toMatch(/Nothing was accepted/);
  });

  it('reordered ledger lines', async () => {
    const f = await fixture();
    const lines = await ledgerLines(f);
    await writeFile(ledgerPath(f), [lines[1], lines[0], ...lines.slice(2)].join('\n') + '\n');
    await expectRefused(f, f.b, /hash chain is broken/);
  });

  it('a deleted ledger line in the middle', async () => {
    const f = await fixture();
    const lines = await ledgerLines(f);
    await writeFile(ledgerPath(f), [lines[0], ...lines.slice(2)].join('\n') + '\n');
    await expectRefused(f, f.a, /hash chain is broken at ledger.jsonl line 2/);
  });

  it('a shortened ledger (its last lines cut) is reported as shortened, not as crash leftovers', async () => {
    const f = await fixture();
    const lines = await ledgerLines(f);
    await writeFile(ledgerPath(f), lines.slice(0, 2).join('\n') + '\n');
    await expectRefused(f, f.a, /the ledger was shortened/);
    const verify = await cli(f.dir, 'runs', 'verify');
    expect(verify.out).toMatch(/ledger: ledger.jsonl has 2 lines, but ledger.head says 4 were written: the ledger was shortened/);
    const accept = await cli(f.dir, 'runs', 'verify', '--accept-unrecorded');
    expect(accept.code).toBe(2);
    expect(accept.err).toMatch(/Nothing was accepted.*shortened/s);
  });

  it('a deleted ledger', async () => {
    const f = await fixture();
    await rm(ledgerPath(f));
    await expectRefused(f, f.a, /the ledger was deleted/);
    await rm(join(f.dir, 'ledger.head'));
    // Without ledger.head the workspace alone looks young; the head this machine wrote says otherwise.
    await expectRefused(f, f.a, /this machine wrote head [0-9a-f]{64} \(seq 4\).*the ledger went backwards/);
    // A machine that never saw the workspace still sees records that no ledger line names.
    const elsewhere = await mkdtemp(join(tmpdir(), 'edgelab-other-machine-'));
    const verify = await runMain(['runs', 'verify'], { EDGELAB_WORKSPACE: f.dir, EDGELAB_STATE_DIR: elsewhere });
    expect(verify.out).toMatch(/ledger: ledger.jsonl is missing or empty while 4 records exist: the ledger was deleted/);
  });

  it('a re-chained ledger (record edited, every hash recomputed, head rewritten) fails against the pinned head', async () => {
    const f = await fixture();
    const edited = await editRunP50(f, f.a);
    await rechain(f, new Map([[`runs/${f.a}.json`, edited]]));
    // Self-consistent now, so only the head pinned in a review can catch it: that is what it is for.
    const pinned = await cli(f.dir, 'runs', 'verify', '--head', f.pinnedHead);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toMatch(/pinned head: FAILED: the pinned head .* is not in this ledger/);
  });

  it('an edited attestation counts for nothing on the ladder and is named', async () => {
    const f = await fixture();
    const path = join(f.dir, 'attestations', `${f.attestation}.json`);
    await writeFile(path, (await readFile(path, 'utf8')).replace('after review', 'after review by the CTO'));
    const ws = await Workspace.open(f.dir);
    expect(await ws.listAttestations()).toEqual([]);
    expect((await ws.unverifiedAttestations())[0]?.message).toMatch(/changed after it was recorded/);
    await expect(ws.getAttestation(f.attestation)).rejects.toThrow(/not verified evidence/);
    const lab = new LabService({ workspace: ws, launchRunner: () => { throw new Error('unused'); } });
    const item = (await lab.ladder()).gates.flatMap((g) => g.items).find((i) => i.item.id === 'reviewed-change');
    expect(item?.met).toBe(false);
    const exported = await cli(f.dir, 'ladder', 'export', '--format', 'md');
    expect(exported.out).not.toContain('by the CTO');
    const status = await cli(f.dir, 'ladder');
    expect(status.err).toContain(`not counted (not verified): attestations/${f.attestation}.json`);
  });

  it('a hand-made attestation counts for nothing', async () => {
    const f = await fixture();
    const id = '20261101T000700Z-abcdef';
    await writeFile(join(f.dir, 'attestations', `${id}.json`), JSON.stringify({ schemaVersion: 1, id, itemId: 'production-deploy', note: 'shipped it', link: null, date: '2026-11-01' }));
    const lab = new LabService({ workspace: await Workspace.open(f.dir), launchRunner: () => { throw new Error('unused'); } });
    const item = (await lab.ladder()).gates.flatMap((g) => g.items).find((i) => i.item.id === 'production-deploy');
    expect(item?.met).toBe(false);
  });
});

describe('verify itself', () => {
  it('holds the workspace lock: records landing while it runs are never reported as unrecorded', async () => {
    const f = await fixture();
    const ws = await Workspace.open(f.dir);
    const work: Array<Promise<unknown>> = [];
    const reports: Array<Promise<{ unrecorded: unknown[] }>> = [];
    for (let i = 0; i < 8; i++) {
      work.push(ws.saveRun(completedRun()));
      reports.push(ws.verify());
    }
    await Promise.all(work);
    for (const report of await Promise.all(reports)) expect(report.unrecorded).toEqual([]);
  });

  it('a read-only workspace is verified without writing anything (no lock, no cache)', async () => {
    const f = await fixture();
    const { readdir, stat: statOf } = await import('node:fs/promises');
    const snapshot = async () => {
      const names = (await readdir(f.dir, { recursive: true })).sort();
      return Promise.all(names.map(async (n) => `${n}:${(await statOf(join(f.dir, n))).mtimeMs}`));
    };
    const before = await snapshot();
    const ws = await Workspace.open(f.dir, { readOnly: true });
    const report = await ws.verify({ pinnedHead: f.pinnedHead });
    expect(report.ok).toBe(true);
    expect(report.pinnedHead?.seq).toBe(4);
    expect(await snapshot()).toEqual(before);
    await expect(ws.saveRun(completedRun())).rejects.toThrow();
  });
});
