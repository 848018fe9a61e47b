import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isLabError, LabError } from '../api/errors.js';
import { openRegularFile } from '../files/regular-file.js';
import { MAX_TRACE_BYTES } from '../profile/read-trace-file.js';
import { RunRecordSchema, type RunOrigin, type RunRecord } from '../api/run-record.js';
import { newRunId } from '../evidence/evidence-id.js';
import type { Workspace } from '../evidence/index.js';
import { describeIssues, sha256Hex } from '../evidence/record-file.js';

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

export async function readImportSources(sources: readonly ImportedSource[]): Promise<ReadSource[]> {
  if (sources.length === 0) throw new LabError('usage', 'Nothing to import: no files given.', 'Name at least one file the tool wrote.');
  const taken = new Set<string>();
  const read: ReadSource[] = [];
  for (const source of sources) {
    let bytes: Buffer;
    try {
      bytes = source.bytes ?? (await readSourceFile(source));
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

/** A tool's output file, whole; refused past the size a trace may have (the text must fit a string). */
async function readSourceFile(source: ImportedSource): Promise<Buffer> {
  const { handle, stats } = await openRegularFile(source.path, { what: source.given, hint: 'Give the file the tool wrote, saved on disk: a pipe, a device or a folder cannot be copied beside the record.' });
  try {
    if (stats.size > MAX_TRACE_BYTES) {
      throw new LabError('input', `${source.given} ${source.path} is ${(stats.size / 1e6).toFixed(0)} MB; edgelab imports files of up to ${MAX_TRACE_BYTES / 1e6} MB.`,
        'Give the file the tool wrote for a shorter run (fewer iterations or a shorter --duration).');
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** The origin every importer records, and the hardware only as the files state it. */
export function markImported(record: RunRecord, o: { tool: string; files: ReadonlyArray<{ role: string; name: string; sha256: string }>; statedHardware: string | null; importedAt: string }): void {
  const origin: RunOrigin = { kind: 'imported', tool: o.tool, files: o.files.map((s) => ({ role: s.role, name: s.name, sha256: s.sha256 })), statedHardware: o.statedHardware, importedAt: o.importedAt };
  record.origin = origin;
  // Never this machine: the numbers were made where the files say, or somewhere unknown.
  record.hardware = { label: o.statedHardware ? `${o.statedHardware} (as the imported files state)` : 'not stated by the imported files', stated: true };
}

export async function recordImportedRun(request: ImportRequest, options: { workspace?: Workspace; now?: Date } = {}): Promise<ImportedRun> {
  const sources = await readImportSources(request.sources);
  const runId = newRunId();
  const importedAt = (options.now ?? new Date()).toISOString();
  const { record, statedHardware } = await request.build(sources, { runId, startedAt: importedAt });
  markImported(record, { tool: request.tool, files: sources, statedHardware, importedAt });
  if (!options.workspace) return { record };
  // Checked before the files go in: a record that cannot be saved must leave no folder behind.
  const valid = RunRecordSchema.safeParse(record);
  if (!valid.success) {
    throw new LabError('input', `${request.sources.map((s) => `${s.given} ${s.path}`).join(', ')}: the figures read from them make no valid run (${describeIssues(valid.error)}).`,
      'The files were edited or damaged after the tool wrote them: export them again. Nothing was written.');
  }
  const dir = await options.workspace.ensureArtifactDir(record.id);
  // The files go in before the record, so a record is never saved naming files that are not there.
  for (const s of sources) await writeFile(path.join(dir, s.name), s.bytes, { flag: 'wx' });
  const saved = await options.workspace.saveRun(record);
  return { record, savedPath: saved.path, filesDir: dir };
}
