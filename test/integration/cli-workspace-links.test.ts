import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * A folder inside the workspace that edgelab writes, replaced by a symbolic link (as a repository
 * or another user can leave it): the real `edgelab` process must refuse to write through it, name
 * the link, and leave the link's target as it was.
 */
const listing = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

async function linkedWorkspace(folder: string, into: 'runs' | 'outside'): Promise<{ ws: string; target: string }> {
  const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-linked-'));
  const target = into === 'runs' ? path.join(ws, 'runs') : await mkdtemp(path.join(tmpdir(), 'edgelab-link-target-'));
  await mkdir(target, { recursive: true });
  await symlink(target, path.join(ws, folder));
  return { ws, target };
}

function expectRefusedLink(r: { code: number | null; stderr: string }, link: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toContain(`${link} is a symbolic link`);
  expect(r.stderr).toMatch(/Replace the link with a real folder/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('evidence is never written through a linked folder', () => {
  it('adr new with adr/ a link to runs/ or to a folder outside: exit 2, nothing written there', async () => {
    for (const into of ['runs', 'outside'] as const) {
      const { ws, target } = await linkedWorkspace('adr', into);
      const before = await listing(target);
      const r = await runCli(['adr', 'new', 'Ship the fp16 model', '--workspace', ws]);
      expectRefusedLink(r, path.join(ws, 'adr'));
      expect(await listing(target)).toEqual(before);
    }
  });

  it('bench with runs/ or attestations/ a link: refused when the workspace is opened, before measuring', async () => {
    const model = await modelPath('tiny-classifier');
    for (const folder of ['runs', 'attestations']) {
      const { ws, target } = await linkedWorkspace(folder, 'outside');
      const r = await runCli(['bench', model, '--iterations', '2', '--warmup', '0', '--no-telemetry', '--workspace', ws]);
      expectRefusedLink(r, path.join(ws, folder));
      expect(await listing(target)).toEqual([]);
    }
  });

  it('ladder assess with ladder/ a link: exit 2, no assessment in the target', async () => {
    const { ws, target } = await linkedWorkspace('ladder', 'outside');
    const r = await runCli(['ladder', 'assess', '--yes', '1,3', '--workspace', ws]);
    expectRefusedLink(r, path.join(ws, 'ladder'));
    expect(await listing(target)).toEqual([]);
  });

  it('a linked .cache/ is left alone: runs are listed, the run index is not written through it', async () => {
    const model = await modelPath('tiny-classifier');
    const ws = await mkdtemp(path.join(tmpdir(), 'edgelab-linked-cache-'));
    expect((await runCli(['bench', model, '--iterations', '2', '--warmup', '0', '--no-telemetry', '--workspace', ws])).code).toBe(0);
    const target = await mkdtemp(path.join(tmpdir(), 'edgelab-link-target-'));
    await rm(path.join(ws, '.cache'), { recursive: true, force: true });
    await symlink(target, path.join(ws, '.cache'));
    const r = await runCli(['runs', '--workspace', ws]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tiny-classifier');
    expect(await listing(target)).toEqual([]);
  });
});
