import { createHash } from 'node:crypto';
import { copyFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RunOrigin, RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';

export interface ImportedFile {
  /** What the file is to the import: 'trace', 'log', 'profile' … */
  role: string;
  /** Where it was read from. */
  path: string;
  bytes: Buffer;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The record's `origin`: the files as read (names and hashes), and the machine as the user states it. */
export function importedOrigin(tool: string, files: readonly ImportedFile[], statedHardware: string | null, importedAt: Date): RunOrigin {
  return {
    kind: 'imported',
    tool,
    files: files.map((f) => ({ role: f.role, name: basename(f.path), sha256: sha256Of(f.bytes) })),
    statedHardware,
    importedAt: importedAt.toISOString(),
  };
}

/**
 * Keeps an imported run: the imported files copied beside the record (their hashes are in
 * `origin`, which the ledger covers), then the record. The hardware stays as the record says (null
 * for an unknown machine): stamping this machine on a run made elsewhere would be false evidence.
 */
export async function saveImportedRun(record: RunRecord, files: readonly ImportedFile[], workspace?: Workspace): Promise<{ record: RunRecord; savedPath?: string }> {
  if (!workspace) return { record };
  const dir = await workspace.ensureArtifactDir(record.id);
  for (const f of files) await copyFile(f.path, join(dir, basename(f.path)));
  const saved = await workspace.saveRun(record);
  return { record, savedPath: saved.path };
}
