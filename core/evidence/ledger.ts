import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { LabError } from '../api/errors.js';
import { isSafeId } from './evidence-id.js';
import { KIND_FOLDERS } from './layout.js';
import { sha256Hex } from './record-file.js';
import { NotRegularFileError, readWorkspaceFile } from './no-follow-file.js';

/**
 * ledger.jsonl: one line per record written, never rewritten. Each line carries the SHA-256 of the
 * record's exact bytes and the hash of the line before it, so an edited record, a deleted record and
 * an edited or removed ledger line are all detectable. The last entryHash (the head) pins the whole
 * history: quote it in a review or commit it, and nothing before it can change unnoticed.
 */
export const LEDGER_GENESIS_HASH = '0'.repeat(64);

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lower-case SHA-256 hex digest');

export const LedgerEntrySchema = z
  .strictObject({
    seq: z.number().int().positive(),
    kind: z.enum(['run', 'attestation', 'merge']),
    id: z.string().refine(isSafeId, 'not a usable record id'),
    /** Relative to the workspace, "/" separated. */
    file: z.string(),
    /** Of the record file's exact bytes. */
    sha256: Hex64,
    recordedAt: z.string(),
    prevHash: Hex64,
    entryHash: Hex64,
  })
  .refine((e) => e.file === `${KIND_FOLDERS[e.kind]}/${e.id}.json`, {
    message: 'file does not match kind and id',
    path: ['file'],
  });
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export type LedgerEntryFields = Pick<LedgerEntry, 'kind' | 'id' | 'file' | 'sha256'>;

/** The hash input is fixed-order JSON of the fields, so it does not depend on key order in the line. */
export function computeEntryHash(entry: Omit<LedgerEntry, 'entryHash'>): string {
  const canonical = JSON.stringify([entry.seq, entry.kind, entry.id, entry.file, entry.sha256, entry.recordedAt]);
  return sha256Hex(entry.prevHash + canonical);
}

export function formatLedgerLine(entry: LedgerEntry): string {
  const { seq, kind, id, file, sha256, recordedAt, prevHash, entryHash } = entry;
  return `${JSON.stringify({ seq, kind, id, file, sha256, recordedAt, prevHash, entryHash })}\n`;
}

export interface ChainBreak {
  /** 1-based line number in ledger.jsonl. */
  line: number;
  detail: string;
}

export interface LedgerReading {
  /** Every well-formed line, in file order, whether or not it chains. */
  entries: Array<LedgerEntry & { line: number }>;
  breaks: ChainBreak[];
  /** A last line with no newline: an append cut off by a crash. Not a tampering sign by itself. */
  interruptedAppend: boolean;
  head: string | null;
}

function parseLine(text: string): LedgerEntry | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not a JSON ledger entry';
  }
  const parsed = LedgerEntrySchema.safeParse(json);
  return parsed.success ? parsed.data : `malformed entry (${parsed.error.issues[0]?.path.join('.') || 'entry'}: ${parsed.error.issues[0]?.message})`;
}

/**
 * Checks every line against the one before it. A break is reported once, at the line where it
 * shows, and checking resumes from that line, so one removed line is one finding, not a cascade.
 */
export function readLedgerText(text: string): LedgerReading {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const reading: LedgerReading = { entries: [], breaks: [], interruptedAppend: tail !== '', head: null };
  let previous: LedgerEntry | null = null;
  lines.forEach((lineText, index) => {
    const line = index + 1;
    const entry = parseLine(lineText);
    if (typeof entry === 'string') {
      reading.breaks.push({ line, detail: entry });
      return;
    }
    const expectedSeq = previous ? previous.seq + 1 : 1;
    const expectedPrev = previous ? previous.entryHash : LEDGER_GENESIS_HASH;
    if (entry.seq !== expectedSeq || entry.prevHash !== expectedPrev) {
      reading.breaks.push({
        line,
        detail:
          entry.prevHash !== expectedPrev
            ? `prevHash does not match the entry before it (seq ${entry.seq}, expected seq ${expectedSeq}): a line before it was edited or removed`
            : `seq ${entry.seq} where ${expectedSeq} was expected: a line was removed or reordered`,
      });
    }
    if (computeEntryHash(entry) !== entry.entryHash) {
      reading.breaks.push({ line, detail: `entryHash does not match the line's fields (seq ${entry.seq}, ${entry.file}): the line was edited` });
    }
    reading.entries.push({ ...entry, line });
    previous = entry;
  });
  reading.head = previous === null ? null : (previous as LedgerEntry).entryHash;
  return reading;
}

export async function readLedger(ledgerPath: string): Promise<LedgerReading> {
  try {
    return readLedgerText((await readWorkspaceFile(ledgerPath)).toString('utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return readLedgerText('');
    const hint = e instanceof NotRegularFileError ? 'The ledger must be a regular file: restore ledger.jsonl from version control.' : 'Check the workspace permissions.';
    throw new LabError('input', `Cannot read the ledger ${ledgerPath}: ${(e as Error).message}`, hint, { cause: e });
  }
}

/**
 * Appends one entry. The caller must hold the workspace lock: the new line names the previous
 * line's hash, which is only safe when no one else appends in between.
 */
export async function appendLedgerEntry(ledgerPath: string, fields: LedgerEntryFields, now: Date = new Date()): Promise<LedgerEntry> {
  const handle = await open(ledgerPath, 'a+');
  try {
    const last = await lastChainedEntry(handle, ledgerPath);
    const body = {
      seq: last ? last.seq + 1 : 1,
      kind: fields.kind,
      id: fields.id,
      file: fields.file,
      sha256: fields.sha256,
      recordedAt: now.toISOString(),
      prevHash: last ? last.entryHash : LEDGER_GENESIS_HASH,
    };
    const entry: LedgerEntry = { ...body, entryHash: computeEntryHash(body) };
    // One write of one short line: with O_APPEND it lands whole and after every earlier line.
    await handle.write(formatLedgerLine(entry));
    await handle.sync();
    return entry;
  } finally {
    await handle.close();
  }
}

/**
 * The entry to chain onto. The common case reads only the end of the file. An append cut off by a
 * crash leaves a last line without its newline: a complete entry gets its newline, a fragment is cut
 * (it was never committed: a committed line ends in "\n"). If the last line is damaged, chain onto
 * the last well-formed one; verify reports the damage either way.
 */
async function lastChainedEntry(handle: FileHandle, ledgerPath: string): Promise<LedgerEntry | null> {
  const { size } = await handle.stat();
  if (size === 0) return null;
  const windowBytes = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(windowBytes);
  await handle.read(buffer, 0, windowBytes, size - windowBytes);
  const lines = buffer.toString('utf8').split('\n');
  const fragment = lines.pop() ?? '';
  if (fragment !== '') {
    const parsed = parseLine(fragment);
    if (typeof parsed !== 'string') {
      await handle.write('\n');
      return parsed;
    }
    await handle.truncate(size - Buffer.byteLength(fragment));
  }
  // The window may start mid-line; that first piece is not an entry.
  const windowIsWholeFile = windowBytes === size;
  if (!windowIsWholeFile) lines.shift();
  for (let i = lines.length - 1; i >= 0; i--) {
    const parsed = parseLine(lines[i] ?? '');
    if (typeof parsed !== 'string') return parsed;
  }
  if (windowIsWholeFile) return null;
  return (await readLedger(ledgerPath)).entries.at(-1) ?? null;
}
