import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLabError } from '../api/errors.js';
import { tempPathFor } from './atomic-file.js';
import { recordFileNames } from './layout.js';
import type { WorkspaceLayout } from './layout.js';
import { parseRecordText, sha256Hex } from './record-file.js';
import { RUN_RECORD_INFO } from './record-schemas.js';
import { summarizeRun } from './run-summary.js';
import type { RunSummary } from './run-summary.js';
import { readWorkspaceFile } from './no-follow-file.js';

/** A record file in runs/ that could not be read as a run; listed, never touched. */
export interface UnreadableRecord {
  file: string;
  message: string;
}

interface IndexedFile {
  size: number;
  mtimeMs: number;
  // ctime and inode are in the key because no user-level tool can set them back: a record edited
  // and then given its old size and mtime (touch -r) is still re-read, never listed from the cache.
  ctimeMs: number;
  ino: number;
  /** Of the file's bytes when it was summarized, checked against the ledger for the "not verified" mark. */
  sha256: string;
  summary: RunSummary | null;
  problem: string | null;
}

interface RunIndexFile {
  format: number;
  files: Record<string, IndexedFile>;
}

// Bump when RunSummary changes shape, so old caches are rebuilt rather than misread.
const INDEX_FORMAT = 4;
const READ_CONCURRENCY = 16;

/**
 * Summaries of every run file. Parsing a record means parsing its samples, so summaries are cached
 * in `.cache/run-index.json` keyed by file name, size and mtime: a list after the first costs one
 * stat per record. The cache is only a cache: it is checked against the files every time, a missing
 * or damaged cache is rebuilt, and two processes rewriting it at once just both write a valid copy.
 */
export async function loadRunSummaries(
  layout: WorkspaceLayout,
): Promise<{ runs: RunSummary[]; unreadable: UnreadableRecord[]; sha256ByFile: Map<string, string> }> {
  const names = await recordFileNames(layout.runsDir);
  const cache = await readIndex(layout.runIndexPath);
  const next: RunIndexFile = { format: INDEX_FORMAT, files: {} };
  let changed = Object.keys(cache.files).length !== names.length;

  for (let start = 0; start < names.length; start += READ_CONCURRENCY) {
    const batch = names.slice(start, start + READ_CONCURRENCY);
    const results = await Promise.all(batch.map((name) => indexFile(layout, name, cache.files[name])));
    batch.forEach((name, i) => {
      const result = results[i];
      if (result === undefined || result === null) return;
      next.files[name] = result.entry;
      if (result.fresh) changed = true;
    });
  }
  if (changed) await writeIndex(layout, next);

  const runs: RunSummary[] = [];
  const unreadable: UnreadableRecord[] = [];
  const sha256ByFile = new Map<string, string>();
  for (const [name, entry] of Object.entries(next.files)) {
    sha256ByFile.set(`runs/${name}`, entry.sha256);
    if (entry.summary) runs.push(entry.summary);
    else unreadable.push({ file: `runs/${name}`, message: entry.problem ?? 'unreadable' });
  }
  return { runs, unreadable, sha256ByFile };
}

async function indexFile(
  layout: WorkspaceLayout,
  name: string,
  cached: IndexedFile | undefined,
): Promise<{ entry: IndexedFile; fresh: boolean } | null> {
  const path = join(layout.runsDir, name);
  let st;
  try {
    st = await stat(path);
  } catch {
    return null; // Removed between the listing and now.
  }
  if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs && cached.ctimeMs === st.ctimeMs && cached.ino === st.ino && typeof cached.sha256 === 'string') {
    return { entry: cached, fresh: false };
  }
  const base = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, sha256: '' };
  try {
    const bytes = await readWorkspaceFile(path);
    base.sha256 = sha256Hex(bytes);
    const record = parseRecordText(bytes.toString('utf8'), path, RUN_RECORD_INFO);
    return { entry: { ...base, summary: summarizeRun(record, `runs/${name}`), problem: null }, fresh: true };
  } catch (e) {
    if (!isLabError(e) && (e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { entry: { ...base, summary: null, problem: (e as Error).message }, fresh: true };
  }
}

async function readIndex(path: string): Promise<RunIndexFile> {
  try {
    const parsed = JSON.parse((await readWorkspaceFile(path)).toString('utf8')) as Partial<RunIndexFile>;
    if (parsed.format === INDEX_FORMAT && typeof parsed.files === 'object' && parsed.files !== null) return parsed as RunIndexFile;
  } catch {
    // No cache yet, or a damaged one: rebuild it.
  }
  return { format: INDEX_FORMAT, files: {} };
}

async function writeIndex(layout: WorkspaceLayout, index: RunIndexFile): Promise<void> {
  // Best effort: a read-only workspace still lists, it just parses each time.
  const temp = tempPathFor(layout.cacheDir, 'run-index.json');
  try {
    await mkdir(layout.cacheDir, { recursive: true });
    await writeFile(temp, JSON.stringify(index), { flag: 'wx' });
    await rename(temp, layout.runIndexPath);
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
