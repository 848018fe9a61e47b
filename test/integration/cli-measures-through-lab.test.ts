import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompletedRun, RunRecord } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The measuring commands as LabApi clients: the real `edgelab` process runs each through the lab
 * (openLab, the in-process runner), and what the lab saves, hands back in its events or leaves
 * alone is what the command prints.
 */
const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-through-lab-')), 'ws');
const recordsIn = (workspace: string) => (existsSync(path.join(workspace, 'runs')) ? readdirSync(path.join(workspace, 'runs')).filter((f) => f.endsWith('.json')) : []);

describe('edgelab bench, profile, demo and sweep through the lab', () => {
  it('profile keeps its trace beside the record the lab saved and prints where', async () => {
    const workspace = fresh();
    const r = await runCli(['profile', await modelPath('tiny-classifier'), '--iterations', '10', '--warmup', '1', '--no-telemetry', '--workspace', workspace]);
    expect(r.code, r.stderr).toBe(0);
    const id = /Recorded as (\S+) in /.exec(r.stdout)?.[1];
    const trace = /Profile trace \(opens in Perfetto\): (\S+)/.exec(r.stdout)?.[1];
    expect(path.dirname(trace!)).toBe(path.join(workspace, 'runs', id!));
    expect(existsSync(trace!)).toBe(true);
    const verify = await runCli(['runs', 'verify', '--workspace', workspace]);
    expect(verify.code, verify.stdout).toBe(0);
  });

  it('--no-save measures, prints the trace left outside any workspace, and records nothing', async () => {
    const workspace = fresh();
    const r = await runCli(['profile', await modelPath('tiny-classifier'), '--iterations', '10', '--warmup', '1', '--no-telemetry', '--no-save', '--workspace', workspace]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Not recorded (--no-save).');
    const trace = /Profile trace \(opens in Perfetto\): (\S+)/.exec(r.stdout)?.[1];
    expect(existsSync(trace!)).toBe(true);
    expect(trace!.startsWith(workspace)).toBe(false);
    expect(recordsIn(workspace)).toEqual([]);
  });

  it('--json prints the record the lab saved, as `runs show --json` reads it back', async () => {
    const workspace = fresh();
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--warmup', '1', '--no-telemetry', '--tag', 'lab-json', '--json', '--workspace', workspace]);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout) as CompletedRun;
    const shown = await runCli(['runs', 'show', printed.id, '--json', '--workspace', workspace]);
    expect(JSON.parse(shown.stdout) as RunRecord).toEqual(printed);
    expect(printed.spec.tags).toEqual(['lab-json']);
  });

  it('demo runs the spec the lab gives for it and records it', async () => {
    const workspace = fresh();
    const r = await runCli(['demo', '--json', '--workspace', workspace], { timeoutMs: 120_000 });
    expect(r.code === 0 || r.code === 1 || r.code === 4, r.stderr).toBe(true); // the verdict on realtime-30 depends on this machine
    expect(r.stderr).toMatch(/^Demo: benchmarking .*mobilenet-style\.onnx \(batch 1, CPU\) against realtime-30\./m);
    const record = JSON.parse(r.stdout) as CompletedRun;
    expect(record).toMatchObject({ state: 'completed', spec: { label: 'demo', targets: ['realtime-30'], inputs: { dims: { batch: 1 } } } });
    expect(recordsIn(workspace)).toEqual([`${record.id}.json`]);
  });

  it('sweep --no-save prints each point\'s run from the lab\'s events and records none', async () => {
    const workspace = fresh();
    const r = await runCli(['sweep', await modelPath('tiny-classifier'), '--threads', '1,2', '--iterations', '5', '--warmup', '1', '--no-telemetry', '--no-save', '--json', '--workspace', workspace]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('run 1/2: threads=1\nrun 2/2: threads=2\n');
    const out = JSON.parse(r.stdout) as { best: string; records: CompletedRun[] };
    expect(out.records.map((rec) => rec.spec.session.intraOpNumThreads)).toEqual([1, 2]);
    expect(out.records.map((rec) => rec.id)).toContain(out.best);
    expect(recordsIn(workspace)).toEqual([]);
  });

  it('hw --json is the machine alone, without the rows the lab adds for the app', async () => {
    const r = await runCli(['hw', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(info).not.toHaveProperty('summaryRows');
    expect(typeof info['fingerprint']).toBe('string');
  });
});
