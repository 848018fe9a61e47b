import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunListItem } from '../../core/api/lab-api.js';
import type { VerifyAnswer } from '../../core/api/evidence-verify.js';
import { repoRoot, runCli, testStateDir } from '../helpers/cli.js';
import { currentHead, cutLastRecord } from '../helpers/forge-ledger.js';
import { modelPath } from '../helpers/models.js';

/**
 * The run listing is evidence too. `.cache/run-index.json` holds each run's summary beside the
 * SHA-256 of its file; rewriting a summary (a flattering label, p50 and p99) while leaving the hash
 * and the file's stat as they were must not reach `edgelab runs` or `edgelab serve`'s /api/runs.
 * The real `edgelab` both times; the server is a real `edgelab serve` child process.
 */
let ws: string;
let id: string;
let server: ChildProcess | undefined;

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'edgelab-index-'));
  const bench = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '15', '--warmup', '1', '--no-telemetry', '--label', 'honest', '--json', '--workspace', ws]);
  expect(bench.code, bench.stderr).toBe(0);
  id = (JSON.parse(bench.stdout) as { id: string }).id;
  expect((await runCli(['runs', '--workspace', ws])).code).toBe(0); // builds the index
  const indexPath = path.join(ws, '.cache', 'run-index.json');
  const index = JSON.parse(await readFile(indexPath, 'utf8')) as { files: Record<string, { summary: Record<string, unknown> }> };
  const entry = index.files[`${id}.json`]!;
  entry.summary = { ...entry.summary, label: 'FORGED fastest', p50LatencyMs: 0.001, p99LatencyMs: 0.002 };
  await writeFile(indexPath, JSON.stringify(index));
});

afterAll(() => {
  server?.kill();
});

function startServer(): Promise<{ base: URL; token: string }> {
  server = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'serve', '--port', '0', '--workspace', ws], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EDGELAB_STATE_DIR: testStateDir } });
  return new Promise((resolve, reject) => {
    let out = '';
    server!.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        const url = new URL(match[1]);
        resolve({ base: new URL(url.origin), token: url.searchParams.get('token') ?? '' });
      }
    });
    server!.once('exit', (code) => reject(new Error(`edgelab serve exited with ${code}: ${out}`)));
  });
}

async function call<T>(base: URL, token: string, method: string, args: unknown): Promise<{ status: number; value?: T; error?: { message: string } }> {
  const res = await fetch(new URL(`/api/${method}`, base), { method: 'POST', headers: { 'content-type': 'application/json', 'x-edgelab-token': token }, body: JSON.stringify(args) });
  return { status: res.status, ...((await res.json()) as { value?: T; error?: { message: string } }) };
}

describe('a rewritten run index', () => {
  it('never shows its forged label or latencies in `edgelab runs`: the entry fails its seal and is read again from the record', async () => {
    const list = await runCli(['runs', '--workspace', ws]);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('FORGED');
    expect(list.stdout).toMatch(new RegExp(`${id}.*honest`));
    const json = JSON.parse((await runCli(['runs', '--json', '--workspace', ws])).stdout) as { label: string; p50LatencyMs: number }[];
    expect(json[0]?.label).toBe('honest');
    const record = JSON.parse((await runCli(['runs', 'show', id, '--json', '--workspace', ws])).stdout) as { latencyMs: { p50: number } };
    expect(json[0]?.p50LatencyMs).toBe(record.latencyMs.p50);
  });

  it('nor in `edgelab serve` /api/runs; and /api/verify takes the same request fields as the CLI', async () => {
    // Forge it again: the CLI above rebuilt the entry.
    const indexPath = path.join(ws, '.cache', 'run-index.json');
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { files: Record<string, { summary: Record<string, unknown> }> };
    index.files[`${id}.json`]!.summary = { ...index.files[`${id}.json`]!.summary, label: 'FORGED again', p99LatencyMs: 0.002 };
    await writeFile(indexPath, JSON.stringify(index));

    const { base, token } = await startServer();
    const runs = await call<RunListItem[]>(base, token, 'runs', {});
    expect(runs.status).toBe(200);
    expect(runs.value?.[0]).toMatchObject({ id, label: 'honest' });
    expect(runs.value?.[0]?.p99Ms).not.toBe(0.002);
    // A server keeps the list it checked; a cache rewritten while it runs is checked again.
    const rewritten = JSON.parse(await readFile(indexPath, 'utf8')) as typeof index;
    rewritten.files[`${id}.json`]!.summary = { ...rewritten.files[`${id}.json`]!.summary, label: 'FORGED while serving' };
    await writeFile(indexPath, JSON.stringify(rewritten));
    expect((await call<RunListItem[]>(base, token, 'runs', {})).value?.[0]).toMatchObject({ id, label: 'honest' });

    const head = await currentHead(ws);
    const pinned = await call<VerifyAnswer>(base, token, 'verify', { request: { pinnedHead: head } });
    expect(pinned.value).toMatchObject({ ok: true, head });
    const bad = await call<VerifyAnswer>(base, token, 'verify', { request: { acceptHead: 'not-a-head' } });
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toMatch(/acceptHead: expected the 64-hex-digit ledger head/);
    const signers = await call<VerifyAnswer>(base, token, 'verify', { request: { allowedSigners: path.join(ws, 'no-such-signers') } });
    expect(signers.value?.ok).toBe(false);
    expect(signers.value?.lines.join('\n')).toMatch(/no signed head in the workspace/);
  });
});

describe('the JSON a tool reads carries a cut ledger too', () => {
  it('runs --json marks the remaining runs; runs verify --json names the head to accept', async () => {
    const local = await mkdtemp(path.join(tmpdir(), 'edgelab-index-cut-'));
    for (let i = 0; i < 2; i++) expect((await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '15', '--warmup', '1', '--no-telemetry', '--workspace', local])).code).toBe(0);
    await cutLastRecord(local, 'delete');
    const list = await runCli(['runs', '--json', '--workspace', local]);
    const [only] = JSON.parse(list.stdout) as { notVerified: string | null }[];
    expect(only?.notVerified).toMatch(/went backwards/);
    const verify = await runCli(['runs', 'verify', '--json', '--workspace', local]);
    const report = JSON.parse(verify.stdout) as { ok: boolean; anchor: { acceptHint: string } };
    expect(report.ok).toBe(false);
    expect(report.anchor.acceptHint).toContain(`--accept-head ${await currentHead(local)}`);
  });
});
