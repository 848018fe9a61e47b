import { createHmac } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isLabError } from '../api/errors.js';
import { tempPathFor } from './atomic-file.js';
import { recordFileNames } from './layout.js';
import type { WorkspaceLayout } from './layout.js';
import { parseRecordText, sha256Hex } from './record-file.js';
import { RUN_RECORD_INFO } from './record-schemas.js';
import { summarizeRun } from './run-summary.js';
import { measuredClaim } from './measured-evidence.js';
import type { RunSummary } from './run-summary.js';
import { readWorkspaceFile } from './no-follow-file.js';
import { ensureWorkspaceSubfolder } from './workspace-subfolder.js';

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
  /** What the record lacks to count as measured, and the files it names (measured-evidence.ts); null when it does not say it was measured. */
  measured: { lacks: string | null; named: string[] } | null;
  /**
   * HMAC of all the above and the file name under this machine's key (machine-state.ts): a cache
   * rewritten by hand (a forged label or p99 beside the genuine hash) fails it and is re-read.
   */
  seal: string;
}

interface RunIndexFile {
  format: number;
  files: Record<string, IndexedFile>;
}

// Bump when RunSummary changes shape, so old caches are rebuilt rather than misread.
// 6: each entry sealed to its record; 7: a stopped run's targets count as not met; 8: the unit.
const INDEX_FORMAT = 8;
const READ_CONCURRENCY = 16;

/**
 * Summaries of every run file. Parsing a record means parsing its samples, so summaries are cached
 * in `.cache/run-index.json` keyed by file name, size and mtime: a list after the first costs one
 * stat per record. The cache is only a cache: it is checked against the files every time, a missing
 * or damaged cache is rebuilt, and two processes rewriting it at once just both write a valid copy.
 */
export async function loadRunSummaries(
  layout: WorkspaceLayout,
  sealKey: Buffer,
): Promise<{ runs: RunSummary[]; unreadable: UnreadableRecord[]; sha256ByFile: Map<string, string>; measuredByFile: Map<string, IndexedFile['measured']> }> {
  const names = await recordFileNames(layout.runsDir);
  const seal = (name: string, entry: Omit<IndexedFile, 'seal'>) =>
    createHmac('sha256', sealKey).update(JSON.stringify([name, entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, entry.sha256, entry.summary, entry.problem, entry.measured])).digest('hex');
  const cache = await readSealedIndex(layout.runIndexPath, sealKey, seal);
  const next: RunIndexFile = { format: INDEX_FORMAT, files: {} };
  let changed = Object.keys(cache.files).length !== names.length;

  for (let start = 0; start < names.length; start += READ_CONCURRENCY) {
    const batch = names.slice(start, start + READ_CONCURRENCY);
    const results = await Promise.all(batch.map((name) => indexFile(layout, name, cache.files[name])));
    batch.forEach((name, i) => {
      const result = results[i];
      if (result === undefined || result === null) return;
      next.files[name] = result.fresh ? { ...result.entry, seal: seal(name, result.entry) } : (result.entry as IndexedFile);
      if (result.fresh) changed = true;
    });
  }
  if (changed) await writeIndex(layout, next, sealKey);

  const runs: RunSummary[] = [];
  const unreadable: UnreadableRecord[] = [];
  const sha256ByFile = new Map<string, string>();
  const measuredByFile = new Map<string, IndexedFile['measured']>();
  for (const [name, entry] of Object.entries(next.files)) {
    sha256ByFile.set(`runs/${name}`, entry.sha256);
    measuredByFile.set(`runs/${name}`, entry.measured);
    if (entry.summary) runs.push(entry.summary);
    else unreadable.push({ file: `runs/${name}`, message: entry.problem ?? 'unreadable' });
  }
  return { runs, unreadable, sha256ByFile, measuredByFile };
}

async function indexFile(
  layout: WorkspaceLayout,
  name: string,
  cached: IndexedFile | undefined,
): Promise<{ entry: Omit<IndexedFile, 'seal'>; fresh: boolean } | null> {
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
  const base = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, sha256: '', measured: null as IndexedFile['measured'] };
  try {
    const bytes = await readWorkspaceFile(path);
    base.sha256 = sha256Hex(bytes);
    const record = parseRecordText(bytes.toString('utf8'), path, RUN_RECORD_INFO);
    return { entry: { ...base, summary: summarizeRun(record, `runs/${name}`), problem: null, measured: measuredClaim(record) }, fresh: true };
  } catch (e) {
    if (!isLabError(e) && (e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { entry: { ...base, summary: null, problem: (e as Error).message }, fresh: true };
  }
}

// An index this process sealed or checked is kept while its file is unchanged (size, mtime, ctime,
// inode), so the server and the app, which list often, check each seal once rather than per listing.
const checked = new Map<string, { stamp: string; sealKey: Buffer; index: RunIndexFile }>();

async function indexStamp(path: string): Promise<string | null> {
  const st = await stat(path).catch(() => null);
  return st ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : null;
}

/** The index with every entry whose seal fails left out (so it is read again from its record). */
async function readSealedIndex(path: string, sealKey: Buffer, seal: (name: string, entry: Omit<IndexedFile, 'seal'>) => string): Promise<RunIndexFile> {
  const stamp = await indexStamp(path);
  const hit = checked.get(path);
  if (stamp !== null && hit?.stamp === stamp && hit.sealKey.equals(sealKey)) return { format: hit.index.format, files: { ...hit.index.files } };
  const index = await readIndex(path);
  for (const [name, entry] of Object.entries(index.files)) {
    if (entry.seal !== seal(name, entry)) delete index.files[name];
  }
  if (stamp !== null) checked.set(path, { stamp, sealKey, index: { format: index.format, files: { ...index.files } } });
  return index;
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

async function writeIndex(layout: WorkspaceLayout, index: RunIndexFile, sealKey: Buffer): Promise<void> {
  // Best effort: a read-only workspace still lists, it just parses each time.
  const temp = tempPathFor(layout.cacheDir, 'run-index.json');
  try {
    // A .cache that is a link is not written through (refused, so skipped here like any failure).
    await ensureWorkspaceSubfolder(layout.dir, '.cache');
    await writeFile(temp, JSON.stringify(index), { flag: 'wx' });
    const stamp = await indexStamp(temp);
    await rename(temp, layout.runIndexPath);
    // A rename keeps the inode and times: the file now holds what this process just sealed.
    if (stamp !== null) checked.set(layout.runIndexPath, { stamp, sealKey, index: { format: index.format, files: { ...index.files } } });
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}
