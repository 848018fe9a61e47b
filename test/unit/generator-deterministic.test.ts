import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogNames } from '../../models/catalog.js';
import { generateAll } from '../../models/generate.js';

// Generated files are evidence inputs: the same generator must give the same bytes every time,
// so a model's SHA-256 in a run record stays comparable across machines and runs.

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function hashes(paths: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, path] of Object.entries(paths)) {
    out[name] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return out;
}

describe('generateAll', () => {
  it('writes every catalog model with the same SHA-256 twice', async () => {
    const a = await mkdtemp(join(tmpdir(), 'edgelab-models-a-'));
    const b = await mkdtemp(join(tmpdir(), 'edgelab-models-b-'));
    dirs.push(a, b);
    const first = await hashes(await generateAll(a));
    const second = await hashes(await generateAll(b));
    expect(Object.keys(first).sort()).toEqual([...catalogNames].sort());
    expect(second).toEqual(first);
  });
});
