import type { FileHandle } from 'node:fs/promises';
import { isLabError, LabError } from '../../api/errors.js';
import { JsonSyntaxError, JsonValueStream } from '../../inputs/json-stream.js';
import { streamFile, streamLines, type StreamedBytes } from '../../inputs/read-stream.js';
import { openRegularFile } from '../../files/regular-file.js';
import { MAX_TRACE_BYTES } from '../../profile/read-trace-file.js';
import { ExportTimesError, ExportTimesReader, notAnArray, notJson, type IterationTimes } from './export-times.js';
import { parseLayerInfo, type LayerInfo } from './layer-info.js';
import { ExportProfileReader, type LayerProfile } from './layer-profile.js';
import { TrtexecLogLines, type TrtexecLog } from './trtexec-log.js';
import { TrtexecLogPlaces } from './trtexec-stated.js';

/**
 * The files of a trtexec import, each read as a stream: the log a line at a time, the JSON exports
 * an element at a time, so a long verbose log or an hour of --exportTimes iterations is never held
 * as text. Every file is opened (and checked to be a regular file) before any is parsed, so a
 * missing or FIFO file is named before another file's contents are judged.
 */
export interface OpenedSource {
  role: string;
  path: string;
  given: string;
  handle: FileHandle;
}

export async function openSources(sources: ReadonlyArray<{ role: string; path: string; given: string }>): Promise<OpenedSource[]> {
  const opened: OpenedSource[] = [];
  try {
    for (const s of sources) {
      try {
        const { handle, stats } = await openRegularFile(s.path, { what: s.given, hint: 'Give the file the tool wrote, saved on disk: a pipe, a device or a folder cannot be copied beside the record.' });
        opened.push({ ...s, handle });
        // Read as a stream, any size fits in memory; the bound keeps an import to a time a user waits.
        if (stats.size > MAX_TRACE_BYTES) {
          throw new LabError('input', `${s.given} ${s.path} is ${(stats.size / 1e6).toFixed(0)} MB; edgelab imports files of up to ${MAX_TRACE_BYTES / 1e6} MB.`,
            'Give the file the tool wrote for a shorter run (fewer iterations or a shorter --duration).');
        }
      } catch (e) {
        if (isLabError(e)) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new LabError('input', `${s.given} ${s.path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (e as Error).message})`}.`, 'Check the path; give the file the tool wrote.');
      }
    }
  } catch (e) {
    await closeSources(opened);
    throw e;
  }
  return opened;
}

export async function closeSources(sources: readonly OpenedSource[]): Promise<void> {
  for (const s of sources) await s.handle.close().catch(() => undefined);
}

/** A file given only to be kept beside the record: hashed as it streams, not parsed. */
export const hashSource = (s: OpenedSource): Promise<StreamedBytes> => streamFile(s.handle, () => undefined);

export async function readLog(s: OpenedSource): Promise<{ log: TrtexecLog; places: TrtexecLogPlaces; streamed: StreamedBytes }> {
  const lines = new TrtexecLogLines();
  const places = new TrtexecLogPlaces();
  const streamed = await streamLines(s.handle, (line, n) => {
    lines.line(line);
    places.line(line, n);
  });
  return { log: lines.result(), places, streamed };
}

/** A times file the user gives that cannot be read is bad input (exit 2), never a failed run. */
export async function readTimes(s: OpenedSource): Promise<{ times: IterationTimes[]; streamed: StreamedBytes }> {
  const label = `--times ${s.path}`;
  const reader = new ExportTimesReader(label);
  try {
    const json = new JsonValueStream(() => ['$.*'], ({ value, key }) => reader.add(value, Number(key)));
    let streamed: StreamedBytes;
    try {
      streamed = await streamFile(s.handle, (chunk) => {
        json.write(chunk);
        if (json.first !== null && json.first !== '[') throw notAnArray(label);
      });
      json.end();
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw notJson(label, e.problem);
      throw e;
    }
    return { times: reader.result(), streamed };
  } catch (e) {
    if (e instanceof ExportTimesError) throw new LabError('input', e.message, e.hint);
    throw e;
  }
}

export async function readProfile(s: OpenedSource): Promise<{ parsed: LayerProfile; streamed: StreamedBytes }> {
  const label = `--profile ${s.path}`;
  const reader = new ExportProfileReader(label);
  const json = new JsonValueStream(() => ['$.*'], ({ value }) => reader.add(value));
  try {
    const streamed = await streamFile(s.handle, (chunk) => {
      json.write(chunk);
      if (json.first !== null && json.first !== '[') throw reader.notAProfile();
    });
    json.end();
    return { parsed: reader.result(), streamed };
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new LabError('input', `${label} is not JSON (${e.problem}).`, 'Pass the file trtexec wrote with --exportProfile=FILE, as it wrote it.');
    throw e;
  }
}

/**
 * --exportLayerInfo: one object whose Layers list says what each layer is. It is as large as the
 * engine has layers, not as the run is long, so it is parsed whole once its bytes have streamed.
 */
export async function readLayerInfo(s: OpenedSource): Promise<{ parsed: LayerInfo; streamed: StreamedBytes }> {
  const chunks: Buffer[] = [];
  const streamed = await streamFile(s.handle, (chunk) => chunks.push(Buffer.from(chunk)));
  return { parsed: parseLayerInfo(Buffer.concat(chunks).toString('utf8'), `--layer-info ${s.path}`), streamed };
}

export interface TrtexecImportFilesRead {
  log: TrtexecLog | null;
  places: TrtexecLogPlaces | null;
  times: IterationTimes[] | null;
  profile: LayerProfile | null;
  layerInfo: LayerInfo | null;
  /** Each given file by role, with the SHA-256 of the bytes read. */
  sources: Array<{ role: string; path: string; given: string; sha256: string }>;
}

/**
 * Reads what the record will be made of, in the order the import decides: the log first (a failed
 * run's record is made from it alone), then the times, the profile and the layer info where they
 * count. A file that does not count is still hashed, for the record names it.
 */
export async function readTrtexecImport(
  given: ReadonlyArray<{ role: string; path: string; given: string }>,
  notALog: (log: TrtexecLog, path: string) => LabError | null,
): Promise<TrtexecImportFilesRead> {
  const opened = await openSources(given);
  const hashes = new Map<string, string>();
  const byRole = (role: string) => opened.find((s) => s.role === role);
  const out: TrtexecImportFilesRead = { log: null, places: null, times: null, profile: null, layerInfo: null, sources: [] };
  try {
    const logSource = byRole('log');
    if (logSource) {
      const read = await readLog(logSource);
      hashes.set('log', read.streamed.sha256);
      const refused = notALog(read.log, logSource.path);
      if (refused) throw refused;
      out.log = read.log;
      out.places = read.places;
    }
    const log = out.log;
    const failed = log !== null && (log.outcome === 'failed' || (log.outcome === 'incomplete' && log.summary === null));
    const timesSource = byRole('times');
    const summaryOnly = !failed && !timesSource && log?.summary != null;
    if (!failed && timesSource) {
      const read = await readTimes(timesSource);
      hashes.set('times', read.streamed.sha256);
      out.times = read.times;
    }
    const profileSource = byRole('profile');
    if (profileSource && !failed && (timesSource || summaryOnly)) {
      const read = await readProfile(profileSource);
      hashes.set('profile', read.streamed.sha256);
      out.profile = read.parsed;
    }
    const layerSource = byRole('layer-info');
    if (layerSource && !failed && (timesSource || (summaryOnly && profileSource))) {
      const read = await readLayerInfo(layerSource);
      hashes.set('layer-info', read.streamed.sha256);
      out.layerInfo = read.parsed;
    }
    for (const s of opened) if (!hashes.has(s.role)) hashes.set(s.role, (await hashSource(s)).sha256);
  } finally {
    await closeSources(opened);
  }
  out.sources = opened.map((s) => ({ role: s.role, path: s.path, given: s.given, sha256: hashes.get(s.role)! }));
  return out;
}
