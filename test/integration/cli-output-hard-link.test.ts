import { copyFile, link, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

// The real `edgelab` process on a real model: a hard link has a path of its own, so only device and
// inode tell that `report.json` is the ledger. Every --out is written to a temp file and renamed.
async function recordedWorkspace(): Promise<{ ws: string; model: string; env: NodeJS.ProcessEnv; record: string; attestation: string }> {
  const ws = await mkdtemp(path.join(os.tmpdir(), 'edgelab-hardlink-ws-'));
  const env = { EDGELAB_WORKSPACE: ws };
  const model = path.join(ws, '..', `${path.basename(ws)}-tiny.onnx`);
  await copyFile(await modelPath('tiny-classifier'), model);
  const bench = await runCli(['bench', model, '--iterations', '5', '--warmup', '1', '--no-telemetry'], { env });
  expect(bench.code, bench.stderr).toBe(0);
  const attest = await runCli(['ladder', 'attest', 'design-doc', '--note', 'Tracker design'], { env });
  expect(attest.code, attest.stderr).toBe(0);
  const [record] = (await readdir(path.join(ws, 'runs'))).filter((f) => f.endsWith('.json'));
  const [attestation] = (await readdir(path.join(ws, 'attestations'))).filter((f) => f.endsWith('.json'));
  return { ws, model, env, record: path.join(ws, 'runs', record as string), attestation: path.join(ws, 'attestations', attestation as string) };
}

describe('--out never writes into a file that has another name', () => {
  it('a hard link to the ledger, its head, a record or an attestation is refused (exit 2) by bench, report and ladder export, and the evidence stays whole', async () => {
    const { ws, model, env, record, attestation } = await recordedWorkspace();
    const before = fileHashes(ws);
    const out = await mkdtemp(path.join(os.tmpdir(), 'edgelab-hardlink-out-'));
    const cases: Array<[string, string, string[]]> = [
      ['ledger.jsonl', path.join(ws, 'ledger.jsonl'), ['report', 'latest', '--format', 'json', '--out']],
      ['ledger.head', path.join(ws, 'ledger.head'), ['report', 'latest', '--out']],
      ['a record', record, ['bench', model, '--iterations', '3', '--warmup', '1', '--no-telemetry', '--out']],
      ['an attestation', attestation, ['ladder', 'export', '--format', 'md', '--out']],
    ];
    for (const [what, evidence, argv] of cases) {
      const alias = path.join(out, `${path.basename(evidence)}-alias.json`);
      await link(evidence, alias);
      const r = await runCli([...argv, alias], { env });
      expect(r.code, `${what}: ${r.stderr}`).toBe(2);
      expect(r.stderr, what).toContain('part of the evidence workspace');
      expect(r.stderr, what).toContain(`the same file as ${path.relative(ws, evidence)}`);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
    }
    // bench was refused before measuring: no new record, and every file is byte for byte as it was.
    const after = fileHashes(ws);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    expect(Object.keys(after).filter((f) => f.startsWith('runs'))).toEqual(Object.keys(before).filter((f) => f.startsWith('runs')));
    expect((await runCli(['runs', 'verify'], { env })).code).toBe(0);
  });

  it('a hard link to any other file (an input, someone\'s notes) is refused with its link count; a plain file is replaced', async () => {
    const { env, record } = await recordedWorkspace();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-hardlink-other-'));
    const notes = path.join(dir, 'notes.md');
    await writeFile(notes, 'my notes\n');
    await link(notes, path.join(dir, 'report.md'));
    const r = await runCli(['report', 'latest', '--out', path.join(dir, 'report.md')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('that file has 2 names (hard links)');
    expect(await readFile(notes, 'utf8')).toBe('my notes\n');

    const plain = path.join(dir, 'plain.md');
    await writeFile(plain, 'old report\n');
    const ok = await runCli(['report', 'latest', '--out', plain], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await readFile(plain, 'utf8')).toContain(path.basename(record, '.json'));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a symlink the user made keeps pointing at the report it names; a link that leads nowhere is refused, not followed', async () => {
    const { ws, env } = await recordedWorkspace();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-symlink-out-'));
    const real = path.join(dir, 'reports-2026.md');
    await writeFile(real, 'old\n');
    await symlink('reports-2026.md', path.join(dir, 'report.md'));
    const r = await runCli(['report', 'latest', '--out', path.join(dir, 'report.md')], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(await readlink(path.join(dir, 'report.md'))).toBe('reports-2026.md');
    expect(await readFile(real, 'utf8')).not.toBe('old\n');

    // A dangling link into runs/ would have created a record-shaped file there when followed.
    await symlink(path.join(ws, 'runs', 'planted.json'), path.join(dir, 'planted.json'));
    const planted = await runCli(['report', 'latest', '--format', 'json', '--out', path.join(dir, 'planted.json')], { env });
    expect(planted.code).toBe(2);
    expect(planted.stderr).toContain('that is a symbolic link');
    await expect(stat(path.join(ws, 'runs', 'planted.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
