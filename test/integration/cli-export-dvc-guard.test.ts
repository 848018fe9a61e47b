import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

// The real `edgelab` process on a real model measured here, in a model repo laid out as the README
// lays it out: the evidence in perf/evidence, the DVC export in perf/.
let model = '';
beforeAll(async () => {
  model = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-model-')), 'tiny.onnx');
  copyFileSync(await modelPath('tiny-classifier'), model);
});

interface Repo { repo: string; ws: string; perf: string; cli: (...args: string[]) => ReturnType<typeof runCli> }

/** A model repo with two measured runs, labelled one and two, in perf/evidence. */
async function repoWithRuns(): Promise<Repo> {
  const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-repo-'));
  const cli = (...args: string[]) => runCli(args, { cwd: repo, timeoutMs: 40_000 });
  for (const label of ['one', 'two']) {
    const r = await cli('bench', model, '--iterations', '8', '--warmup', '1', '--no-telemetry', '--label', label, '--workspace', 'perf/evidence');
    expect(r.code, r.stderr).toBe(0);
  }
  return { repo, ws: path.join(repo, 'perf', 'evidence'), perf: path.join(repo, 'perf'), cli };
}

/** Every file of the workspace is byte for byte as it was, and none was added (its derived run-list cache aside: reading may refresh it). */
function expectUnchanged(ws: string, before: Record<string, string>): void {
  const after = fileHashes(ws);
  for (const [file, hash] of Object.entries(before)) if (!file.startsWith('.cache')) expect(after[file], file).toBe(hash);
  expect(Object.keys(after).filter((f) => !(f in before) && !f.startsWith('.cache'))).toEqual([]);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('edgelab export dvc never writes or deletes evidence', () => {
  it("the README's workflow works as written: run into perf/evidence, export perf/, again with no change", async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-readme-'));
    mkdirSync(path.join(repo, 'perf'));
    writeFileSync(path.join(repo, 'perf', 'gate.yaml'), `name: gate\ndefaults:\n  scenario: { kind: single-stream, warmup: { iterations: 1 }, iterations: 10 }\n  telemetry: false\nruns:\n  - model: ${JSON.stringify(model)}\n    label: tiny\n`);
    const cli = (...args: string[]) => runCli(args, { cwd: repo, timeoutMs: 40_000 });
    expect((await cli('run', 'perf/gate.yaml', '--workspace', 'perf/evidence')).code).toBe(0);
    const ws = path.join(repo, 'perf', 'evidence');
    const before = fileHashes(ws);
    const first = await cli('export', 'dvc', 'perf/', '--workspace', 'perf/evidence');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Wrote 1 run to ${path.join(repo, 'perf')}: tiny (`);
    // The manifest names every file it wrote with the SHA-256 of its bytes, as computed here.
    const manifest = JSON.parse(readFileSync(path.join(repo, 'perf', 'edgelab-export.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual(['dvc.yaml', 'metrics/tiny.json', 'params.yaml', 'plots/templates/edgelab-latency-cdf.json', 'plots/tiny/latency-cdf.tsv', 'plots/tiny/latency.tsv']);
    for (const [file, hash] of Object.entries(manifest.files)) expect(sha256(path.join(repo, 'perf', file)), file).toBe(hash);
    const exported = fileHashes(path.join(repo, 'perf'));
    const again = await cli('export', 'dvc', 'perf/', '--workspace', 'perf/evidence');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toMatch(/Removed|Left in place/);
    expect(fileHashes(path.join(repo, 'perf'))).toEqual({ ...exported, ...Object.fromEntries(Object.entries(fileHashes(ws)).map(([f, h]) => [path.join('evidence', f), h])) });
    expectUnchanged(ws, before);
    expect((await cli('runs', 'verify', '--workspace', 'perf/evidence')).code).toBe(0);
  });

  it('a folder laid out like an earlier export whose links, hard links or manifest lead into the workspace is refused (exit 2), and nothing is written or removed', async () => {
    const { repo, ws, cli } = await repoWithRuns();
    const [record] = readdirSync(path.join(ws, 'runs')).filter((f) => f.endsWith('.json'));
    const header = '# Written by `edgelab export dvc`. Export again to update; edits here are overwritten.\nmetrics: []\n';
    const layouts: Array<[string, (dir: string) => void, RegExp]> = [
      ['metrics/ a symlink to runs/', (dir) => symlinkSync(path.join(ws, 'runs'), path.join(dir, 'metrics')), /metrics is a symbolic link, where the export needs a real folder/],
      ['plots/ a symlink to the workspace', (dir) => symlinkSync(ws, path.join(dir, 'plots')), /plots is a symbolic link/],
      ['metrics/one.json a hard link to a record', (dir) => {
        mkdirSync(path.join(dir, 'metrics'));
        linkSync(path.join(ws, 'runs', record as string), path.join(dir, 'metrics', 'one.json'));
      }, new RegExp(`is part of the evidence workspace .* \\(the same file as runs/${record} there, through a hard link or a mount\\)`)],
      ['a manifest naming the ledger', (dir) => writeFileSync(path.join(dir, 'edgelab-export.json'), JSON.stringify({ written_by: 'edgelab export dvc', manifest_version: 1, files: { '../evidence/ledger.jsonl': sha256(path.join(ws, 'ledger.jsonl')) } })), /is not a manifest edgelab wrote \(files\.\.\.\/evidence\/ledger\.jsonl/],
      ['the folder itself a symlink to runs/', (dir) => {
        rmSync(dir, { recursive: true });
        symlinkSync(path.join(ws, 'runs'), dir);
      }, /that folder is inside the evidence workspace/],
    ];
    for (const [what, lay, message] of layouts) {
      const dir = mkdtempSync(path.join(repo, 'old-export-'));
      writeFileSync(path.join(dir, 'dvc.yaml'), header);
      lay(dir);
      const before = fileHashes(ws);
      const exportBefore = fileHashes(dir);
      const r = await cli('export', 'dvc', path.basename(dir), '--workspace', 'perf/evidence');
      expect(r.code, `${what}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stderr, what).toMatch(message);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
      expect(r.stdout, what).toBe('');
      expectUnchanged(ws, before);
      expect(fileHashes(dir), what).toEqual(exportBefore);
    }
    expect((await cli('runs', 'verify', '--workspace', 'perf/evidence')).code).toBe(0);
  });

  it('removes only files its manifest lists that still hold the bytes it wrote; a file changed since is left and listed', async () => {
    const { perf, cli } = await repoWithRuns();
    const both = await cli('export', 'dvc', 'perf', '--workspace', 'perf/evidence', '--json');
    expect(both.code, both.stderr).toBe(0);
    const runs = (JSON.parse(both.stdout) as { runs: Array<{ key: string; runId: string }> }).runs;
    appendFileSync(path.join(perf, 'metrics', 'two.json'), '\n');
    const edited = readFileSync(path.join(perf, 'metrics', 'two.json'));
    const one = await cli('export', 'dvc', 'perf', runs.find((r) => r.key === 'one')?.runId as string, '--workspace', 'perf/evidence');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('Removed from an earlier export (unchanged, as its manifest lists them): plots/two/latency-cdf.tsv, plots/two/latency.tsv');
    expect(one.stdout).toContain('Left in place: metrics/two.json (changed since edgelab wrote it)');
    expect(readFileSync(path.join(perf, 'metrics', 'two.json'))).toEqual(edited);
    expect(existsSync(path.join(perf, 'plots', 'two'))).toBe(true);
    expect(readdirSync(path.join(perf, 'plots', 'two'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(perf, 'edgelab-export.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).filter((f) => f.includes('two'))).toEqual([]);
  });

  it('an export written before the manifest existed is never deleted from: its files are listed', async () => {
    const { perf, cli } = await repoWithRuns();
    const both = await cli('export', 'dvc', 'perf', '--workspace', 'perf/evidence', '--json');
    const runs = (JSON.parse(both.stdout) as { runs: Array<{ key: string; runId: string }> }).runs;
    rmSync(path.join(perf, 'edgelab-export.json'));
    const before = fileHashes(perf);
    const one = await cli('export', 'dvc', 'perf', runs.find((r) => r.key === 'one')?.runId as string, '--workspace', 'perf/evidence');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).not.toContain('Removed');
    for (const file of ['metrics/two.json', 'plots/two/latency-cdf.tsv', 'plots/two/latency.tsv']) {
      expect(one.stdout).toContain(`Left in place: ${file} (written before edgelab kept a manifest (edgelab-export.json)`);
      expect(fileHashes(perf)[path.join(...file.split('/'))], file).toBe(before[path.join(...file.split('/'))]);
    }
    expect(existsSync(path.join(perf, 'edgelab-export.json'))).toBe(true);
  });

  it('a FIFO dvc.yaml or manifest, /proc and /sys are refused at once (exit 2), never waited on', async () => {
    const { repo, ws, cli } = await repoWithRuns();
    const before = fileHashes(ws);
    const fifoYaml = path.join(repo, 'fifo-yaml');
    mkdirSync(fifoYaml);
    execFileSync('mkfifo', [path.join(fifoYaml, 'dvc.yaml')]);
    const fifoManifest = path.join(repo, 'fifo-manifest');
    mkdirSync(fifoManifest);
    execFileSync('mkfifo', [path.join(fifoManifest, 'edgelab-export.json')]);
    const cases: Array<[string, RegExp]> = [
      [fifoYaml, /dvc\.yaml is a named pipe \(FIFO\)/],
      [fifoManifest, /edgelab-export\.json is a named pipe \(FIFO\)/],
      ['/proc/self/perf', /export dvc \/proc\/self\/perf: that is on \/proc, a kernel file system/],
      ['/sys/perf', /that is on \/sys, a kernel file system/],
      ['/dev/perf', /that is on \/dev, a kernel file system/],
    ];
    for (const [dir, message] of cases) {
      const r = await cli('export', 'dvc', dir, '--workspace', 'perf/evidence');
      expect(r.code, `${dir}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(fifoYaml)).toEqual(['dvc.yaml']);
    expect(existsSync('/dev/perf')).toBe(false);
    expectUnchanged(ws, before);
  });
});
