import { closestIds } from '../../core/evidence/id-prefix.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from './evidence-records.js';

describe('Workspace.getRun by id or prefix', () => {
  let workspace: Workspace;
  const ids = ['20261124T040112Z-3f9a1c', '20261124T040112Z-3f0000', '20261125T100000Z-abcdef'];
  beforeAll(async () => {
    workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-get-')));
    for (const id of ids) await workspace.saveRun(completedRun({ id }));
  });

  it('accepts the whole id, a unique prefix, or the file name', async () => {
    expect((await workspace.getRun('20261124T040112Z-3f9a1c')).id).toBe(ids[0]);
    expect((await workspace.getRun('20261125')).id).toBe(ids[2]);
    expect((await workspace.getRun('runs/20261124T040112Z-3f9a1c.json')).id).toBe(ids[0]);
  });

  it('lists the matches of an ambiguous prefix', async () => {
    const error = (await workspace.getRun('20261124T040112Z-3f').catch((e: unknown) => e)) as LabError;
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toContain('matches 2 runs');
    expect(error.message).toContain(ids[0]);
    expect(error.message).toContain(ids[1]);
  });

  it('names the closest ids and how to list them for an unknown id', async () => {
    const error = (await workspace.getRun('20261125T100000Z-abcdee').catch((e: unknown) => e)) as LabError;
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toMatch(/Closest: 20261125T100000Z-abcdef/);
    expect(error.message).toContain(workspace.dir);
    expect(error.hint).toContain('edgelab runs');
  });

  it('offers only ids that are close, and says so when none is', async () => {
    const far = (await workspace.getRun('latest-mobilenet').catch((e: unknown) => e)) as LabError;
    expect(far.message).not.toContain('Closest:');
    expect(far.message).toContain('No run id there is close to it.');
    expect(closestIds(['20261124T040112Z-3f9a1c', '20261125T100000Z-abcdef', '20261201T080000Z-000000'], '20261124T040112Z-3f9a1d', 3)).toEqual(['20261124T040112Z-3f9a1c']);
  });

  it('says so when the workspace has no runs at all', async () => {
    const empty = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-get-empty-')));
    const error = (await empty.getRun('2026').catch((e: unknown) => e)) as LabError;
    expect(error.message).toContain('has no runs yet');
  });
});
