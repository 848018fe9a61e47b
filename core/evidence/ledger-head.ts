import { rename, rm, writeFile } from 'node:fs/promises';
import { tempPathFor } from './atomic-file.js';
import type { WorkspaceLayout } from './layout.js';
import type { LedgerEntry, LedgerReading } from './ledger.js';
import { readWorkspaceFile } from './no-follow-file.js';

/**
 * `ledger.head`: the seq and entryHash of the last line appended, rewritten (temp file + rename)
 * after every append. A ledger that was deleted or cut short keeps a valid chain, so the chain alone
 * cannot tell it from a young ledger; the head file can. A crash between the append and this write
 * leaves the head one line behind, which is still consistent (the line it names is there).
 */
export interface LedgerHead {
  seq: number;
  entryHash: string;
}

export function ledgerHeadPath(layout: WorkspaceLayout): string {
  return `${layout.ledgerPath.slice(0, -'.jsonl'.length)}.head`;
}

export async function writeLedgerHead(layout: WorkspaceLayout, entry: LedgerEntry): Promise<void> {
  const temp = tempPathFor(layout.dir, 'ledger.head');
  try {
    await writeFile(temp, `${JSON.stringify({ seq: entry.seq, entryHash: entry.entryHash })}\n`, { flag: 'wx' });
    await rename(temp, ledgerHeadPath(layout));
  } finally {
    await rm(temp, { force: true });
  }
}

export async function readLedgerHead(layout: WorkspaceLayout): Promise<LedgerHead | null> {
  try {
    const head = JSON.parse((await readWorkspaceFile(ledgerHeadPath(layout))).toString('utf8')) as Partial<LedgerHead>;
    if (typeof head.seq === 'number' && typeof head.entryHash === 'string') return { seq: head.seq, entryHash: head.entryHash };
  } catch {
    // None yet (a workspace from before the head file, or an empty one).
  }
  return null;
}

/** Why the ledger is shorter than, or different from, what the head file says was written; null when consistent. */
export function ledgerHeadProblem(reading: LedgerReading, head: LedgerHead | null, ledgerExists: boolean): string | null {
  if (head === null) return null;
  if (!ledgerExists) return `ledger.jsonl is missing, but ledger.head says ${head.seq} lines were written: the ledger was deleted`;
  const line = reading.entries.find((e) => e.seq === head.seq);
  if (!line) return `ledger.jsonl has ${reading.entries.length} lines, but ledger.head says ${head.seq} were written: the ledger was shortened`;
  if (line.entryHash !== head.entryHash) return `ledger.jsonl line ${line.line} (seq ${head.seq}) is not the line ledger.head recorded: the ledger was rewritten`;
  return null;
}
