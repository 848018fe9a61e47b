import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { RunRecordSchema } from '../../core/api/run-record.js';
import { sha256Hex } from '../../core/evidence/record-file.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { cancelledRun, completedRun, failedRun } from './evidence-records.js';

describe('Workspace.saveRun', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-save-')));
  });

  it('writes each state as runs/<id>.json, reads it back equal, and records its exact bytes in the ledger', async () => {
    for (const input of [completedRun(), failedRun(), cancelledRun()]) {
      const saved = await workspace.saveRun(input);
      expect(saved.path).toBe(join(workspace.dir, 'runs', `${saved.id}.json`));
      const bytes = await readFile(saved.path);
      expect(saved.entry.sha256).toBe(sha256Hex(bytes));
      expect(saved.entry.file).toBe(`runs/${saved.id}.json`);
      expect(await workspace.getRun(saved.id)).toEqual(RunRecordSchema.parse(input));
    }
    const lines = (await readFile(join(workspace.dir, 'ledger.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
    expect((await workspace.verify()).ok).toBe(true);
  });

  it('keeps the samples array on one line so a record stays reviewable', async () => {
    const saved = await workspace.saveRun(completedRun({ sampleCount: 1000 }));
    const text = await readFile(saved.path, 'utf8');
    const samplesLine = text.split('\n').find((line) => line.includes('"samplesMs"')) ?? '';
    expect(samplesLine.split(', ').length).toBe(1000);
    expect(samplesLine).toMatch(/"samplesMs": \[4, 4\.19, /);
    expect(text).toContain('"shape": [1, 3, 224, 224]');
  });

  it('refuses to overwrite an existing id and leaves the first record as it was', async () => {
    const first = completedRun();
    const saved = await workspace.saveRun(first);
    const before = await readFile(saved.path);
    const again = { ...failedRun(), id: saved.id };
    const error = await workspace.saveRun(again).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain(saved.id);
    expect((error as LabError).message).toContain('never overwritten');
    expect(await readFile(saved.path)).toEqual(before);
    expect((await workspace.verify()).ok).toBe(true);
    expect((await readdir(join(workspace.dir, 'runs'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects an invalid record before writing anything, naming the field', async () => {
    const bad = { ...completedRun(), latencyMs: { ...completedRun().latencyMs, p99: 'fast' } };
    const error = await workspace.saveRun(bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain('latencyMs.p99');
    expect(await readdir(join(workspace.dir, 'runs'))).toEqual([]);
  });

  it('rejects an id that could escape the runs folder', async () => {
    const error = await workspace.saveRun({ ...completedRun(), id: '../escape' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toContain('../escape');
  });
});
