import { readFile } from 'node:fs/promises';
import { isLabError } from '../api/errors.js';
import { idOfRecordFileName, recordFileNames } from './layout.js';
import type { EvidenceKind, WorkspaceLayout } from './layout.js';
import { readLedger } from './ledger.js';
import type { ChainBreak, LedgerEntry } from './ledger.js';
import { parseRecordText, sha256Hex } from './record-file.js';
import type { RecordSchemaInfo } from './record-file.js';
import { ATTESTATION_INFO, RUN_RECORD_INFO } from './record-schemas.js';

export interface VerifyFinding {
  /** Relative to the workspace, e.g. `runs/20261124T040112Z-3f9a1c.json`. */
  file: string;
  kind: EvidenceKind;
  id: string;
  detail: string;
}

export interface VerifyReport {
  workspace: string;
  /** True when nothing below was found. */
  ok: boolean;
  ledgerEntries: number;
  recordsOnDisk: number;
  /** entryHash of the last ledger line: quote it to pin the whole history. */
  head: string | null;
  /** On disk, but its bytes differ from the hash the ledger recorded. */
  edited: VerifyFinding[];
  /** In the ledger, not on disk. */
  missing: VerifyFinding[];
  /** Fails its schema (bad JSON, a bad field, an id that does not match its file name). */
  invalid: VerifyFinding[];
  /** On disk, not in the ledger: written by a process that died before its ledger line, or added by hand. */
  unrecorded: VerifyFinding[];
  /** Ledger lines that were edited, removed, reordered or damaged. */
  brokenChain: ChainBreak[];
  /** The last ledger line was cut off by a crash; the next write completes or drops it. */
  interruptedAppend: boolean;
}

const KINDS: EvidenceKind[] = ['run', 'attestation'];

/** Reads everything and changes nothing. */
export async function verifyWorkspace(layout: WorkspaceLayout): Promise<VerifyReport> {
  const ledger = await readLedger(layout.ledgerPath);
  const report: VerifyReport = {
    workspace: layout.dir,
    ok: true,
    ledgerEntries: ledger.entries.length,
    recordsOnDisk: 0,
    head: ledger.head,
    edited: [],
    missing: [],
    invalid: [],
    unrecorded: [],
    brokenChain: ledger.breaks,
    interruptedAppend: ledger.interruptedAppend,
  };

  const latestByFile = new Map<string, LedgerEntry & { line: number }>();
  for (const entry of ledger.entries) {
    if (latestByFile.has(entry.file)) {
      report.brokenChain.push({ line: entry.line, detail: `${entry.file} is recorded more than once; records are written once` });
    }
    latestByFile.set(entry.file, entry);
  }

  for (const kind of KINDS) {
    const info: RecordSchemaInfo<{ id: string }> = kind === 'run' ? RUN_RECORD_INFO : ATTESTATION_INFO;
    for (const name of await recordFileNames(layout.folderOf(kind))) {
      report.recordsOnDisk++;
      const id = idOfRecordFileName(name);
      const file = layout.relativeFile(kind, id);
      const finding = (detail: string): VerifyFinding => ({ file, kind, id, detail });
      let bytes: Buffer;
      try {
        bytes = await readFile(layout.absolute(file));
      } catch (e) {
        report.invalid.push(finding(`cannot be read: ${(e as Error).message}`));
        continue;
      }
      const entry = latestByFile.get(file);
      latestByFile.delete(file);
      if (!entry) report.unrecorded.push(finding('not in the ledger'));
      else if (sha256Hex(bytes) !== entry.sha256) report.edited.push(finding(`sha256 differs from ledger line ${entry.line}`));
      const problem = validationProblem(bytes, layout.absolute(file), info);
      if (problem !== null) report.invalid.push(finding(problem));
      else if (kind === 'run') await checkArtifacts(bytes, layout, id, report);
    }
  }

  for (const entry of latestByFile.values()) {
    report.missing.push({ file: entry.file, kind: entry.kind, id: entry.id, detail: `recorded on ledger line ${entry.line}, not on disk` });
  }
  report.ok =
    report.edited.length + report.missing.length + report.invalid.length + report.unrecorded.length + report.brokenChain.length === 0;
  return report;
}

/**
 * Files beside a run (the profiler's trace) are not in the ledger themselves; the record carries
 * their SHA-256 (`extras.profile.traceSha256`), and the record is. An edited or missing trace is
 * reported as edited or missing under its own name.
 */
async function checkArtifacts(recordBytes: Buffer, layout: WorkspaceLayout, id: string, report: VerifyReport): Promise<void> {
  const profile = (JSON.parse(recordBytes.toString('utf8')) as { extras?: { profile?: { traceFile?: unknown; traceSha256?: unknown } } }).extras?.profile;
  if (typeof profile?.traceFile !== 'string' || typeof profile.traceSha256 !== 'string') return;
  const file = `runs/${id}/${profile.traceFile}`;
  const finding = (detail: string): VerifyFinding => ({ file, kind: 'run', id, detail });
  let trace: Buffer;
  try {
    trace = await readFile(layout.absolute(file));
  } catch {
    report.missing.push(finding('named by its run record, not on disk'));
    return;
  }
  if (sha256Hex(trace) !== profile.traceSha256) report.edited.push(finding('sha256 differs from the one its run record holds'));
}

function validationProblem<T extends { id: string }>(bytes: Buffer, path: string, info: RecordSchemaInfo<T>): string | null {
  try {
    parseRecordText(bytes.toString('utf8'), path, info);
    return null;
  } catch (e) {
    if (isLabError(e)) return e.message;
    throw e;
  }
}

/** One line per finding, for a terminal or a CI log. */
export function describeVerifyReport(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const [label, findings] of [
    ['edited', report.edited],
    ['missing', report.missing],
    ['invalid', report.invalid],
    ['unrecorded', report.unrecorded],
  ] as const) {
    for (const f of findings) lines.push(`${label}: ${f.file}: ${f.detail}`);
  }
  for (const b of report.brokenChain) lines.push(`broken chain: ledger.jsonl line ${b.line}: ${b.detail}`);
  if (report.interruptedAppend) lines.push('note: the last ledger line was cut off by a crash; the next write completes or drops it');
  if (report.ok) lines.unshift(`ok: ${report.recordsOnDisk} record${report.recordsOnDisk === 1 ? '' : 's'}, ${report.ledgerEntries} ${report.ledgerEntries === 1 ? 'ledger entry' : 'ledger entries'}, head ${report.head ?? '(empty)'}`);
  return lines;
}
