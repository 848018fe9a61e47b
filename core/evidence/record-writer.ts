import { readFile, rename, rm } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import { pathExists, syncDirectory, writeSyncedTempFile } from './atomic-file.js';
import { assertSafeId } from './evidence-id.js';
import { withFileLock } from './file-lock.js';
import type { FileLockOptions } from './file-lock.js';
import { wroteHead } from './head-anchor.js';
import type { EvidenceKind, WorkspaceLayout } from './layout.js';
import { appendLedgerEntry, readLedger } from './ledger.js';
import type { LedgerEntry } from './ledger.js';
import { writeLedgerHead } from './ledger-head.js';
import type { MachineState } from './machine-state.js';
import { sha256Hex } from './record-file.js';
import { writeError } from './save-checks.js';

export interface SavedRecord {
  id: string;
  /** Absolute path of the record file. */
  path: string;
  /** Its ledger line. */
  entry: LedgerEntry;
}

/**
 * How a record is written: record first (temp file, fsync, rename), then its ledger line and
 * ledger.head, all under the workspace lock; this machine notes the write before the rename and
 * remembers the new head after it (machine-state.ts).
 */
export class RecordWriter {
  constructor(
    private readonly layout: WorkspaceLayout,
    private readonly machine: MachineState,
    private readonly lockOptions: FileLockOptions,
  ) {}

  async saveRecord(kind: EvidenceKind, id: string, bytes: Buffer): Promise<SavedRecord> {
    assertSafeId(id, kind);
    const folder = this.layout.folderOf(kind);
    const path = this.layout.recordPath(kind, id);
    // The slow part (writing and syncing maybe megabytes of samples) happens outside the lock.
    const tempPath = await writeSyncedTempFile(folder, `${id}.json`, bytes).catch((e: unknown) => {
      throw writeError(path, e);
    });
    // Noted outside the workspace before the rename (and outside the lock, which other writers wait
    // on): a crash after the rename leaves a record --accept-unrecorded can tell from one made by hand.
    await this.machine.noteIntent({ file: this.layout.relativeFile(kind, id), sha256: sha256Hex(bytes), at: new Date().toISOString(), pid: process.pid });
    try {
      const saved = await withFileLock(
        this.layout.lockPath,
        async () => {
          if (await pathExists(path)) {
            throw new LabError(
              'usage',
              `The workspace already holds ${kind === 'run' ? 'a run' : kind === 'merge' ? 'a merge' : 'an attestation'} with id ${id} (${path}); records are never overwritten.`,
              'Give the new record a fresh id (newRunId() makes one).',
            );
          }
          try {
            await rename(tempPath, path);
            await syncDirectory(folder);
          } catch (e) {
            throw writeError(path, e);
          }
          const entry = await this.appendLedgerLocked(kind, id, path, bytes).catch((e: unknown) => {
            throw new LabError(
              'runtime',
              `Saved ${path} but could not add it to the ledger ${this.layout.ledgerPath}: ${(e as Error).message}`,
              'The record is safe. Fix the cause (disk full, permissions), then run `edgelab runs verify --accept-unrecorded` to accept it into the ledger.',
              { cause: e },
            );
          });
          return { id, path, entry };
        },
        this.lockOptions,
      );
      await this.rememberWritten(saved.entry);
      return saved;
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  async appendLedgerLocked(kind: EvidenceKind, id: string, path: string, knownBytes?: Buffer): Promise<LedgerEntry> {
    const bytes =
      knownBytes ??
      (await readFile(path).catch((e: unknown) => {
        throw new LabError('input', `Cannot add ${path} to the ledger: ${(e as Error).message}`, 'Check that the record file exists in the workspace.', { cause: e });
      }));
    const entry = await appendLedgerEntry(this.layout.ledgerPath, { kind, id, file: this.layout.relativeFile(kind, id), sha256: sha256Hex(bytes) });
    await writeLedgerHead(this.layout, entry);
    return entry;
  }

  /**
   * After the lock, so other writers do not wait on the state folder: the line is on disk by now,
   * and wroteHead never moves the remembered head back when another writer remembered a later one.
   */
  async rememberWritten(entry: LedgerEntry): Promise<void> {
    await this.machine.updateHead((remembered) => wroteHead(entry, remembered, () => readLedger(this.layout.ledgerPath), new Date()));
  }
}
