import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * A real ENOSPC: a small tmpfs of its own, mounted for the test file and unmounted after it.
 * Mounting needs root (CAP_SYS_ADMIN); elsewhere `notMounted` says why, for the skipped title.
 */
export function smallTmpfs(size: string, prefix: string): { mountPoint: string; notMounted: string } {
  const mountPoint = mkdtempSync(path.join(os.tmpdir(), prefix));
  let notMounted = '';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (e) {
    notMounted = `cannot mount a small tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}`;
  }
  afterAll(() => {
    if (!notMounted) execFileSync('umount', [mountPoint]);
  });
  return { mountPoint, notMounted };
}

/** Fills the file system to the last byte: the next write of any size fails with ENOSPC. */
export function fillDisk(dir: string): void {
  const fd = openSync(path.join(dir, 'filler'), 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    for (let size = 2048; size >= 1; size /= 2) {
      try {
        for (;;) writeSync(fd, chunk, 0, size);
      } catch {
        // this size no longer fits; try a smaller one
      }
    }
  } finally {
    closeSync(fd);
  }
}
