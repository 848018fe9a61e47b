import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LabError } from '../api/errors.js';
import { RunRecordSchema } from '../api/run-record.js';
import { newRunId } from '../evidence/evidence-id.js';
import type { Workspace } from '../evidence/index.js';
import { describeIssues } from '../evidence/record-file.js';
import { openRegularFileForImport } from '../files/import-file-stream.js';
import type { StreamedImport, StreamedSource } from '../files/streamed-import.js';
import { markImported, type ImportedRun } from './record-imported-run.js';

/**
 * The recording half of an import whose files were parsed as streams (core/lab/record-imported-run.ts
 * does the same for files read whole): each file is copied into the run's folder as a stream and
 * its copy hashed on the way; a copy whose hash differs from the one taken while parsing means the
 * file changed during the import, and nothing is recorded. The record names every file by role and
 * SHA-256 in `origin.files`, and the hardware only as the files state it.
 */
/** Base names in the run's folder: two sources with one base name are kept apart by role. */
export function namedSources<T extends { role: string; path: string }>(sources: readonly T[]): Array<T & { name: string }> {
  const taken = new Set<string>();
  return sources.map((s) => {
    let name = path.basename(s.path);
    if (taken.has(name)) name = `${s.role}-${name}`;
    taken.add(name);
    return { ...s, name };
  });
}

async function copyVerified(source: StreamedSource, dest: string): Promise<void> {
  const { handle } = await openRegularFileForImport(source);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(handle.createReadStream(), tap, createWriteStream(dest, { flags: 'wx' }));
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (hash.digest('hex') !== source.sha256) {
    await unlink(dest).catch(() => undefined);
    throw new LabError('input', `${source.given} ${source.path} changed while it was being imported: its bytes now differ from those read.`, 'Import the file once the tool has finished writing it.');
  }
}

export async function recordStreamedImport(request: StreamedImport, options: { workspace?: Workspace; now?: Date } = {}): Promise<ImportedRun> {
  const files = namedSources(request.sources);
  const runId = newRunId();
  const importedAt = (options.now ?? new Date()).toISOString();
  const { record, statedHardware } = request.build(files, { runId, startedAt: importedAt });
  markImported(record, { tool: request.tool, files, statedHardware, importedAt });
  if (!options.workspace) return { record };
  // Checked before the files go in: a record that cannot be saved must leave no folder behind.
  const valid = RunRecordSchema.safeParse(record);
  if (!valid.success) {
    throw new LabError('input', `${request.sources.map((s) => `${s.given} ${s.path}`).join(', ')}: the figures read from them make no valid run (${describeIssues(valid.error)}).`,
      'The files were edited or damaged after the tool wrote them: export them again. Nothing was written.');
  }
  const dir = await options.workspace.ensureArtifactDir(record.id);
  // The files go in before the record, so a record never names files that are not there.
  for (const f of files) await copyVerified(f, path.join(dir, f.name));
  const saved = await options.workspace.saveRun(record);
  return { record, savedPath: saved.path, filesDir: dir };
}
