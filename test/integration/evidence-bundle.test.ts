import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { newStateDir, runCli, type CliResult } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { readTarFile } from '../helpers/tar-entries.js';

/**
 * Two workspaces on two "machines" (each its own state folder), the real `edgelab` process, real
 * tar archives read back with the system's `tar`, and real ssh-keygen keys for signing.
 */
const root = mkdtempSync(path.join(tmpdir(), 'edgelab-bundle-'));
const deviceA = { ws: path.join(root, 'a'), env: { EDGELAB_STATE_DIR: newStateDir(), EDGELAB_UNIT_ID: 'orin-a' } };
const deviceB = { ws: path.join(root, 'b'), env: { EDGELAB_STATE_DIR: newStateDir(), EDGELAB_UNIT_ID: 'orin-b' } };
const hub = { ws: path.join(root, 'hub'), env: { EDGELAB_STATE_DIR: newStateDir() } };
type Device = typeof deviceA | typeof hub;

const cli = (device: Device, args: string[]): Promise<CliResult> => runCli([...args, '--workspace', device.ws], { env: device.env });
const json = async <T>(device: Device, args: string[]): Promise<T> => {
  const r = await cli(device, [...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
type Listed = { id: string; provenance?: { kind: string; bundle?: { name: string; head: { entryHash: string }; sourceUnit: string | null; signedBy: string | null; trusted: boolean } } };

async function bench(device: Device, extra: string[] = []): Promise<void> {
  const r = await cli(device, ['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', ...extra]);
  expect(r.code, r.stderr).toBe(0);
}

function sshKey(name: string): { key: string; pub: string } {
  const key = path.join(root, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, pub: readFileSync(`${key}.pub`, 'utf8').trim() };
}

beforeAll(async () => {
  await bench(deviceA);
  // A profiled run keeps its trace beside its record (runs/<id>/): the bundle carries it.
  await bench(deviceA, ['--profile']);
  await bench(deviceB);
}, 120_000);

describe('edgelab runs bundle / runs merge', () => {
  it('bundles a workspace into a ustar archive tar lists, and merges it byte for byte into another that then verifies', async () => {
    const out = path.join(root, 'a-all.tar');
    const bundled = await json<{ runs: string[]; head: { seq: number; entryHash: string }; unit: string | null }>(deviceA, ['runs', 'bundle', '--all', '--out', out]);
    expect(bundled.runs).toHaveLength(2);
    expect(bundled.unit).toBe('orin-a');
    const listing = execFileSync('tar', ['-tf', out], { encoding: 'utf8' }).trim().split('\n');
    const top = `edgelab-bundle-${bundled.head.seq}-${bundled.head.entryHash.slice(0, 12)}`;
    const traces = readdirSync(path.join(deviceA.ws, 'runs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(path.sep)).map((f) => f.split(path.sep).join('/'));
    expect(traces.length).toBeGreaterThan(0);
    const runFiles = bundled.runs.flatMap((id) => [`runs/${id}.json`, ...traces.filter((t) => t.startsWith(`${id}/`)).map((t) => `runs/${t}`).sort()]);
    expect(listing).toEqual([`${top}/manifest.json`, `${top}/ledger.jsonl`, ...runFiles.map((f) => `${top}/${f}`)]);
    // The text counts what lies beside the runs, not the records and ledger the manifest lists too.
    const text = await cli(deviceA, ['runs', 'bundle', '--all', '--out', path.join(root, 'a-all-text.tar')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`: 2 runs with ${traces.length} file${traces.length === 1 ? '' : 's'} beside them and their ledger lines, from ${deviceA.ws}.`);

    const merged = await cli(hub, ['runs', 'merge', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('2 added, 0 already here');
    expect(merged.stdout).toContain('unsigned');
    for (const file of runFiles) expect(readFileSync(path.join(hub.ws, file)), file).toEqual(readFileSync(path.join(deviceA.ws, file)));
    const verify = await cli(hub, ['runs', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    // Two run lines and one merge line, the merge record naming the bundle's head.
    const ledger = readFileSync(path.join(hub.ws, 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; file: string });
    expect(ledger.map((l) => l.kind)).toEqual(['run', 'run', 'merge']);
    const mergeRecord = JSON.parse(readFileSync(path.join(hub.ws, ledger[2]!.file), 'utf8')) as { bundle: { head: { entryHash: string } }; source: { unit: string } };
    expect(mergeRecord.bundle.head.entryHash).toBe(bundled.head.entryHash);
    expect(mergeRecord.source.unit).toBe('orin-a');

    const runs = await json<Listed[]>(hub, ['runs']);
    expect(runs.map((r) => r.provenance?.kind)).toEqual(['merged', 'merged']);
    expect(runs[0]?.provenance?.bundle).toMatchObject({ name: 'a-all.tar', sourceUnit: 'orin-a', signedBy: null, trusted: false });

    // Merging the same bundle again changes nothing: not a byte of the ledger.
    const before = readFileSync(path.join(hub.ws, 'ledger.jsonl'));
    const again = await cli(hub, ['runs', 'merge', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('merged before');
    expect(again.stdout).toContain('nothing changed');
    expect(readFileSync(path.join(hub.ws, 'ledger.jsonl'))).toEqual(before);
  }, 60_000);

  it('--since HEAD carries only the ledger lines after that head, chained from it, and the runs they record', async () => {
    const first = await json<{ head: { entryHash: string }; runs: string[] }>(deviceB, ['runs', 'bundle', '--all', '--out', path.join(root, 'b-1.tar')]);
    await bench(deviceB);
    const out = path.join(root, 'b-since.tar');
    const since = await json<{ runs: string[]; since: { entryHash: string } | null }>(deviceB, ['runs', 'bundle', '--since', first.head.entryHash, '--out', out]);
    expect(since.since?.entryHash).toBe(first.head.entryHash);
    expect(since.runs).toHaveLength(1);
    expect(since.runs).not.toContain(first.runs[0]);
    const entries = readTarFile(out);
    const manifest = JSON.parse(entries[0]!.body.toString()) as { ledger: { prevHash: string; firstSeq: number; lines: number } };
    expect(manifest.ledger).toEqual({ prevHash: first.head.entryHash, firstSeq: 2, lines: 1 });
    // Merged alone first, the excerpt joins nothing here: the output says so.
    const alone = { ws: path.join(root, 'hub-since-only'), env: { EDGELAB_STATE_DIR: newStateDir() } };
    const unjoined = await cli(alone, ['runs', 'merge', out]);
    expect(unjoined.code, unjoined.stderr).toBe(0);
    expect(unjoined.stdout).toContain(`its ledger lines start after seq 1 (${first.head.entryHash.slice(0, 16)}…), where no bundle merged here ended`);
    const merged = await cli(hub, ['runs', 'merge', path.join(root, 'b-1.tar'), out]);
    expect(merged.code, merged.stderr).toBe(0);
    // Merged after the bundle that ends at its head, the two pieces of the chain are said to join.
    const firstMerge = /b-1\.tar: merged as (\S+):/.exec(merged.stdout)?.[1];
    expect(firstMerge).toBeDefined();
    expect(merged.stdout).toContain(`its ledger lines continue from seq 1 (${first.head.entryHash.slice(0, 16)}…), the head of the bundle merged as ${firstMerge}: the two pieces of the chain join`);
    // verify counts the merges' own records apart from the runs.
    const verified = await cli(hub, ['runs', 'verify']);
    expect(verified.code, verified.stderr).toBe(0);
    const listed = await json<unknown[]>(hub, ['runs']);
    const merges = readdirSync(path.join(hub.ws, 'merges')).length;
    expect(verified.stdout).toMatch(new RegExp(`^ok: ${listed.length + merges} records \\(${listed.length} runs, ${merges} merges\\), ${listed.length + merges} ledger entries`, 'm'));
    const nothingNew = await cli(deviceB, ['runs', 'bundle', '--since', (await json<{ head: { entryHash: string } }>(deviceB, ['runs', 'bundle', '--all', '--out', path.join(root, 'b-2.tar')])).head.entryHash, '--out', path.join(root, 'b-none.tar')]);
    expect(nothingNew.code).toBe(2);
    expect(nothingNew.stderr).toContain('No runs were recorded after');
  }, 60_000);

  it('tells two runs with one id apart: the second is kept under the id and its bundle head, and said so', async () => {
    const a = path.join(root, 'clash-a');
    const b = path.join(root, 'clash-b');
    const [runA] = (await json<{ runs: string[] }>(deviceA, ['runs', 'bundle', '--all', '--out', path.join(root, 'clash-src.tar')])).runs;
    // The same run id with other bytes, as a rebuilt or forged record would have: a changed label, re-hashed and re-chained.
    const forged = await rebuiltWithOtherBytes(path.join(root, 'clash-src.tar'), b, runA!);
    const clashDevice = { ws: a, env: { EDGELAB_STATE_DIR: newStateDir() } };
    expect((await cli(clashDevice, ['runs', 'merge', path.join(root, 'clash-src.tar')])).code).toBe(0);
    const second = await cli(clashDevice, ['runs', 'merge', forged]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`${runA}: another run here has this id and different bytes; this one is kept as ${runA}-[0-9a-f]{8}`));
    const ids = (await json<Listed[]>(clashDevice, ['runs'])).map((r) => r.id);
    expect(ids.filter((id) => id.startsWith(runA!))).toHaveLength(2);
    expect((await cli(clashDevice, ['runs', 'verify'])).code).toBe(0);
    // Merged again: nothing changes, the renamed run is found where it was kept.
    const again = await cli(clashDevice, ['runs', 'merge', forged]);
    expect(again.stdout).toContain('nothing changed');
  }, 60_000);

  it('trusts a bundle signed by a key the workspace allows: its runs tick measured ladder items; unsigned and unknown-key bundles do not', async () => {
    const trusted = sshKey('alice');
    const stranger = sshKey('mallory');
    const source = { ws: path.join(root, 'eval-src'), env: { EDGELAB_STATE_DIR: newStateDir() } };
    const saved = mkdtempSync(path.join(root, 'test-data-'));
    const { writeTestDataSet } = await import('../../core/inputs/test-data/test-data-set.js');
    const { ort } = await import('../../core/runtime/ort.js');
    const input = new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.sin(i)), [1, 3, 32, 32]);
    await writeTestDataSet(path.join(saved, 'test_data_set_0'), [{ name: 'input', tensor: input }]);
    const model = await modelPath('tiny-classifier');
    expect((await cli(source, ['eval', model, '--test-data', saved, '--save-expected'])).code).toBe(0);
    expect((await cli(source, ['eval', model, '--test-data', saved])).code).toBe(0);
    const evalCase = async (device: Device) =>
      (await json<{ gates: Array<{ items: Array<{ item: { id: string }; met: boolean }> }> }>(device, ['ladder'])).gates.flatMap((g) => g.items).find((i) => i.item.id === 'eval-case')?.met;
    expect(await evalCase(source)).toBe(true);

    const bundles = {
      unsigned: path.join(root, 'eval-unsigned.tar'),
      alice: path.join(root, 'eval-alice.tar'),
      mallory: path.join(root, 'eval-mallory.tar'),
    };
    expect((await cli(source, ['runs', 'bundle', '--all', '--out', bundles.unsigned])).code).toBe(0);
    expect((await cli(source, ['runs', 'bundle', '--all', '--out', bundles.alice, '--key', trusted.key])).code).toBe(0);
    expect((await cli(source, ['runs', 'bundle', '--all', '--out', bundles.mallory, '--key', stranger.key])).code).toBe(0);
    expect(execFileSync('tar', ['-tf', bundles.alice], { encoding: 'utf8' })).toContain('/manifest.json.sig');

    const workspaceFor = (name: string) => {
      const device = { ws: path.join(root, `trust-${name}`), env: { EDGELAB_STATE_DIR: newStateDir() } };
      return device;
    };
    const signers = path.join(root, 'allowed_signers');
    writeFileSync(signers, `alice@lab namespaces="edgelab-bundle" ${trusted.pub}\n`);

    const unsigned = workspaceFor('unsigned');
    const noSigners = await cli(unsigned, ['runs', 'merge', bundles.alice, '--allowed-signers', path.join(root, 'no-such-signers')]);
    expect(noSigners.code).toBe(2);
    expect(noSigners.stderr).toContain(`--allowed-signers ${path.join(root, 'no-such-signers')} is not a file.`);
    expect((await cli(unsigned, ['runs', 'merge', bundles.unsigned, '--allowed-signers', signers])).stdout).toContain('unsigned');
    expect(await evalCase(unsigned)).toBe(false);
    // The ladder says which merged run would meet the item, and why it does not count.
    const ladderText = (await cli(unsigned, ['ladder'])).stdout;
    expect(ladderText).toContain('merged from eval-unsigned.tar, unsigned or signed by a key this workspace does not trust');
    // A signed copy of the same head merged afterwards changes nothing, and says its trust is not taken up.
    const signedCopy = await cli(unsigned, ['runs', 'merge', bundles.alice, '--allowed-signers', signers]);
    expect(signedCopy.code, signedCopy.stderr).toBe(0);
    expect(signedCopy.stdout).toContain('eval-alice.tar: merged before');
    expect(signedCopy.stdout).toMatch(/this copy: signed by alice@lab.*trusted; its runs keep the trust of the merge that first brought them/);
    expect(await evalCase(unsigned)).toBe(false);

    const byStranger = workspaceFor('mallory');
    const strangerMerge = await cli(byStranger, ['runs', 'merge', bundles.mallory, '--allowed-signers', signers]);
    expect(strangerMerge.stdout).toContain('signed by a key');
    expect(strangerMerge.stdout).toContain('does not name: not trusted');
    expect(await evalCase(byStranger)).toBe(false);
    expect((await json<Listed[]>(byStranger, ['runs']))[0]?.provenance?.bundle?.trusted).toBe(false);

    // The workspace's own allowed_signers file is what a merge trusts by default.
    const byAlice = workspaceFor('alice');
    expect((await cli(byAlice, ['runs', 'verify'])).code).toBe(0);
    writeFileSync(path.join(byAlice.ws, 'allowed_signers'), readFileSync(signers));
    const aliceMerge = await cli(byAlice, ['runs', 'merge', bundles.alice]);
    expect(aliceMerge.stdout, aliceMerge.stderr).toContain('signed by alice@lab');
    expect(await evalCase(byAlice)).toBe(true);
    expect((await json<Listed[]>(byAlice, ['runs']))[0]?.provenance).toMatchObject({ kind: 'merged', bundle: { signedBy: 'alice@lab', trusted: true } });
  }, 120_000);

  it('refuses --all on an empty workspace, and a bundle with no runs named, with exit 2', async () => {
    const empty = { ws: path.join(root, 'empty'), env: { EDGELAB_STATE_DIR: newStateDir() } };
    const all = await cli(empty, ['runs', 'bundle', '--all', '--out', path.join(root, 'empty.tar')]);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain('has no runs recorded yet: there is nothing to bundle');
    const none = await cli(deviceA, ['runs', 'bundle', '--out', path.join(root, 'none.tar')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Name the runs to bundle: RUN…, --all or --since HEAD.');
    const taken = path.join(root, 'taken.tar');
    writeFileSync(taken, 'not a bundle');
    const exists = await cli(deviceA, ['runs', 'bundle', '--all', '--out', taken]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain(`--out ${taken} exists already; a bundle never replaces a file.`);
    expect(readFileSync(taken, 'utf8')).toBe('not a bundle');
    const noOut = await cli(deviceA, ['runs', 'bundle', '--all']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out FILE is required');
    // A folder as --out, a folder that is not there, a file where a folder belongs: each named, no stack.
    const folder = await cli(deviceA, ['runs', 'bundle', '--all', '--out', root]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`--out ${root} is a folder; --out names the bundle file to write.`);
    const missing = path.join(root, 'no-such-folder', 'x.tar');
    const noFolder = await cli(deviceA, ['runs', 'bundle', '--all', '--out', missing]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toContain(`Cannot write the bundle ${missing}: the folder ${path.dirname(missing)} does not exist.`);
    const underFile = await cli(deviceA, ['runs', 'bundle', '--all', '--out', path.join(taken, 'x.tar')]);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain(`${taken} is not a folder.`);
    for (const r of [folder, noFolder, underFile]) expect(r.stderr).not.toMatch(/\n\s+at |\.tmp/);
  }, 60_000);
});

/**
 * A bundle whose one record has other bytes under the same id, made consistent throughout (record
 * digest, manifest, a fresh ledger chain): what a second device, or a forger, would produce.
 */
async function rebuiltWithOtherBytes(bundle: string, dir: string, runId: string): Promise<string> {
  const { serializeWithContentDigest, sha256Hex } = await import('../../core/evidence/record-file.js');
  const { computeEntryHash, formatLedgerLine } = await import('../../core/evidence/ledger.js');
  const { writeTarFile } = await import('../helpers/tar-entries.js');
  const entries = readTarFile(bundle);
  const top = entries[0]!.name.split('/')[0]!;
  const record = entries.find((e) => e.name === `${top}/runs/${runId}.json`)!;
  const changed = serializeWithContentDigest({ ...(JSON.parse(record.body.toString()) as object), spec: { ...(JSON.parse(record.body.toString()) as { spec: object }).spec, label: 'other device' } });
  const manifest = JSON.parse(entries[0]!.body.toString()) as { runs: Array<{ id: string; sha256: string }>; files: Array<{ path: string; size: number; sha256: string }>; head: { seq: number; entryHash: string }; ledger: { prevHash: string } };
  const lines = entries.find((e) => e.name === `${top}/ledger.jsonl`)!.body.toString().trim().split('\n').map((l) => JSON.parse(l) as Parameters<typeof formatLedgerLine>[0]);
  let prev = manifest.ledger.prevHash;
  for (const line of lines) {
    if (line.id === runId) line.sha256 = sha256Hex(changed);
    line.prevHash = prev;
    line.entryHash = computeEntryHash(line);
    prev = line.entryHash;
  }
  const ledger = Buffer.from(lines.map((l) => formatLedgerLine(l)).join(''));
  manifest.head.entryHash = prev;
  for (const r of manifest.runs) if (r.id === runId) r.sha256 = sha256Hex(changed);
  for (const f of manifest.files) {
    if (f.path === 'ledger.jsonl') Object.assign(f, { size: ledger.length, sha256: sha256Hex(ledger) });
    if (f.path === `runs/${runId}.json`) Object.assign(f, { size: changed.length, sha256: sha256Hex(changed) });
  }
  const out = `${dir}.tar`;
  writeTarFile(out, entries.filter((e) => !e.name.endsWith('.sig')).map((e) => ({
    name: e.name,
    body: e.name.endsWith('/manifest.json') ? Buffer.from(JSON.stringify(manifest)) : e.name.endsWith('/ledger.jsonl') ? ledger : e === record ? changed : e.body,
  })));
  return out;
}
