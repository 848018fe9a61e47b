import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempFileName } from './atomic-file.js';

export type EvidenceKind = 'run' | 'attestation' | 'merge';

/** The folder each kind of record lives in: `merges/` holds what `edgelab runs merge` brought in, and from where. */
export const KIND_FOLDERS: Readonly<Record<EvidenceKind, string>> = { run: 'runs', attestation: 'attestations', merge: 'merges' };

/**
 * Where everything lives inside a workspace. Ledger paths are relative and use "/" so a workspace
 * committed on one OS verifies on another.
 */
export class WorkspaceLayout {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  get runsDir(): string {
    return join(this.dir, 'runs');
  }
  get attestationsDir(): string {
    return join(this.dir, 'attestations');
  }
  get ledgerPath(): string {
    return join(this.dir, 'ledger.jsonl');
  }
  get lockPath(): string {
    return join(this.dir, 'ledger.lock');
  }
  get cacheDir(): string {
    return join(this.dir, '.cache');
  }
  get runIndexPath(): string {
    return join(this.cacheDir, 'run-index.json');
  }

  get mergesDir(): string {
    return join(this.dir, 'merges');
  }

  folderOf(kind: EvidenceKind): string {
    return join(this.dir, KIND_FOLDERS[kind]);
  }

  relativeFile(kind: EvidenceKind, id: string): string {
    return `${KIND_FOLDERS[kind]}/${id}.json`;
  }

  absolute(relativeFile: string): string {
    return join(this.dir, ...relativeFile.split('/'));
  }

  recordPath(kind: EvidenceKind, id: string): string {
    return join(this.folderOf(kind), `${id}.json`);
  }

  artifactDir(runId: string): string {
    return join(this.runsDir, runId);
  }
}

/** Record files are `<id>.json`; dotfiles are temp files of writes in progress and never records. */
export function isRecordFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.');
}

export function idOfRecordFileName(name: string): string {
  return name.slice(0, -'.json'.length);
}

/** Record file names in a folder, sorted (which is time order for generated ids). */
export async function recordFileNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((d) => d.isFile() && isRecordFileName(d.name) && !isTempFileName(d.name))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
