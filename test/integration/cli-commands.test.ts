import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../core/cli/commands/index.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

describe('edgelab commands', () => {
  it('inspect --json reports the model as ModelInfo', async () => {
    const r = await runCli(['inspect', await modelPath('mobilenet-style'), '--json']);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.inputs[0]).toEqual({ name: 'input', dtype: 'float32', shape: ['batch', 3, 224, 224] });
    expect(info.symbolicDims).toEqual(['batch']);
    expect(info.opsets['']).toBe(17);
    expect(info.opHistogram[0].opType).toBe('Conv');
    expect(info.parameterCount).toBeGreaterThan(100_000);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('providers --json: the CPU starts here, CUDA does not, with a reason', async () => {
    const r = await runCli(['providers', '--json']);
    expect(r.code).toBe(0);
    const byName = Object.fromEntries(JSON.parse(r.stdout).map((p: { name: string }) => [p.name, p]));
    expect(byName.cpu).toMatchObject({ inBuild: true, starts: true });
    expect(byName.cuda).toMatchObject({ inBuild: true, starts: false });
    expect(byName.cuda.reason).toBeTruthy();
    expect(byName.dml).toMatchObject({ inBuild: false, starts: false });
  });

  it('hw --json gives a fingerprint, a device class and the ONNX Runtime version', async () => {
    const r = await runCli(['hw', '--json']);
    expect(r.code).toBe(0);
    const hw = JSON.parse(r.stdout);
    expect(hw.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(['jetson', 'arm-board', 'laptop', 'desktop', 'server', 'unknown']).toContain(hw.deviceClass);
    expect(hw.onnxruntime.version).toBe('1.30.0');
  });

  it('exits 4 when a target is inconclusive (too few samples to bound p99)', async () => {
    const r = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '30', '--warmup', '2', '--target', 'p99<=10s', '--json']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).verdicts[0].status).toBe('inconclusive');
  });

  it('profile keeps the Chrome trace beside the record and ranks the dominant op first', async () => {
    const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-profile-'));
    const r = await runCli(['profile', await modelPath('lopsided'), '--iterations', '20', '--warmup', '2', '--json', '--workspace', ws]);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record.spec.profile).toBe(true);
    expect(record.extras.profile.topNodes[0].name).toBe('heavy/matmul');
    const trace = path.join(ws, 'runs', record.id, record.extras.profile.traceFile);
    await access(trace);
    expect(record.extras.profile.traceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await runCli(['runs', 'verify', '--workspace', ws])).code).toBe(0);
    // The trace is outside the ledger, but its hash is in the ledgered record: an edit shows.
    await writeFile(trace, '[]');
    const verify = await runCli(['runs', 'verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`edited: runs/${record.id}/${record.extras.profile.traceFile}`);
  });

  it('every command answers --help with exit 0, and no command is a usage error', async () => {
    for (const name of Object.keys(commands)) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout, name).toMatch(/Usage: edgelab/);
    }
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/Exit codes/);
  });
});
