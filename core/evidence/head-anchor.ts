import type { LedgerEntry, LedgerReading } from './ledger.js';
import type { RememberedHead } from './machine-state.js';

/**
 * Files inside a workspace cannot prove that nobody cut its end: delete the last records, their
 * ledger lines and ledger.head (or rewrite ledger.head to match) and what is left is a valid,
 * shorter chain. So each machine remembers the newest head it wrote or saw (machine-state.ts),
 * and a ledger whose head is not a descendant of that one (a line with the remembered seq and
 * hash, on an intact chain) went backwards or sideways since.
 */
export interface HeadDrift {
  remembered: RememberedHead;
  /** The ledger's head now: the last line's seq and hash, or seq 0 for an empty ledger. */
  current: { seq: number; entryHash: string };
  way: 'backwards' | 'sideways';
  detail: string;
}

/** The seq-0 "head" of an empty ledger, so that emptying one can be accepted like any other head. */
export const EMPTY_LEDGER_HEAD = '0'.repeat(64);

export function currentHead(reading: LedgerReading): { seq: number; entryHash: string } {
  const last = reading.entries.at(-1);
  return last ? { seq: last.seq, entryHash: last.entryHash } : { seq: 0, entryHash: EMPTY_LEDGER_HEAD };
}

/** Null when the ledger still holds the remembered head; the reading's chain must be intact. */
export function headDrift(reading: LedgerReading, remembered: RememberedHead | null): HeadDrift | null {
  if (remembered === null || remembered.seq === 0) return null;
  const current = currentHead(reading);
  const line = reading.entries.find((e) => e.seq === remembered.seq);
  if (line?.entryHash === remembered.entryHash) return null;
  const saw = `this machine ${remembered.how} head ${remembered.entryHash} (seq ${remembered.seq}) on ${remembered.at}`;
  const now = `the ledger's head is now ${current.entryHash} (seq ${current.seq})`;
  return line === undefined
    ? { remembered, current, way: 'backwards', detail: `${saw}; ${now}: the ledger went backwards (records were cut from its end, or an older copy was checked out)` }
    : { remembered, current, way: 'sideways', detail: `${saw}; ${now}, and its line at seq ${remembered.seq} is another: the history was rewritten (a rebase, another branch, or a forged ledger)` };
}

export function acceptHeadHint(current: { entryHash: string }): string {
  return `If you checked out, rebased or restored this workspace knowingly, accept its head: \`edgelab runs verify --accept-head ${current.entryHash}\`. Otherwise restore the ledger and records from version control.`;
}

/**
 * What to remember after reading a sound ledger: its head, when it descends from (and goes beyond)
 * the remembered one. A reader that raced a writer never moves the memory back.
 */
export function seenHead(reading: LedgerReading, remembered: RememberedHead | null, now: Date): RememberedHead | null {
  const head = reading.entries.at(-1);
  if (!head) return null;
  if (remembered !== null && (head.seq <= remembered.seq || headDrift(reading, remembered) !== null)) return null;
  return { seq: head.seq, entryHash: head.entryHash, at: now.toISOString(), how: 'saw' };
}

/**
 * What to remember after appending `entry`: it, when it continues the remembered head. An append
 * onto a ledger that went backwards does not make the cut ledger the remembered one.
 */
export function wroteHead(entry: LedgerEntry, remembered: RememberedHead | null, fullReading: () => Promise<LedgerReading>, now: Date): Promise<RememberedHead | null> | RememberedHead | null {
  const next: RememberedHead = { seq: entry.seq, entryHash: entry.entryHash, at: now.toISOString(), how: 'wrote' };
  if (remembered === null || remembered.seq === 0) return next;
  if (remembered.seq === entry.seq - 1 && remembered.entryHash === entry.prevHash) return next;
  if (remembered.seq >= entry.seq) return null;
  return fullReading().then((reading) => (reading.breaks.length === 0 && headDrift(reading, remembered) === null ? next : null));
}
