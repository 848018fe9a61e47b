import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUN_RECORD_SCHEMA_VERSION } from '../../core/api/run-record.js';
import { ATTESTATION_SCHEMA_VERSION } from '../../core/evidence/attestation.js';
import { goldenCommands, normaliseOutput, type LegacyIds } from '../../scripts/legacy-workspace/golden-commands.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';

/**
 * A workspace the previous release (edgelab 0.1.0) wrote, opened by this one: it must verify, list,
 * report and compare as it did, keep every ladder tick, and not have one of its files rewritten.
 * The fixture and its goldens were made once at that release (test/fixtures/workspace-v0.1.0/README.md).
 *
 * `runs verify` and the ladder's ticks are held to their goldens byte for byte: a change there is a
 * change in what the evidence proves. Reports, listings and compare are held to their figures (p50,
 * p99, verdicts, states, the test's outcome) rather than their bytes, because their layout may
 * rightly grow between releases (a report that prints the ledger head it was made from, say) while
 * the numbers read from the same records must not move.
 */
const fixture = fileURLToPath(new URL('../fixtures/workspace-v0.1.0/', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(fixture, 'manifest.json'), 'utf8')) as { ids: LegacyIds };
const ids = manifest.ids;
const golden = (name: string) => readFileSync(path.join(fixture, 'golden', name), 'utf8');
const goldenJson = <T>(name: string) => JSON.parse(golden(name)) as T;

interface FileState { sha256: string; size: number; mtimeMs: number; ino: number }

