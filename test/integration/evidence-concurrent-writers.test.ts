import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { spawnWriter } from './evidence-spawn-writer.js';

describe('two processes recording into one workspace at once', () => {
  it('land every record of both and leave one valid ledger chain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-concurrent-'));
    await Workspace.open(dir);
    const perWriter = 20;
    // Both start recording at the same instant, after their (uneven) start-up: once both are ready.
    const go = join(dir, '..', `${basename(dir)}.go`);
    const writers = [spawnWriter(dir, perWriter, 2000, go), spawnWriter(dir, perWriter, 2000, go)];
    await Promise.all(writers.map((w) => w.ready));
    await writeFile(go, '');
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const [i, exit] of exits.entries()) expect(exit, writers[i]?.stderr()).toEqual({ code: 0, signal: null });

    const workspace = await Workspace.open(dir);
    const report = await workspace.verify();
    expect(report).toMatchObject({ ok: true, ledgerEntries: 2 * perWriter, recordsOnDisk: 2 * perWriter });

    const ledger = (await readFile(join(dir, 'ledger.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(ledger.map((e) => e.seq)).toEqual(Array.from({ length: 2 * perWriter }, (_, i) => i + 1));
    // The writers really contended: their entries interleave in the ledger.
    const first = new Set(writers[0]?.saved);
    const owners = ledger.map((e) => (first.has(e.id) ? 'A' : 'B')).join('');
    expect(owners.match(/AB|BA/g)?.length ?? 0, owners).toBeGreaterThanOrEqual(2);
    const listed = new Set((await workspace.listRuns()).map((r) => r.id));
    for (const w of writers) {
      expect(w.saved).toHaveLength(perWriter);
      for (const id of w.saved) expect(listed.has(id)).toBe(true);
    }
  });
});
