import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let ws: string;
let tiny: string;
let firstId: string;
let secondId: string;

beforeAll(async () => {
  ws = await mkdtemp(path.join(tmpdir(), 'edgelab-evidence-'));
  tiny = await modelPath('tiny-classifier');
  const a = await runCli(['bench', tiny, '--iterations', '60', '--warmup', '2', '--json', '--workspace', ws, '--label', 'first']);
  const b = await runCli(['bench', tiny, '--iterations', '60', '--warmup', '2', '--json', '--workspace', ws, '--label', 'second', '--threads', '1']);
  firstId = JSON.parse(a.stdout).id;
  secondId = JSON.parse(b.stdout).id;
});

describe('the evidence workspace through the CLI', () => {
  it('records every bench run; runs lists them newest first and shows one by id or prefix', async () => {
    const list = await runCli(['runs', '--json', '--workspace', ws]);
    expect(list.code).toBe(0);
    const runs = JSON.parse(list.stdout);
    expect(runs.map((r: { id: string }) => r.id)).toEqual([secondId, firstId]);
    const show = await runCli(['runs', 'show', secondId.slice(0, 20), '--json', '--workspace', ws]);
    expect(JSON.parse(show.stdout).spec.label).toBe('second');
    expect(JSON.parse(show.stdout).hardware.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the ledger, then reports an edited record by name with a non-zero exit', async () => {
    expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    const copy = await mkdtemp(path.join(tmpdir(), 'edgelab-tamper-'));
    await copyWorkspace(ws, copy);
    const file = path.join(copy, 'runs', `${firstId}.json`);
    const record = JSON.parse(await readFile(file, 'utf8'));
    record.latencyMs.p99 = 0.001; // a flattering edit
    await writeFile(file, JSON.stringify(record, null, 2) + '\n');
    const r = await runCli(['runs', 'verify', '--workspace', copy]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`edited: runs/${firstId}.json`);
    // nothing was lost or rewritten
    expect(JSON.parse(await readFile(file, 'utf8')).latencyMs.p99).toBe(0.001);
    // and the edited record is not used as evidence anywhere
    for (const args of [['runs', 'show', firstId], ['report', firstId], ['compare', firstId, secondId]]) {
      const used = await runCli([...args, '--workspace', copy]);
      expect(used.code, args.join(' ')).toBe(2);
      expect(used.stderr).toMatch(/changed after it was recorded/);
    }
    expect((await runCli(['ladder', '--workspace', copy])).code).toBe(0);
  });

  it('compare prints ratios and the significance test; report writes each format', async () => {
    const c = await runCli(['compare', firstId, secondId, '--workspace', ws]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/Mann–Whitney U/);
    expect(c.stdout).toMatch(/B\/A/);
    for (const format of ['md', 'html', 'json', 'csv', 'junit']) {
      const out = path.join(ws, `report.${format}`);
      const r = await runCli(['report', firstId, secondId, '--format', format, '--out', out, '--workspace', ws]);
      expect(r.code, r.stderr).toBe(0);
      const text = await readFile(out, 'utf8');
      expect(text.length).toBeGreaterThan(100);
      if (format === 'csv') expect(text.split('\n').filter(Boolean)).toHaveLength(1 + 120);
      if (format === 'html') expect(text).not.toMatch(/<script src|<link[^>]+href="http/);
    }
  });

  it('unknown run ids are refused with a pointer to `edgelab runs`', async () => {
    const r = await runCli(['runs', 'show', 'nope', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope/);
    expect(r.stderr).toMatch(/edgelab runs/);
    expect((await runCli(['compare', firstId, 'zzz', '--workspace', ws])).code).toBe(2);
    expect((await runCli(['report', 'zzz', '--workspace', ws])).code).toBe(2);
  });

  it('a malformed target is refused before anything runs or is recorded', async () => {
    const before = (await readdir(path.join(ws, 'runs'))).length;
    const r = await runCli(['bench', tiny, '--target', 'p42<=3ms', '--workspace', ws]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/p42<=3ms/);
    expect((await readdir(path.join(ws, 'runs'))).length).toBe(before);
  });

  it('an unwritable workspace is a clear error naming the folder', async () => {
    if (process.getuid?.() === 0) {
      // root writes anywhere; a file where the folder should be is unwritable for everyone
      const blocker = path.join(ws, 'not-a-folder');
      await writeFile(blocker, 'x');
      const r = await runCli(['bench', tiny, '--iterations', '5', '--workspace', path.join(blocker, 'ws')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Cannot write to the evidence workspace/);
      expect(r.stderr).toContain('not-a-folder');
      return;
    }
    const ro = path.join(ws, 'read-only');
    await mkdir(ro);
    await chmod(ro, 0o500);
    const r = await runCli(['bench', tiny, '--iterations', '5', '--workspace', ro]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot write to the evidence workspace/);
  });
});

describe('edgelab run SUITE', () => {
  it('runs each entry, records it tagged with the suite, writes JUnit, exits by verdicts', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-suite-'));
    const suite = path.join(dir, 'gate.yaml');
    await writeFile(suite, [
      'name: tiny-gate',
      'defaults:',
      '  scenario: { kind: single-stream, warmup: { iterations: 2 }, iterations: 40 }',
      'runs:',
      `  - model: ${tiny}`,
      '    label: passes',
      '    targets: ["p50<=10s"]',
      `  - model: ${tiny}`,
      '    label: fails',
      '    targets: ["p50<=1us"]',
    ].join('\n'));
    const junit = path.join(dir, 'results.xml');
    const r = await runCli(['run', suite, '--junit', junit, '--workspace', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/passes.*PASS/);
    expect(r.stdout).toMatch(/fails.*FAIL/);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<failure/);
    const runs = JSON.parse((await runCli(['runs', '--json', '--tag', 'suite:tiny-gate', '--workspace', dir])).stdout);
    expect(runs).toHaveLength(2);
  });

  it('a suite with a syntax or schema error names the file, line and field, and runs nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-suite-bad-'));
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, `runs:\n  - model: ${tiny}\n    scenario: { kind: single-stream, iterations: -3 }\n`);
    const r = await runCli(['run', bad, '--workspace', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.yaml:3: runs[0].scenario.iterations');
    await writeFile(bad, 'runs:\n  - model: [unclosed\n');
    const s = await runCli(['run', bad, '--workspace', dir]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/bad\.yaml:\d+: not valid YAML/);
    expect((await runCli(['run', path.join(dir, 'missing.yaml')])).stderr).toMatch(/Suite file not found/);
  });
});

async function copyWorkspace(from: string, to: string): Promise<void> {
  const { cp } = await import('node:fs/promises');
  await cp(from, to, { recursive: true });
}
