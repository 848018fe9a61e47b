import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/api/errors.js';
import { withFileLock } from '../../core/evidence/file-lock.js';
import { isProcessAlive } from '../../core/evidence/stale-lock.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { completedRun } from './evidence-records.js';

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(isProcessAlive(pid)).toBe(false);
  return pid;
}

describe('the workspace lock', () => {
  it('takes over a lock left by a process that died', async () => {
    const workspace = await Workspace.open(await mkdtemp(join(tmpdir(), 'edgelab-lock-')));
    const lockPath = join(workspace.dir, 'ledger.lock');
    await writeFile(lockPath, JSON.stringify({ pid: deadPid(), hostname: hostname(), acquiredAt: new Date().toISOString() }));
    await workspace.saveRun(completedRun());
    expect((await workspace.verify()).ok).toBe(true);
    await expect(readFile(lockPath)).rejects.toThrow(/ENOENT/);
  });

  it('takes over a lock older than the stale limit even if its owner looks alive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-lock-'));
    const lockPath = join(dir, 'ledger.lock');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: 'another-host', acquiredAt: '2026-01-01T00:00:00Z' }));
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(lockPath, longAgo, longAgo);
    expect(await withFileLock(lockPath, async () => 'ran', { staleMs: 60_000 })).toBe('ran');
  });

  it('gives up with a LabError naming the holder and the file when a live holder keeps it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-lock-'));
    const lockPath = join(dir, 'ledger.lock');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: hostname(), acquiredAt: new Date().toISOString() }));
    const error = (await withFileLock(lockPath, async () => 'ran', { timeoutMs: 150 }).catch((e: unknown) => e)) as LabError;
    expect(error).toBeInstanceOf(LabError);
    expect(error.message).toContain(`process ${process.pid}`);
    expect(error.message).toContain(lockPath);
    expect(error.hint).toContain(`delete ${lockPath}`);
  });

  it('says who holds the lock while it waits, once, before giving up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-lock-'));
    const lockPath = join(dir, 'ledger.lock');
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, hostname: hostname(), acquiredAt: '2026-11-30T02:00:00.000Z' }));
    const notices: string[] = [];
    await withFileLock(lockPath, async () => 'ran', { timeoutMs: 100, waitNoticeMs: 0, onWait: (who) => notices.push(who) }).catch(() => undefined);
    expect(notices).toEqual([`process ${process.pid} on ${hostname()} since 2026-11-30T02:00:00.000Z`]);
  });

  it('serialises callers in one process without losing any', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-lock-'));
    const lockPath = join(dir, 'ledger.lock');
    let inside = 0;
    let overlapped = false;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withFileLock(lockPath, async () => {
          inside++;
          if (inside > 1) overlapped = true;
          await new Promise((r) => setImmediate(r));
          order.push(i);
          inside--;
        }),
      ),
    );
    expect(overlapped).toBe(false);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
