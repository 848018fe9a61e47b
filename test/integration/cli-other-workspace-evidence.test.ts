import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * A user with two workspaces (a project's and the default one, or two projects) writes a report or
 * an export while working in one of them: the other one's records and ledger are as much evidence,
 * and its `runs verify` must still pass afterwards. Through the real `edgelab` process.
 */
let model: string;
let used: string;
let other: string;
let otherRun: string;

async function benchInto(workspace: string): Promise<string> {
  const r = await runCli(['bench', model, '--iterations', '3', '--warmup', '1', '--workspace', workspace]);
  expect(r.code, r.stderr).toBe(0);
  return /Recorded as (\S+)/.exec(r.stdout)?.[1] ?? '';
}

beforeAll(async () => {
  model = await modelPath('tiny-classifier');
  const root = await mkdtemp(path.join(tmpdir(), 'edgelab-two-workspaces-'));
  used = path.join(root, 'project', 'evidence');
  other = path.join(root, 'default-workspace');
  await benchInto(used);
  otherRun = await benchInto(other);
  const adr = await runCli(['adr', 'new', 'Ship the fp16 model', '--workspace', other]);
  expect(adr.code, adr.stderr).toBe(0);
});

async function expectOtherUntouched(before: Record<string, string>): Promise<void> {
  expect(fileHashes(other)).toEqual(before);
  const verify = await runCli(['runs', 'verify', '--workspace', other]);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
}

describe('--out never writes into the evidence of a workspace other than the one in use', () => {
  it('refuses its records, ledger, head and folders, directly or through a symlinked folder', async () => {
    const before = fileHashes(other);
    const linked = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-link-')), 'ws');
    await symlink(other, linked);
    for (const argv of [
      ['report', 'latest', '--format', 'json', '--out', path.join(other, 'runs', `${otherRun}.json`)],
      ['report', 'latest', '--out', path.join(other, 'runs', 'summary.md')],
      ['report', 'latest', '--format', 'json', '--out', path.join(other, 'ledger.jsonl')],
      ['ladder', 'export', '--out', path.join(linked, 'ledger.jsonl')],
      ['ladder', 'export', '--out', path.join(other, 'attestations', 'record.html')],
      ['report', 'latest', '--out', path.join(other, 'adr', '0001-ship-the-fp16-model.md')],
      ['bench', model, '--iterations', '3', '--warmup', '1', '--no-save', '--out', path.join(other, 'ledger.head')],
    ]) {
      const r = await runCli([...argv, '--workspace', used]);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`part of the evidence workspace ${other}`);
      expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }
    await expectOtherUntouched(before);
  });

  it('still writes a report beside that workspace\'s ledger, outside its evidence', async () => {
    const out = path.join(other, 'summary.md');
    const r = await runCli(['report', 'latest', '--out', out, '--workspace', used]);
    expect(r.code, r.stderr).toBe(0);
    await rm(out);
  });
});

describe('export dvc never writes into another workspace', () => {
  it('refuses its runs/, a folder below them and the workspace folder itself, before creating anything', async () => {
    const before = fileHashes(other);
    const entries = (await readdir(path.join(other, 'runs'))).sort();
    for (const dir of [path.join(other, 'runs'), path.join(other, 'runs', 'perf', 'dvc'), other]) {
      const r = await runCli(['export', 'dvc', dir, '--workspace', used]);
      expect(r.code, `${dir}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`the evidence workspace ${other}`);
      expect(r.stderr).toContain('Nothing was written');
    }
    expect((await readdir(path.join(other, 'runs'))).sort()).toEqual(entries);
    await expectOtherUntouched(before);
  });
});

describe('a FIFO put in place of a workspace file is named, never waited on', () => {
  it('runs verify answers at once for a FIFO ledger.jsonl', async () => {
    const workspace = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-fifo-ledger-')), 'ws');
    await benchInto(workspace);
    await rm(path.join(workspace, 'ledger.jsonl'));
    execFileSync('mkfifo', [path.join(workspace, 'ledger.jsonl')]);
    const r = await runCli(['runs', 'verify', '--workspace', workspace], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('ledger.jsonl is a named pipe (FIFO), not a regular file');
    expect(r.stderr).toContain('restore ledger.jsonl from version control');
  });

  it('runs verify names a FIFO in place of a run\'s profile trace as a replaced file', async () => {
    const workspace = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-fifo-trace-')), 'ws');
    const r0 = await runCli(['profile', model, '--iterations', '3', '--warmup', '1', '--workspace', workspace]);
    expect(r0.code, r0.stderr).toBe(0);
    const id = /Recorded as (\S+)/.exec(r0.stdout)?.[1] ?? '';
    const [trace] = await readdir(path.join(workspace, 'runs', id));
    expect(trace).toBeDefined();
    await rm(path.join(workspace, 'runs', id, trace!));
    execFileSync('mkfifo', [path.join(workspace, 'runs', id, trace!)]);
    const r = await runCli(['runs', 'verify', '--workspace', workspace], { timeoutMs: 20_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toContain(`edited: runs/${id}/${trace}: a named pipe (FIFO) where its run record names a file`);
  });

  it('adr list and ladder export answer at once for a FIFO under a decision record\'s name', async () => {
    const workspace = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-fifo-adr-')), 'ws');
    await benchInto(workspace);
    await mkdir(path.join(workspace, 'adr'));
    execFileSync('mkfifo', [path.join(workspace, 'adr', '0001-pipe.md')]);
    for (const argv of [['adr', 'list'], ['ladder', 'export', '--out', path.join(workspace, '..', 'ladder.html')]]) {
      const r = await runCli([...argv, '--workspace', workspace], { timeoutMs: 20_000 });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`adr/0001-pipe.md in ${workspace} is a named pipe (FIFO), not a decision record`);
    }
  });

  it('a FIFO run index is rebuilt, and a FIFO or a symlink as the lock is refused, never waited on', async () => {
    const workspace = path.join(await mkdtemp(path.join(tmpdir(), 'edgelab-fifo-lock-')), 'ws');
    const id = await benchInto(workspace);
    await mkdir(path.join(workspace, '.cache'), { recursive: true });
    await rm(path.join(workspace, '.cache', 'run-index.json'), { force: true });
    execFileSync('mkfifo', [path.join(workspace, '.cache', 'run-index.json')]);
    const listed = await runCli(['runs', '--workspace', workspace], { timeoutMs: 20_000 });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(id);
    const lock = path.join(workspace, 'ledger.lock');
    for (const [make, what] of [[() => execFileSync('mkfifo', [lock]), 'a named pipe (FIFO)'], [() => execFileSync('ln', ['-s', '/dev/zero', lock]), 'a symbolic link']] as const) {
      // Hashed without the lock in place: reading a FIFO here would block the test itself.
      const before = fileHashes(workspace);
      make();
      const r = await runCli(['bench', model, '--iterations', '3', '--warmup', '1', '--workspace', workspace], { timeoutMs: 20_000 });
      await rm(lock);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`The workspace lock ${lock} is ${what}, not a lock edgelab made`);
      expect(fileHashes(workspace)).toEqual(before);
    }
    expect((await runCli(['runs', 'verify', '--workspace', workspace])).code).toBe(0);
  });
});
