import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../inputs/regular-file.js';
import type { RunOrigin, RunRecord } from '../api/run-record.js';
import { newRunId } from '../evidence/evidence-id.js';
import type { Workspace } from '../evidence/index.js';
import { sha256Hex } from '../evidence/record-file.js';

/**
 * Recording a run from files another tool wrote (a trtexec log and its exports, an ONNX Runtime
 * profile): each importer reads the files and builds the record; this does the rest the same way
 * for all of them. The source files are copied into the run's folder byte for byte and named in
 * `origin.files` with their SHA-256, so `runs verify` holds them to the record as it holds a trace,
 * and the record is marked imported, which keeps it apart from measured runs everywhere.
 */
export interface ImportedSource {
  /** What the file is to the importer: 'log', 'times', 'profile', 'layer-info' … */
  role: string;
  /** Where it is now. */
  path: string;
  /** The flag or argument it came from, for messages (`--times`). */
  given: string;
  /** The file's bytes when the importer has already read them (a large trace is read once). */
  bytes?: Buffer;
}

export interface ReadSource extends ImportedSource {
  bytes: Buffer;
  text: string;
  /** Its name in the run's folder. */
  name: string;
  sha256: string;
}

export interface ImportRequest {
  /** The tool whose output this is: 'trtexec', 'ort-profile'. */
  tool: string;
  sources: ImportedSource[];
  /** Builds the record from the files as read; origin and hardware are set here afterwards. */
  build: (sources: ReadSource[], ids: { runId: string; startedAt: string }) => Promise<ImportedRecord> | ImportedRecord;
}

export interface ImportedRecord {
  record: RunRecord;
  /** The machine as the files state it (e.g. trtexec's "Selected Device"), or null. */
  statedHardware: string | null;
}

export interface ImportedRun {
  record: RunRecord;
  savedPath?: string;
  /** The run's folder holding the copied files, when saved. */
  filesDir?: string;
}

/** Sets what every imported record carries: where its files came from, and the machine only as stated. */
export function markImported(record: RunRecord, origin: RunOrigin): void {
  record.origin = origin;
  // Never this machine: the numbers were made where the files say, or somewhere unknown.
  record.hardware = { label: origin.statedHardware ? `${origin.statedHardware} (as the imported files state)` : 'not stated by the imported files', stated: true };
}

export async function readImportSources(sources: readonly ImportedSource[]): Promise<ReadSource[]> {
  if (sources.length === 0) throw new LabError('usage', 'Nothing to import: no files given.', 'Name at least one file the tool wrote.');
  const taken = new Set<string>();
  const read: ReadSource[] = [];
  for (const source of sources) {
    let bytes: Buffer;
    try {
      bytes = source.bytes ?? (await readRegularFile(source.path, { what: source.given, hint: 'Give the file the tool wrote, saved on disk: a pipe, a device or a folder cannot be copied beside the record.' }));
    } catch (e) {
      if (isLabError(e)) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new LabError('input', `${source.given} ${source.path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (e as Error).message})`}.`, 'Check the path; give the file the tool wrote.');
    }
    // Two sources may share a base name (run1/log.txt, run2/log.txt): the role keeps them apart.
    let name = path.basename(source.path);
    if (taken.has(name)) name = `${source.role}-${name}`;
    taken.add(name);
    read.push({ role: source.role, path: source.path, given: source.given, bytes, text: bytes.toString('utf8'), name, sha256: sha256Hex(bytes) });
  }
  return read;
}

export async function recordImportedRun(request: ImportRequest, options: { workspace?: Workspace; now?: Date } = {}): Promise<ImportedRun> {
  const sources = await readImportSources(request.sources);
  const runId = newRunId();
  const importedAt = (options.now ?? new Date()).toISOString();
  const { record, statedHardware } = await request.build(sources, { runId, startedAt: importedAt });
  const origin: RunOrigin = {
    kind: 'imported',
    tool: request.tool,
    files: sources.map((s) => ({ role: s.role, name: s.name, sha256: s.sha256 })),
    statedHardware,
    importedAt,
  };
  markImported(record, origin);
  if (!options.workspace) return { record };
  const dir = await options.workspace.ensureArtifactDir(record.id);
  // The files go in before the record, so a record is never saved naming files that are not there.
  for (const s of sources) await writeFile(path.join(dir, s.name), s.bytes, { flag: 'wx' });
  const saved = await options.workspace.saveRun(record);
  return { record, savedPath: saved.path, filesDir: dir };
}
