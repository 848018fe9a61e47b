import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeEntryHash, formatLedgerLine } from '../../core/evidence/ledger.js';
import { sha256Hex } from '../../core/evidence/record-file.js';
import { newStateDir, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';
import { readTarFile, writeTarFile, type RawEntry } from '../helpers/tar-entries.js';

/**
 * A bundle is an untrusted archive: each way a forger or a bad copy can change one is planted in a
 * real bundle the real `edgelab` wrote, and `runs merge` must refuse it with exit 2, naming the
 * entry, and leave the workspace exactly as it was.
 */
const root = mkdtempSync(path.join(tmpdir(), 'edgelab-bundle-refused-'));
const source = { ws: path.join(root, 'source'), env: { EDGELAB_STATE_DIR: newStateDir() } };
const target = { ws: path.join(root, 'target'), env: { EDGELAB_STATE_DIR: newStateDir() } };
let entries: RawEntry[];
let top: string;
let runId: string;

beforeAll(async () => {
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', '--workspace', source.ws], { env: source.env });
  expect(bench.code, bench.stderr).toBe(0);
  const bundle = path.join(root, 'good.tar');
  const r = await runCli(['runs', 'bundle', '--all', '--out', bundle, '--json', '--workspace', source.ws], { env: source.env });
  expect(r.code, r.stderr).toBe(0);
  runId = (JSON.parse(r.stdout) as { runs: string[] }).runs[0]!;
  entries = readTarFile(bundle);
  top = entries[0]!.name.split('/')[0]!;
  // The target has a run of its own, so "unchanged" means something.
  expect((await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', '--workspace', target.ws], { env: target.env })).code).toBe(0);
}, 120_000);

const recordName = () => `${top}/runs/${runId}.json`;
const manifestOf = (list: RawEntry[]) => JSON.parse(list[0]!.body.toString()) as { files: Array<{ path: string; size: number; sha256: string }>; runs: Array<{ id: string; sha256: string }> };
const withManifest = (list: RawEntry[], change: (m: ReturnType<typeof manifestOf>) => void): RawEntry[] => {
  const manifest = manifestOf(list);
  change(manifest);
  return [{ name: list[0]!.name, body: Buffer.from(JSON.stringify(manifest)) }, ...list.slice(1)];
};

async function expectRefused(name: string, list: RawEntry[], says: RegExp | string, options: { end?: boolean; bytes?: (b: Buffer) => Buffer } = {}): Promise<void> {
  const file = path.join(root, `${name}.tar`);
  writeTarFile(file, list, options);
  if (options.bytes) writeFileSync(file, options.bytes(readFileSync(file)));
  const ledgerBefore = readFileSync(path.join(target.ws, 'ledger.jsonl'));
  const r = await runCli(['runs', 'merge', file, '--workspace', target.ws], { env: target.env });
  expect(r.code, r.stdout).toBe(2);
  expect(r.stderr).toContain(`The bundle ${file} is refused`);
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(readFileSync(path.join(target.ws, 'ledger.jsonl'))).toEqual(ledgerBefore);
}

describe('runs merge refuses a file that is no bundle at all, saying what it is', () => {
  it('a folder, an empty file, a file shorter than a tar header and a gzip-compressed bundle: exit 2, named, nothing merged', async () => {
    const good = path.join(root, 'good.tar');
    const gzipped = path.join(root, 'good.tar.gz');
    writeFileSync(gzipped, gzipSync(readFileSync(good)));
    const empty = path.join(root, 'empty.tar');
    writeFileSync(empty, '');
    const short = path.join(root, 'short.tar');
    writeFileSync(short, 'hello\n');
    const cases: Array<[string, string]> = [
      [root, `The bundle ${root} is a folder; a bundle is one archive file.`],
      [empty, `The bundle ${empty} is refused: it is empty (0 bytes), not a tar archive.`],
      [short, `The bundle ${short} is refused: it is 6 bytes, shorter than one tar header (512): not a tar archive, or a copy cut short.`],
      [gzipped, `The bundle ${gzipped} is refused: it is gzip-compressed: a bundle is a plain tar (gunzip it first, or bundle again without compressing).`],
    ];
    const ledgerBefore = readFileSync(path.join(target.ws, 'ledger.jsonl'));
    for (const [file, says] of cases) {
      const r = await runCli(['runs', 'merge', file, '--workspace', target.ws], { env: target.env });
      expect(r.code, `${file}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(says);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(path.join(target.ws, 'ledger.jsonl'))).toEqual(ledgerBefore);
  });
});

describe('runs merge refuses a bundle that is not what its machine wrote', () => {
  it('record bytes changed: names the record, the run id and the hash that differs', async () => {
    // Same size, one figure changed: only the hash can tell.
    const list = entries.map((e) => (e.name === recordName() ? { ...e, body: Buffer.from(e.body.toString().replace('"iterations": 5', '"iterations": 6')) } : e));
    expect(list.find((e) => e.name === recordName())!.body).not.toEqual(entries.find((e) => e.name === recordName())!.body);
    await expectRefused('tampered-record', list, new RegExp(`runs/${runId}\\.json \\(run ${runId}\\) has SHA-256 [0-9a-f]{64} where the manifest states [0-9a-f]{64}: it was changed`));
    const longer = entries.map((e) => (e.name === recordName() ? { ...e, body: Buffer.concat([e.body, Buffer.from(' ')]) } : e));
    await expectRefused('longer-record', longer, new RegExp(`runs/${runId}\\.json \\(run ${runId}\\) is \\d+ bytes where the manifest states \\d+`));
  });

  it('record and manifest changed together: the ledger line still names the old bytes', async () => {
    const changed = Buffer.from(entries.find((e) => e.name === recordName())!.body.toString().replace('"scenario"', '"scenario" '));
    const list = withManifest(entries.map((e) => (e.name === recordName() ? { ...e, body: changed } : e)), (m) => {
      for (const f of m.files) if (f.path === `runs/${runId}.json`) Object.assign(f, { size: changed.length, sha256: sha256Hex(changed) });
      for (const r of m.runs) r.sha256 = sha256Hex(changed);
    });
    await expectRefused('tampered-record-and-manifest', list, new RegExp(`runs/${runId}\\.json \\(run ${runId}\\): its SHA-256 .* differs from its ledger line`));
  });

  it('a ledger line edited (and the manifest made to match): the excerpt no longer chains', async () => {
    const ledgerName = `${top}/ledger.jsonl`;
    const lines = entries.find((e) => e.name === ledgerName)!.body.toString().trim().split('\n').map((l) => JSON.parse(l) as Parameters<typeof formatLedgerLine>[0]);
    lines[0]!.recordedAt = '2020-01-01T00:00:00.000Z';
    const ledger = Buffer.from(lines.map((l) => formatLedgerLine(l)).join(''));
    const list = withManifest(entries.map((e) => (e.name === ledgerName ? { ...e, body: ledger } : e)), (m) => {
      for (const f of m.files) if (f.path === 'ledger.jsonl') Object.assign(f, { size: ledger.length, sha256: sha256Hex(ledger) });
    });
    await expectRefused('tampered-ledger', list, /ledger\.jsonl line 1 \(seq 1, runs\/.*\): entryHash does not match the line's fields: the line was edited/);
    expect(computeEntryHash(lines[0]!)).not.toBe(lines[0]!.entryHash);
  });

  it('a path that climbs out of the bundle folder, an absolute path, a path outside the top folder', async () => {
    const evil = (name: string): RawEntry[] => [...entries, { name, body: Buffer.from('x') }];
    await expectRefused('traversal', evil(`${top}/runs/../../../evil.sh`), /runs\/\.\.\/\.\.\/\.\.\/evil\.sh is a path that climbs out of its folder/);
    await expectRefused('absolute', evil('/etc/evil'), /\/etc\/evil is an absolute path/);
    await expectRefused('outside', evil('other-folder/evil'), /other-folder\/evil is a path outside the bundle's folder/);
  });

  it('a symbolic link, a hard link and a device entry', async () => {
    await expectRefused('symlink', [...entries, { name: `${top}/runs/${runId}/trace.json`, body: Buffer.alloc(0), type: '2', linkname: '/etc/passwd' }], /trace\.json is a symbolic link; a bundle holds regular files only/);
    await expectRefused('hardlink', [...entries, { name: `${top}/runs/${runId}/trace.json`, body: Buffer.alloc(0), type: '1', linkname: 'x' }], /is a hard link/);
    await expectRefused('device', [...entries, { name: `${top}/runs/${runId}/dev`, body: Buffer.alloc(0), type: '3' }], /is a character device/);
  });

  it('an entry over the size bound, stated in its header', async () => {
    const file = path.join(root, 'oversized-src.tar');
    writeTarFile(file, [...entries.slice(0, 2), { name: `${top}/runs/${runId}/huge.bin`, body: Buffer.from('x') }]);
    // The size field says 1 GiB; the bound is read from the header before a byte of the body.
    const bytes = readFileSync(file);
    const at = entries.slice(0, 2).reduce((o, e) => o + 512 + Math.ceil(e.body.length / 512) * 512, 0);
    const header = bytes.subarray(at, at + 512);
    header.write(`${(1024 ** 3).toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
    header.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    await expectRefused('oversized', [], /huge\.bin is 1073741824 bytes: a bundle entry holds at most 536870912 bytes/, { bytes: () => bytes });
  });

  it('an archive cut short, and one whose end-of-archive blocks are missing', async () => {
    const file = path.join(root, 'whole.tar');
    writeTarFile(file, entries);
    const whole = readFileSync(file);
    await expectRefused('truncated-mid-entry', [], /cut short|truncated/, { bytes: () => whole.subarray(0, whole.length - 1024 - 700) });
    await expectRefused('no-end-blocks', entries, /without its end-of-archive blocks: it was cut short/, { end: false });
  });

  it('a file the manifest does not list, a listed file missing, the same name twice', async () => {
    await expectRefused('added', [...entries, { name: `${top}/runs/${runId}/extra.txt`, body: Buffer.from('x') }], /extra\.txt is not listed in the manifest/);
    await expectRefused('removed', entries.filter((e) => e.name !== recordName()), new RegExp(`runs/${runId}\\.json is listed in the manifest but not in the archive`));
    await expectRefused('duplicate', [...entries, entries.find((e) => e.name === recordName())!], new RegExp(`${recordName().replaceAll('.', '\\.')} appears twice`));
  });

  it('a listed file beside a run the bundle does not carry, and a hidden file beside one', async () => {
    const body = Buffer.from('planted');
    const listed = (name: string) => withManifest([...entries, { name: `${top}/${name}`, body }], (m) => m.files.push({ path: name, size: body.length, sha256: sha256Hex(body) }));
    await expectRefused('orphan', listed('runs/20200101T000000Z-abcdef/trace.json'), 'runs/20200101T000000Z-abcdef/trace.json is beside run 20200101T000000Z-abcdef, which the bundle does not carry');
    await expectRefused('hidden', listed(`runs/${runId}/.hidden`), `runs/${runId}/.hidden is a hidden file`);
  });

  it('a signed manifest changed after signing: a key the workspace trusts no longer vouches for it', async () => {
    const key = path.join(root, 'lead');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lead', '-f', key]);
    const signers = path.join(root, 'allowed_signers');
    writeFileSync(signers, `lead@lab namespaces="edgelab-bundle" ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
    const signed = path.join(root, 'signed.tar');
    expect((await runCli(['runs', 'bundle', '--all', '--out', signed, '--key', key, '--workspace', source.ws], { env: source.env })).code).toBe(0);
    const list = readTarFile(signed);
    expect(list[1]!.name).toBe(`${top}/manifest.json.sig`);
    // Claimed to come from another unit: every file still matches, only the signature does not.
    const forged = [{ name: list[0]!.name, body: Buffer.from(list[0]!.body.toString().replace(/"unit": (null|"[^"]*")/, '"unit": "orin-trusted"')) }, ...list.slice(1)];
    expect(forged[0]!.body).not.toEqual(list[0]!.body);
    const file = path.join(root, 'forged-signed.tar');
    writeTarFile(file, forged);
    const ledgerBefore = readFileSync(path.join(target.ws, 'ledger.jsonl'));
    const r = await runCli(['runs', 'merge', file, '--allowed-signers', signers, '--workspace', target.ws], { env: target.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('manifest.json.sig the signature does not verify for lead@lab: the manifest was changed after it was signed');
    expect(readFileSync(path.join(target.ws, 'ledger.jsonl'))).toEqual(ledgerBefore);
  });
});
