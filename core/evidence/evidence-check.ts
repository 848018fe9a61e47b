import { stat } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import type { EvidenceKind, WorkspaceLayout } from './layout.js';
import { readLedger } from './ledger.js';
import type { LedgerEntry, LedgerReading } from './ledger.js';
import { ledgerHeadPath, ledgerHeadProblem, readLedgerHead } from './ledger-head.js';
import { acceptHeadHint, headDrift, seenHead } from './head-anchor.js';
import type { HeadDrift } from './head-anchor.js';
import type { MachineState } from './machine-state.js';
import { sha256Hex } from './record-file.js';

/**
 * The one check every use of a record as evidence goes through (show, report, compare, ladder,
 * exports, the server, the app): the file's bytes match its ledger line, and that line sits on an
 * unbroken chain in a ledger that was neither deleted nor shortened. Listings use the same check to
 * mark what fails it "not verified" instead of refusing.
 */
export interface LedgerState {
  reading: LedgerReading;
  /** The newest line per record file. */
  latestByFile: Map<string, LedgerEntry & { line: number }>;
  /** Why no record in this workspace can count as evidence right now; null when the ledger is sound. */
  chainProblem: string | null;
  /** Set when the chain is intact but its head is not a descendant of the one this machine remembers. */
  drift: HeadDrift | null;
}

// Reading a ledger means hashing every line to check the chain; reports and the ladder read many
// records in a row, so the result is kept while neither file changed (ctime and inode included:
// no user-level tool sets those back).
const cache = new Map<string, { key: string; state: LedgerState }>();

async function fileKey(file: string): Promise<string> {
  const st = await stat(file).catch(() => null);
  return st ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : 'none';
}

/**
 * With `machine`, the ledger is also held to the head this machine remembers (head-anchor.ts),
 * and a sound ledger that went forward is remembered as seen.
 */
export async function readLedgerState(layout: WorkspaceLayout, machine: MachineState | null = null): Promise<LedgerState> {
  const filesKey = async () => `${await fileKey(layout.ledgerPath)}|${await fileKey(ledgerHeadPath(layout))}`;
  const before = await filesKey();
  // The machine's head file is part of the key: two state folders (two "devices") in one process
  // judge the same ledger against different heads.
  const machineKey = async () => (machine ? `${machine.headPath}:${await machine.headStamp()}` : '-');
  const cacheKey = `${before}|${await machineKey()}`;
  const hit = cache.get(layout.dir);
  if (hit?.key === cacheKey) return hit.state;
  const state = await readLedgerStateUncached(layout, machine);
  // Keyed again after reading: a line appended meanwhile makes this entry miss next time.
  if (before === (await filesKey())) cache.set(layout.dir, { key: `${before}|${await machineKey()}`, state });
  return state;
}

async function readLedgerStateUncached(layout: WorkspaceLayout, machine: MachineState | null): Promise<LedgerState> {
  // The remembered head is read before the ledger: a writer remembers a head only after its line is
  // on disk, so a head remembered by then is in what is read next, and a race is never a false alarm.
  const remembered = machine ? await machine.recallHead() : null;
  const ledgerExists = await stat(layout.ledgerPath).then(
    () => true,
    () => false,
  );
  const reading = await readLedger(layout.ledgerPath);
  const latestByFile = new Map<string, LedgerEntry & { line: number }>();
  const duplicates: number[] = [];
  for (const entry of reading.entries) {
    if (latestByFile.has(entry.file)) duplicates.push(entry.line);
    latestByFile.set(entry.file, entry);
  }
  const head = await readLedgerHead(layout);
  const firstBreak = reading.breaks[0];
  const fileProblem =
    ledgerHeadProblem(reading, head, ledgerExists) ??
    (firstBreak
      ? `the ledger's hash chain is broken at ledger.jsonl line ${firstBreak.line} (${firstBreak.detail})`
      : duplicates.length > 0
        ? `ledger.jsonl line ${duplicates[0]} records a file a second time; records are written once`
        : null);
  const drift = fileProblem === null ? headDrift(reading, remembered) : null;
  if (fileProblem === null && drift === null && machine) await machine.updateHead((now) => seenHead(reading, now, new Date()));
  return { reading, latestByFile, chainProblem: fileProblem ?? drift?.detail ?? null, drift };
}

export interface EvidenceProblem {
  reason: string;
  hint: string;
}

const RESTORE = 'Restore the workspace (records, ledger.jsonl, ledger.head) from version control; `edgelab runs verify` lists every finding.';

/** Why these bytes of this record are not evidence, or null when they are. */
export function evidenceProblem(state: LedgerState, file: string, bytes: Buffer): EvidenceProblem | null {
  if (state.chainProblem !== null) return { reason: state.chainProblem, hint: state.drift ? acceptHeadHint(state.drift.current) : RESTORE };
  const entry = state.latestByFile.get(file);
  if (!entry) {
    return state.reading.entries.length === 0 && state.reading.breaks.length === 0
      ? {
          reason: 'the workspace has no ledger entries at all, so nothing in it was recorded by edgelab (was ledger.jsonl deleted?)',
          hint: `${RESTORE} If the records were written by a crashed edgelab, \`edgelab runs verify --accept-unrecorded\` accepts those whose own digest still matches.`,
        }
      : {
          reason: 'it is not in the ledger: written by an edgelab that died before its ledger line, or added by hand',
          hint: '`edgelab runs verify --accept-unrecorded` accepts a record edgelab wrote whole (its own digest matches) and names what it accepts; anything else stays out.',
        };
  }
  if (sha256Hex(bytes) !== entry.sha256) {
    return { reason: `it was changed after it was recorded: its SHA-256 no longer matches ledger.jsonl line ${entry.line}`, hint: RESTORE };
  }
  return null;
}

export function notEvidenceError(kind: EvidenceKind, file: string, dir: string, problem: EvidenceProblem): LabError {
  const what = kind === 'run' ? 'run record' : kind === 'merge' ? 'merge record' : 'attestation';
  return new LabError('input', `The ${what} ${file} in ${dir} is not verified evidence: ${problem.reason}.`, `edgelab will not use it as evidence. ${problem.hint}`);
}

/** The evidence check on a listed run, from the hash the run index took of its bytes. */
export function listingProblem(ledger: LedgerState, file: string, sha256: string | undefined): string | null {
  if (ledger.chainProblem !== null) return ledger.chainProblem;
  const entry = ledger.latestByFile.get(file);
  if (!entry) return 'not in the ledger';
  if (sha256 !== entry.sha256) return `changed after it was recorded (ledger.jsonl line ${entry.line})`;
  return null;
}
