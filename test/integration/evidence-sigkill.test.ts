import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from '../unit/evidence-records.js';
import { spawnWriter } from './evidence-spawn-writer.js';

describe('a writer killed with SIGKILL while recording', () => {
  it('leaves a valid workspace: at most its last record unrecorded, everything it reported saved listed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-sigkill-'));
    const reported: string[] = [];
    // Several rounds on one workspace, killed at different moments: mid-write of a large record,
    // mid-ledger, holding the lock; each next writer must cope with what the last one left.
    for (const [round, killAfterMs] of [0, 3, 7, 12].entries()) {
      const writer = spawnWriter(dir, 'forever', 20_000);
      await writer.savedAtLeast(2 + round);
      await sleep(killAfterMs);
      writer.child.kill('SIGKILL');
      const exit = await writer.exited;
      expect(exit.signal, writer.stderr()).toBe('SIGKILL');
      reported.push(...writer.saved);

      const workspace = await Workspace.open(dir);
      const report = await workspace.verify();
      expect(report.edited).toEqual([]);
      expect(report.missing).toEqual([]);
      expect(report.invalid).toEqual([]);
      expect(report.brokenChain).toEqual([]);
      // At most one unrecorded record per kill: written, then killed before its ledger line.
      expect(report.unrecorded.length).toBeLessThanOrEqual(round + 1);
      const listed = new Set((await workspace.listRuns()).map((r) => r.id));
      for (const id of reported) expect(listed.has(id)).toBe(true);
    }

    const workspace = await Workspace.open(dir);
    await workspace.saveRun(completedRun());
    await workspace.recordUnrecorded();
    const final = await workspace.verify();
    expect(final.ok).toBe(true);
    expect(final.ledgerEntries).toBeGreaterThanOrEqual(reported.length + 1);
    const runs = await workspace.listRuns();
    expect(runs.length).toBe(final.recordsOnDisk);
    await expect(workspace.getRun(runs[runs.length - 1]?.id ?? '')).resolves.toMatchObject({ schemaVersion: 1 });
  });
});
