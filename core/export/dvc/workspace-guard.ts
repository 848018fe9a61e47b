import type { BigIntStats } from 'node:fs';
import { lstat, realpath } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { LabError } from '../../api/errors.js';
import { fileIdentity } from '../../evidence/no-follow-file.js';
import { workspaceFileIds } from '../../evidence/workspace-file-ids.js';

/**
 * What an export may never write, replace or delete: the evidence workspace. It may sit inside the
 * export folder (`perf/evidence` in `perf/`, as the README lays a model repo out), so the folder as a
 * whole is not refused; every file and folder the export touches is checked instead, by real path
 * and by device and inode (a hard link, a symlinked or bind-mounted folder has a path of its own).
 */
export class WorkspaceGuard {
  private constructor(readonly dir: string, readonly real: string, private readonly ids: ReadonlyMap<string, string>) {}

  static async of(dir: string): Promise<WorkspaceGuard> {
    const real = await realpath(dir).catch(() => resolve(dir));
    return new WorkspaceGuard(dir, real, await workspaceFileIds(real));
  }

  /** Throws when `path` (a real path) or the file with stat `st` belongs to the workspace. */
  check(path: string, st: BigIntStats | null): void {
    const twin = st ? this.ids.get(fileIdentity(st)) : undefined;
    if (this.holds(path) || twin !== undefined) {
      const via = twin !== undefined && !this.holds(path)
        ? ` (the same ${st?.isDirectory() ? 'folder' : 'file'} as ${twin ? `${twin} there` : 'the workspace folder'}, through a hard link or a mount)` : '';
      throw new LabError('usage', `export dvc: ${path} is part of the evidence workspace ${this.dir}${via}; an export never writes, replaces or removes evidence.`,
        'Export into a folder of its own in your model repository (e.g. `edgelab export dvc perf/`), with no links into the workspace. Nothing was written.');
    }
  }

  /**
   * Refuses an export folder inside the workspace (files there would sit beside records and ledger),
   * looking at every folder above it by identity too, so a bind mount of the workspace is caught.
   */
  async checkRoot(dir: string, root: string): Promise<void> {
    for (let current = root; ; current = dirname(current)) {
      const st = await lstat(current, { bigint: true }).catch(() => null);
      const twin = st ? this.ids.get(fileIdentity(st)) : undefined;
      if (this.holds(current) || twin !== undefined) {
        throw new LabError('usage', `export dvc ${dir}: that folder ${root === this.real ? 'is' : 'is inside'} the evidence workspace (${this.dir}).`,
          'Export into a folder outside the workspace: the workspace may sit inside the export folder (perf/evidence in perf/), not the other way round. Nothing was written.');
      }
      if (dirname(current) === current) return;
    }
  }

  /** Whether `path` (a real path) or the file with stat `st` belongs to the workspace. */
  contains(path: string, st: BigIntStats | null): boolean {
    return this.holds(path) || (st !== null && this.ids.has(fileIdentity(st)));
  }

  private holds(path: string): boolean {
    return path === this.real || path.startsWith(this.real + sep);
  }
}
