import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { cancelledRun, completedRun, failedRun } from './evidence-records.js';

describe('Workspace.listRuns', () => {
  let workspace: Workspace;
  const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
  const ids: string[] = [];
  beforeAll(async () => {
    workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-list-')));
    const inputs = [
      completedRun({ startedAt: day(1), tags: ['nightly'], modelFile: 'resnet50.onnx', modelSha256: 'b'.repeat(64) }),
      failedRun({ startedAt: day(3), tags: ['nightly', 'jetson'] }),
      cancelledRun({ startedAt: day(2) }),
      completedRun({ startedAt: day(5), tags: ['jetson'] }),
    ];
    for (const input of inputs) ids.push((await workspace.saveRun(input)).id);
    // Ignored by every reader: a temp file of a write in progress and an artifact folder.
    await writeFile(join(workspace.dir, 'runs', `.${ids[0]}.json.123-abcd.tmp`), '{"half":');
    await workspace.ensureArtifactDir(ids[0] as string);
  });

  it('returns summaries newest first', async () => {
    const runs = await workspace.listRuns();
    expect(runs.map((r) => r.id)).toEqual([ids[3], ids[1], ids[2], ids[0]]);
    const first = runs[0];
    expect(first).toMatchObject({ state: 'completed', executionProvider: 'cpu', p99LatencyMs: 4.99, sampleCount: 50 });
    expect(first?.verdicts).toEqual({ pass: 1, fail: 0, inconclusive: 0 });
    expect(runs[1]).toMatchObject({ state: 'failed', error: 'cuda is not available here', p99LatencyMs: null });
  });

  it('filters by model, tag, state and time', async () => {
    const idsOf = async (filter: Parameters<Workspace['listRuns']>[0]) => (await workspace.listRuns(filter)).map((r) => r.id);
    expect(await idsOf({ modelSha256: 'bbbb' })).toEqual([ids[0]]);
    expect(await idsOf({ modelName: 'resnet50' })).toEqual([ids[0]]);
    expect(await idsOf({ modelName: 'MobileNet.onnx' })).toEqual([ids[3], ids[1], ids[2]]);
    expect(await idsOf({ tag: 'nightly' })).toEqual([ids[1], ids[0]]);
    expect(await idsOf({ tag: ['nightly', 'jetson'] })).toEqual([ids[1]]);
    expect(await idsOf({ state: ['failed', 'cancelled'] })).toEqual([ids[1], ids[2]]);
    expect(await idsOf({ since: '2026-11-02T00:00:00Z' })).toEqual([ids[3], ids[1], ids[2]]);
    expect(await idsOf({ since: day(2), until: day(5) })).toEqual([ids[1], ids[2]]);
    expect(await idsOf({ limit: 1 })).toEqual([ids[3]]);
  });

  it('rejects a since that is not a date', async () => {
    await expect(workspace.listRuns({ since: 'last tuesday' })).rejects.toThrow(LabError);
  });

  it('caches summaries but notices a record that changed on disk', async () => {
    await workspace.listRuns();
    const index = JSON.parse(await readFile(join(workspace.dir, '.cache', 'run-index.json'), 'utf8'));
    expect(Object.keys(index.files)).toHaveLength(4);

    const file = join(workspace.dir, 'runs', `${ids[0]}.json`);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('"state": "completed"', '"state": "exploded"'));
    try {
      const runs = await workspace.listRuns();
      expect(runs.map((r) => r.id)).not.toContain(ids[0]);
      const unreadable = await workspace.unreadableRuns();
      expect(unreadable).toHaveLength(1);
      expect(unreadable[0]?.file).toBe(`runs/${ids[0]}.json`);
      expect(unreadable[0]?.message).toContain('state');
    } finally {
      await writeFile(file, original);
    }
    expect((await workspace.listRuns()).map((r) => r.id)).toContain(ids[0]);
  });
});
