import { mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from './evidence-records.js';

describe('reading a record that fails validation', () => {
  it('throws a LabError naming the file and the field path, and leaves the file as it is', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-invalid-')));
    const { id, path } = await workspace.saveRun(completedRun());
    const damaged = (await readFile(path, 'utf8')).replace('"executionProviders": [\n', '"executionProviders": [\n        "abacus",\n');
    await writeFile(path, damaged);
    const before = await stat(path);

    const error = (await workspace.getRun(id).catch((e: unknown) => e)) as LabError;
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('field spec.session.executionProviders[0]');
    expect(error.hint).toContain('edgelab runs verify');

    expect(await readFile(path, 'utf8')).toBe(damaged);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(join(workspace.dir, 'runs'))).toEqual([`${id}.json`]);
  });

  it('says so when the file is not JSON, or comes from a newer edgelab', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-invalid-')));
    const { id, path } = await workspace.saveRun(completedRun());
    await writeFile(path, '{"schemaVersion": 1, "id": ');
    await expect(workspace.getRun(id)).rejects.toThrow(/is not valid JSON/);
    await writeFile(path, JSON.stringify({ ...completedRun({ id }), schemaVersion: 7 }));
    await expect(workspace.getRun(id)).rejects.toThrow(/schemaVersion 7; this edgelab reads up to version 1/);
  });

  it('rejects a record whose id does not match its file name', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-invalid-')));
    const { id, path } = await workspace.saveRun(completedRun());
    await writeFile(path, JSON.stringify({ ...completedRun(), id: '20200101T000000Z-000000' }));
    await expect(workspace.getRun(id)).rejects.toThrow(/field id: is "20200101T000000Z-000000"/);
  });
});
