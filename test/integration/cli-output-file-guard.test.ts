import { execFileSync } from 'node:child_process';
import { copyFile, link, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { writeOutput } from '../../core/cli/output-file.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { readTestDataSet, writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { ort } from '../../core/runtime/ort.js';
import { modelPath } from '../helpers/models.js';
import { completedRun } from '../unit/evidence-records.js';

const cli = (env: NodeJS.ProcessEnv, ...argv: string[]) => runMain(argv, env);

async function workspaceWithRun(): Promise<{ dir: string; id: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-ws-'));
  const id = (await (await Workspace.open(dir)).saveRun(completedRun())).id;
  return { dir, id, env: { EDGELAB_WORKSPACE: dir } };
}

describe('every requested output file goes through one writer that destroys nothing', () => {
  it("refuses the workspace's ledger, records and attestations, directly or through a symlink, and leaves them as they were", async () => {
    const { dir, id, env } = await workspaceWithRun();
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-'));
    const alias = path.join(elsewhere, 'report.md');
    await symlink(path.join(dir, 'ledger.jsonl'), alias);
    const ledgerBefore = await readFile(path.join(dir, 'ledger.jsonl'));
    const recordBefore = await readFile(path.join(dir, 'runs', `${id}.json`));
    for (const [argv, target] of [
      [['report', id, '--out', path.join(dir, 'ledger.jsonl')], 'ledger'],
      [['report', id, '--out', path.join(dir, 'runs', `${id}.json`)], 'record'],
      [['report', id, '--out', path.join(dir, 'attestations', 'new.json')], 'attestations'],
      [['report', id, '--out', alias], 'symlink'],
      [['ladder', 'export', '--out', path.join(dir, 'ledger.jsonl')], 'ladder export'],
    ] as const) {
      const r = await cli(env, ...argv);
      expect(r.code, `${target}: ${r.err}`).toBe(2);
      expect(r.err).toContain('part of the evidence workspace');
    }
    expect(await readFile(path.join(dir, 'ledger.jsonl'))).toEqual(ledgerBefore);
    expect(await readFile(path.join(dir, 'runs', `${id}.json`))).toEqual(recordBefore);
    expect((await cli(env, 'runs', 'verify')).code).toBe(0);
  });

  it('refuses the model being run (by name or by a hard link) before measuring', async () => {
    const { env } = await workspaceWithRun();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-model-'));
    const model = path.join(dir, 'tiny.onnx');
    await copyFile(await modelPath('tiny-classifier'), model);
    const hardLink = path.join(dir, 'record.json');
    await link(model, hardLink);
    const before = await readFile(model);
    for (const out of [model, hardLink]) {
      const r = await cli(env, 'bench', model, '--iterations', '3', '--warmup', '1', '--out', out);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toContain(`an input of this command (${model})`);
      expect(r.out).not.toContain('Recorded as');
    }
    expect(await readFile(model)).toEqual(before);
  });

  it('refuses a FIFO at once instead of hanging on it (checked before measuring and again at the write)', async () => {
    const { id, env } = await workspaceWithRun();
    const fifo = path.join(await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-fifo-')), 'report.md');
    execFileSync('mkfifo', [fifo]);
    const r = await cli(env, 'report', id, '--out', fifo);
    expect(r.code).toBe(2);
    expect(r.err).toContain('that is a named pipe (FIFO)');
    await expect(writeOutput('--out', fifo, 'text')).rejects.toThrow(/named pipe \(FIFO\)/);
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });

  it('--save-expected keeps existing expected outputs unless --force is given', async () => {
    const model = await modelPath('tiny-classifier');
    const root = await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-expected-'));
    const set = path.join(root, 'test_data_set_0');
    await writeTestDataSet(set, [{ name: 'input', tensor: new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.sin(i)), [1, 3, 32, 32]) }]);
    const env = { EDGELAB_WORKSPACE: await mkdtemp(path.join(os.tmpdir(), 'edgelab-out-ws-')) };
    expect((await cli(env, 'eval', model, '--test-data', root, '--save-expected')).code).toBe(0);
    const reference = await readFile(path.join(set, 'output_0.pb'));
    await writeFile(path.join(set, 'output_0.pb'), reference); // the reference a team relies on
    const again = await cli(env, 'eval', model, '--test-data', root, '--save-expected');
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${set} already holds expected outputs (output_0.pb …); nothing was written.`);
    expect(again.err).toContain('Add --force');
    expect((await cli(env, 'eval', model, '--test-data', root, '--save-expected', '--force')).code).toBe(0);
    expect((await readTestDataSet(set)).outputs).toHaveLength(1);
  });
});
