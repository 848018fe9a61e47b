import { mkdtemp, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { Workspace } from '../../core/evidence/workspace.js';

describe('Workspace.open', () => {
  it('creates the folders and the git settings that keep records byte-exact, and nothing else', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'edgelab-open-')), 'nested', 'workspace');
    const workspace = await Workspace.open(dir);
    expect(workspace.dir).toBe(dir);
    expect((await readdir(dir)).sort()).toEqual(['.gitattributes', '.gitignore', 'attestations', 'runs']);
    expect((await stat(join(dir, 'runs'))).isDirectory()).toBe(true);
  });

  it('names the directory and what to do when it cannot be written', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'edgelab-open-'));
    const file = join(parent, 'not-a-folder');
    await writeFile(file, 'x');
    const dir = join(file, 'workspace');
    const error = (await Workspace.open(dir).catch((e: unknown) => e)) as LabError;
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toContain(dir);
    expect(error.hint).toContain('--workspace');
  });

  it('removes temp files left by a dead writer only when they are old', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-open-'));
    await Workspace.open(dir);
    const old = join(dir, 'runs', '.20261124T040112Z-3f9a1c.json.999-aaaa.tmp');
    const young = join(dir, 'runs', '.20261124T040112Z-3f9a1d.json.999-bbbb.tmp');
    await writeFile(old, '{');
    await writeFile(young, '{');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await Workspace.open(dir);
    expect(await readdir(join(dir, 'runs'))).toEqual(['.20261124T040112Z-3f9a1d.json.999-bbbb.tmp']);
  });
});