/** Every file outside the run-list cache, with what a rewrite would change: bytes, mtime, inode. */
function fileStates(dir: string): Record<string, FileState> {
  const out: Record<string, FileState> = {};
  for (const [file, sha256] of Object.entries(fileHashes(dir))) {
    if (file.split(path.sep)[0] === '.cache') continue;
    const stat = statSync(path.join(dir, file));
    out[file] = { sha256, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  }
  return out;
}

const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-legacy-ws-')), 'workspace');
// Where a release keeps heads it saw outside the workspace: never the user's own.
const stateDir = mkdtempSync(path.join(tmpdir(), 'edgelab-legacy-state-'));
const outputs = new Map<string, CliResult>();
let before: Record<string, FileState>;

beforeAll(async () => {
  cpSync(path.join(fixture, 'workspace'), workspace, { recursive: true });
  before = fileStates(workspace);
  // One after another: the first command may build the run-list cache the others then read.
  for (const command of goldenCommands) {
    const result = await runCli([...command.args(ids), '--workspace', workspace], { env: { EDGELAB_STATE_DIR: stateDir, NO_COLOR: '1' } });
    outputs.set(command.golden, { ...result, stdout: normaliseOutput(result.stdout, workspace) });
  }
}, 120_000);

const output = (name: string) => {
  const result = outputs.get(name)!;
  expect(result.stderr, name).not.toMatch(/at .*\.js:\d+/);
  expect(result.code, `${name}: ${result.stderr}`).toBe(goldenCommands.find((c) => c.golden === name)!.code);
  return result.stdout;
};

describe('a workspace written by edgelab 0.1.0', () => {
  it('carries a schema version in every record, attestation and assessment, none newer than this edgelab reads', () => {
    const versionOf = (file: string) => (JSON.parse(readFileSync(path.join(workspace, file), 'utf8')) as { schemaVersion?: unknown }).schemaVersion;
    const records = readdirSync(path.join(workspace, 'runs')).filter((f) => f.endsWith('.json'));
    const attestations = readdirSync(path.join(workspace, 'attestations'));
    expect(records).toHaveLength(7);
    expect(attestations).toHaveLength(2);
    // 0.1.0 wrote version 1 of each; a later edgelab may write newer ones but must still read these.
    for (const f of records) expect(versionOf(`runs/${f}`), f).toBe(1);
    for (const f of attestations) expect(versionOf(`attestations/${f}`), f).toBe(1);
    expect(versionOf('ladder/assessment.json')).toBe(1);
    expect(RUN_RECORD_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(ATTESTATION_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('verifies as it did: same records, same ledger head, nothing edited, missing or unrecorded', () => {
    expect(output('runs-verify.txt')).toBe(golden('runs-verify.txt'));
    // The JSON answer gained fields this round. `anchor`: the head this machine now remembers for
    // the workspace (it first saw it here). Every field the old release wrote stays as it was.
    // So did `notMeasured` (no run of it claims measurement without edgelab's marks), `signedHead`,
    // and `recordsByKind` (runs and merges counted apart, once bundles could be merged).
    const { anchor, notMeasured, signedHead, recordsByKind, ...verify } = JSON.parse(output('runs-verify.json')) as { head: string; notMeasured: unknown[]; signedHead: unknown; recordsByKind: unknown; anchor: { remembered: { entryHash: string } | null; unavailable: unknown } };
    expect(verify).toEqual(goldenJson('runs-verify.json'));
    expect(recordsByKind).toEqual({ run: 7, attestation: 2, merge: 0 });
    expect(notMeasured).toEqual([]);
    expect(signedHead).toBeNull();
    expect(anchor.unavailable).toBeNull();
    expect(anchor.remembered?.entryHash).toBe(verify.head);
  });

  it('keeps every ladder tick, with the runs and notes behind it', () => {
    type Item = { item: { id: string }; met: boolean; runs?: { runId: string; notes?: { attestationId: string }[] }[]; attestations?: { id: string }[] };
    type Ladder = { currentGateId: string; gates: { gate: { id: string }; metCount: number; items: Item[] }[] };
    const ticks = (ladder: Ladder) => ({
      currentGateId: ladder.currentGateId,
      items: ladder.gates.flatMap((g) => g.items.map((i) => ({
        gate: g.gate.id,
        id: i.item.id,
        met: i.met,
        runs: (i.runs ?? []).map((r) => ({ runId: r.runId, notes: (r.notes ?? []).map((n) => n.attestationId) })),
        attestations: (i.attestations ?? []).map((a) => a.id),
      }))),
      metCounts: ladder.gates.map((g) => g.metCount),
    });
    const now = ticks(JSON.parse(output('ladder.json')) as Ladder);
    expect(now).toEqual(ticks(goldenJson<Ladder>('ladder.json')));
    // The fixture's ticks, so that an empty golden could not pass: two measured, one attested.
    expect(now.items.filter((i) => i.met).map((i) => i.id)).toEqual(['e2e-inference', 'reviewed-change', 'profile-explained']);
    const tickLines = (text: string) => text.split('\n').filter((l) => l.trimStart().startsWith('✔'));
    expect(tickLines(output('ladder.txt'))).toEqual(tickLines(golden('ladder.txt')));
  });

  it('lists every run with the figures, verdicts and evidence kinds it had, none marked not verified', () => {
    type Row = { id: string; state: string; p50LatencyMs: number | null; p99LatencyMs: number | null; verdicts: unknown; evidence: string; notVerified: unknown };
    const rows = (text: string) => (JSON.parse(text) as Row[]).map(({ id, state, p50LatencyMs, p99LatencyMs, verdicts, evidence, notVerified }) => ({ id, state, p50LatencyMs, p99LatencyMs, verdicts, evidence, notVerified }));
    const now = rows(output('runs.json'));
    expect(now).toEqual(rows(golden('runs.json')));
    expect(now).toHaveLength(7);
    expect(now.map((r) => r.notVerified)).toEqual(Array(7).fill(null));
    expect(now.filter((r) => r.evidence === 'imported').map((r) => r.id).sort()).toEqual([ids.importedTrtexec, ids.importedOrtProfile].sort());
    expect(output('runs.txt').split('\n').filter((l) => /^\d{8}T/.test(l))).toEqual(golden('runs.txt').split('\n').filter((l) => /^\d{8}T/.test(l)));
  });

  it('reports the same percentiles, verdicts and states in JSON and Markdown', () => {
    type Run = { id: string; state: string; latencyMs?: Record<string, number>; verdicts?: { target: string; status: string; observedValue: number }[]; error?: unknown };
    // The JSON report became `{ ledger, runs }` this round (it pins the head it was made from); the
    // previous release wrote the bare array.
    const runsOf = (text: string) => { const parsed = JSON.parse(text) as Run[] | { runs: Run[] }; return Array.isArray(parsed) ? parsed : parsed.runs; };
    const figures = (text: string) => runsOf(text).map((r) => ({ id: r.id, state: r.state, latencyMs: r.latencyMs, verdicts: r.verdicts?.map((v) => [v.target, v.status, v.observedValue]), error: r.error }));
    const now = figures(output('report.json'));
    expect(now).toEqual(figures(golden('report.json')));
    expect(now.map((r) => r.id)).toEqual([ids.baseline, ids.oneThread, ids.pipeline, ids.profiled, ids.importedTrtexec, ids.importedOrtProfile, ids.failed]);
    // The Markdown overview: one row per run with its p50, p99, throughput and target tally.
    const overview = (md: string) => {
      const lines = md.split('\n');
      const start = lines.indexOf('## Overview');
      const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
      return lines.slice(start, end).filter((l) => /^\| (tiny|lopsided|imported)/.test(l));
    };
    expect(overview(golden('report.md'))).toHaveLength(7);
    for (const row of overview(golden('report.md'))) expect(output('report.md')).toContain(row);
  });

  it('compares two of its runs with the same figures and the same test outcome', () => {
    type Comparison = { comparison: { test: unknown; metrics: unknown[] } };
    const now = JSON.parse(output('compare.json')) as Comparison;
    const then = goldenJson<Comparison>('compare.json');
    // Each percentile's delta gained its 95 % interval this round (`ratioInterval`); every figure the
    // previous release computed stays as it was.
    const asThen = (metrics: unknown[]) => (metrics as Array<Record<string, unknown>>).map(({ ratioInterval: _interval, ...rest }) => rest);
    expect(asThen(now.comparison.metrics)).toEqual(then.comparison.metrics);
    expect(now.comparison.test).toEqual(then.comparison.test);
    // The text table gained a column of B/A intervals this round: set it aside, compare the rest.
    const withoutInterval = (l: string) => l.replace(/\s+(×\d[\d.]*–\d[\d.]*|–)(?=\s+(faster|slower|no significant change|not tested))/, '').replace(/\s+/g, ' ');
    const table = (text: string) => text.split('\n').filter((l) => /^(mean|p50|p90|p95|p99|p99\.9|throughput|cold start) /.test(l) || l.startsWith('Mann–Whitney')).map(withoutInterval);
    expect(table(output('compare.txt'))).toEqual(table(golden('compare.txt')));
    expect(table(golden('compare.txt'))).toHaveLength(9);
  });

  it('shows the imported trtexec run still marked as imported, with its statistics', () => {
    const statLines = (text: string) => {
      const lines = text.split('\n');
      const table = lines.findIndex((l) => l.startsWith('latency (ms)'));
      return [...lines.slice(table, table + 2), ...lines.filter((l) => /^(throughput|iterations) /.test(l))];
    };
    const now = output('runs-show-imported-trtexec.txt');
    expect(now).toContain('[imported from trtexec]');
    expect(statLines(golden('runs-show-imported-trtexec.txt')).length).toBeGreaterThan(0);
    expect(statLines(now)).toEqual(statLines(golden('runs-show-imported-trtexec.txt')));
  });

  it('has not a byte of it rewritten, moved or added to: every file keeps its hash, size, mtime and inode', () => {
    expect(outputs.size).toBe(goldenCommands.length);
    expect(Object.keys(before).length).toBeGreaterThan(15);
    expect(fileStates(workspace)).toEqual(before);
  });
});
