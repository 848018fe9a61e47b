import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LabError } from '../../api/errors.js';
import { syncDirectory, writeSyncedTempFile } from '../../evidence/atomic-file.js';
import { describeFileType, fileIdentity, NotRegularFileError, readRegularFileNoFollow } from '../../evidence/no-follow-file.js';
import type { WorkspaceGuard } from './workspace-guard.js';

export type RemoveOutcome = 'removed' | 'changed' | 'gone';

/**
 * A folder an export writes into, addressed by "/"-separated relative paths. Nothing here follows a
 * symlink: every folder on the way to a file must be a real folder, the file a regular file, and
 * none of them part of the evidence workspace. A link a repository or a pull request carries (say
 * `metrics -> ../evidence/runs`) therefore refuses the export instead of leading it out of the folder.
 */
export class ExportFolder {
  constructor(readonly root: string, private readonly guard: WorkspaceGuard) {}

  path(rel: string): string {
    return join(this.root, ...rel.split('/'));
  }

  /** Checks every step to `rel`; the file's lstat, or null when it (or a folder above it) is not there yet. */
  async inspect(rel: string): Promise<BigIntStats | null> {
    const names = rel.split('/');
    let current = this.root;
    let st: BigIntStats | null = null;
    for (const [i, name] of names.entries()) {
      current = join(current, name);
      st = await lstat(current, { bigint: true }).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw this.cannot(current, e, 'read');
      });
      if (!st) return null;
      const last = i === names.length - 1;
      if (st.isSymbolicLink() || (last ? !st.isFile() : !st.isDirectory())) throw this.notOurs(current, describeFileType(st), last);
      this.guard.check(current, st);
    }
    return st;
  }

  /** The bytes of `rel`, or null; read without blocking and without following a link. */
  async read(rel: string, maxBytes = 16 * 1024 * 1024): Promise<Buffer | null> {
    return (await this.readChecked(rel, maxBytes))?.bytes ?? null;
  }

  private async readChecked(rel: string, maxBytes: number): Promise<{ bytes: Buffer; identity: string } | null> {
    const checked = await this.inspect(rel);
    if (!checked) return null;
    try {
      const read = await readRegularFileNoFollow(this.path(rel), maxBytes);
      if (read && fileIdentity(read.stat) !== fileIdentity(checked)) throw this.changed(rel);
      return read ? { bytes: read.bytes, identity: fileIdentity(read.stat) } : null;
    } catch (e) {
      if (e instanceof NotRegularFileError) throw this.notOurs(e.path, e.what, true);
      throw e instanceof LabError ? e : this.cannot(this.path(rel), e, 'read');
    }
  }

  /** Writes `rel` unless it already holds these bytes: a temp file beside it, renamed into place. */
  async write(rel: string, bytes: Buffer): Promise<void> {
    const existing = await this.inspect(rel);
    // Only a file of the same size can hold the same bytes; only then is it read.
    if (existing && existing.size === BigInt(bytes.length) && (await this.read(rel, bytes.length))?.equals(bytes)) return;
    const names = rel.split('/');
    let current = this.root;
    for (const name of names.slice(0, -1)) {
      current = join(current, name);
      await mkdir(current).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw this.cannot(current, e);
      });
      // Each step is looked at before the next mkdir goes through it: a link made meanwhile stops here.
      const st = await lstat(current, { bigint: true });
      if (!st.isDirectory()) throw this.notOurs(current, describeFileType(st), false);
      this.guard.check(current, st);
    }
    // mkdir raced by a link, or a file swapped in while we read: look again before the rename.
    const before = await this.inspect(rel);
    const target = this.path(rel);
    let temp: string;
    try {
      temp = await writeSyncedTempFile(dirname(target), names[names.length - 1] as string, bytes);
    } catch (e) {
      throw this.cannot(target, e);
    }
    try {
      const now = await this.inspect(rel);
      if ((now === null) !== (before === null) || (now && before && fileIdentity(now) !== fileIdentity(before))) throw this.changed(rel);
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e instanceof LabError ? e : this.cannot(target, e);
    }
    await syncDirectory(dirname(target)).catch(() => undefined);
  }

  /** Removes `rel` only when it still holds exactly the bytes whose SHA-256 is given. */
  async removeIfUnchanged(rel: string, sha256: string): Promise<RemoveOutcome> {
    const read = await this.readChecked(rel, Number.MAX_SAFE_INTEGER);
    if (!read) return 'gone';
    if (createHash('sha256').update(read.bytes).digest('hex') !== sha256) return 'changed';
    const now = await this.inspect(rel);
    if (!now) return 'gone';
    if (fileIdentity(now) !== read.identity) throw this.changed(rel);
    await unlink(this.path(rel)).catch((e: unknown) => {
      throw this.cannot(this.path(rel), e, 'remove');
    });
    return 'removed';
  }

  /**
   * Regular files under `rel` (a folder), relative to the root; links and special files are skipped,
   * never followed, and so is the workspace when it sits here: its records are nobody's left-overs.
   */
  async listFiles(rel: string): Promise<string[]> {
    const st = await lstat(this.path(rel), { bigint: true }).catch(() => null);
    if (!st?.isDirectory() || this.guard.contains(this.path(rel), st)) return [];
    const out: string[] = [];
    for (const entry of await readdir(this.path(rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) out.push(...(await this.listFiles(child)));
      else if (entry.isFile() && !this.guard.contains(this.path(child), await lstat(this.path(child), { bigint: true }).catch(() => null))) out.push(child);
    }
    return out;
  }

  private notOurs(path: string, what: string, file: boolean): LabError {
    return new LabError('usage', `export dvc: ${path} is ${what}, where the export ${file ? 'keeps a regular file' : 'needs a real folder'}; edgelab never follows links or opens special files in an export folder.`,
      'Remove it (or export into another folder) and export again. Nothing was written or removed.');
  }

  private changed(rel: string): LabError {
    return new LabError('input', `export dvc: ${this.path(rel)} changed while edgelab was writing it.`, 'Export again once nothing else writes into the folder.');
  }

  private cannot(path: string, e: unknown, verb: 'read' | 'write' | 'remove' = 'write'): LabError {
    return new LabError('input', `Cannot ${verb} ${path}: ${(e as Error).message}`, 'Check the folder\'s permissions and free disk space. The workspace is unchanged.', { cause: e });
  }
}
