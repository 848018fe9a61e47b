import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { computeEntryHash, formatLedgerLine, LEDGER_GENESIS_HASH } from '../../core/evidence/ledger.js';
import type { LedgerEntry } from '../../core/evidence/ledger.js';
import { sha256Hex } from '../../core/evidence/record-file.js';

/**
 * What a forger who knows the workspace format does to it, with nothing but file access: cut the
 * ledger's end, rewrite ledger.head, recompute every hash. Tests use these to show which of them
 * edgelab still sees, and how.
 */
export async function ledgerEntries(ws: string): Promise<LedgerEntry[]> {
  const text = await readFile(path.join(ws, 'ledger.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as LedgerEntry);
}

export async function currentHead(ws: string): Promise<string> {
  const last = (await ledgerEntries(ws)).at(-1);
  if (!last) throw new Error(`${ws} has no ledger entries`);
  return last.entryHash;
}

async function writeLedger(ws: string, entries: LedgerEntry[], head: 'delete' | 'rewrite'): Promise<void> {
  await writeFile(path.join(ws, 'ledger.jsonl'), entries.map(formatLedgerLine).join(''));
  const last = entries.at(-1);
  if (head === 'delete' || !last) await rm(path.join(ws, 'ledger.head'), { force: true });
  else await writeFile(path.join(ws, 'ledger.head'), `${JSON.stringify({ seq: last.seq, entryHash: last.entryHash })}\n`);
}

/** Deletes the last record (and its run folder), its ledger line, and ledger.head or rewrites it to match. */
export async function cutLastRecord(ws: string, head: 'delete' | 'rewrite'): Promise<LedgerEntry> {
  const entries = await ledgerEntries(ws);
  const last = entries.pop();
  if (!last) throw new Error(`${ws} has no ledger entries`);
  await rm(path.join(ws, last.file), { force: true });
  await rm(path.join(ws, 'runs', last.id), { recursive: true, force: true });
  await writeLedger(ws, entries, head);
  return last;
}

/** Recomputes every line's hash (with new bytes for the files given), and ledger.head to match. */
export async function rechain(ws: string, newBytes: Map<string, Buffer>): Promise<void> {
  let prev = LEDGER_GENESIS_HASH;
  const out: LedgerEntry[] = [];
  for (const [i, old] of (await ledgerEntries(ws)).entries()) {
    const bytes = newBytes.get(old.file);
    const body = { seq: i + 1, kind: old.kind, id: old.id, file: old.file, sha256: bytes ? sha256Hex(bytes) : old.sha256, recordedAt: old.recordedAt, prevHash: prev };
    const entry = { ...body, entryHash: computeEntryHash(body) };
    out.push(entry);
    prev = entry.entryHash;
  }
  await writeLedger(ws, out, 'rewrite');
}
