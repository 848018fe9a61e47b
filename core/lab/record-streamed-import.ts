import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { LabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import { newRunId } from '../evidence/evidence-id.js';
import type { Workspace } from '../evidence/index.js';
import { openRegularImportFile, type ImportFile } from './import-file-lines.js';
import { markImported, type ImportedRun } from './record-imported-run.js';

/**
 * The recording path of record-imported-run.ts for logs too large to hold: the importer has already
 * read each file as a stream and hashed it; here each is copied into the run's folder as a stream,
 * hashed again on the way, and refused if the copy is not the file that was parsed (a log still being
 * written, say). The record is saved only after every copy is in place.
 */
export interface StreamedSource extends ImportFile {
  role: string;
  /** SHA-256 of the bytes the importer parsed. */
  sha256: string;
}

export async function recordStreamedImport(
  request: { tool: string; sources: StreamedSource[]; statedHardware: string | null; build: (ids: { runId: string; startedAt: string }) => RunRecord },
  options: { workspace?: Workspace; now?: Date } = {},
): Promise<ImportedRun> {
  const runId = newRunId();
  const importedAt = (options.now ?? new Date()).toISOString();
  const record = request.build({ runId, startedAt: importedAt });
  const taken = new Set<string>();
  const named = request.sources.map((s) => {
    let name = path.basename(s.path);
    if (taken.has(name)) name = `${s.role}-${name}`;
    taken.add(name);
    return { ...s, name };
  });
  markImported(record, {
    kind: 'imported',
    tool: request.tool,
    files: named.map((s) => ({ role: s.role, name: s.name, sha256: s.sha256 })),
    statedHardware: request.statedHardware,
    importedAt,
  });
  if (!options.workspace) return { record };
  const dir = await options.workspace.ensureArtifactDir(record.id);
  for (const s of named) await copyHashed(s, path.join(dir, s.name));
  const saved = await options.workspace.saveRun(record);
  return { record, savedPath: saved.path, filesDir: dir };
}

async function copyHashed(source: StreamedSource & { name: string }, destination: string): Promise<void> {
  const handle = await openRegularImportFile(source);
  const hash = createHash('sha256');
  const tap = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); done(null, chunk); } });
  try {
    await pipeline(handle.createReadStream(), tap, createWriteStream(destination, { flags: 'wx' }));
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (hash.digest('hex') !== source.sha256) {
    await rm(destination, { force: true });
    throw new LabError('input', `${source.given} ${source.path}: changed while it was imported (its SHA-256 differs between reading and copying).`, 'Import a log the tool has finished writing.');
  }
}
