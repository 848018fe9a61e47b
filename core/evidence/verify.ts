import { isLabError } from '../api/errors.js';
import { idOfRecordFileName, recordFileNames } from './layout.js';
import type { EvidenceKind, WorkspaceLayout } from './layout.js';
import type { ChainBreak, LedgerEntry } from './ledger.js';
import { checkContentDigest, parseRecordText, sha256Hex } from './record-file.js';
import { readLedgerState } from './evidence-check.js';
import type { RecordSchemaInfo } from './record-file.js';
import { ATTESTATION_INFO, MERGE_RECORD_INFO, RUN_RECORD_INFO } from './record-schemas.js';
import { acceptHeadHint } from './head-anchor.js';
import type { MachineState, RememberedHead } from './machine-state.js';
import { measuredProblem, runFolderFiles } from './measured-evidence.js';
import { checkSignedHead } from './signed-head.js';
import type { SignedHeadCheck } from './signed-head.js';
import type { RunRecord } from '../api/run-record.js';
import { NotRegularFileError, readWorkspaceFile } from './no-follow-file.js';

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
  /** recordsOnDisk by kind: runs, attestations and the records of merges (`runs merge`). */
  recordsByKind: Record<EvidenceKind, number>;
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
  /**
   * Why nothing here counts as evidence: a broken chain, or a ledger deleted, shortened or rewritten
   * (ledger.head says more was written). Null when the ledger is sound.
   */
  chainProblem?: string | null;
  /** `--head HASH`: whether the head a reviewer pinned earlier is a line of this ledger's chain. */
  pinnedHead?: { hash: string; seq: number | null; detail: string };
  /** Completed runs that say they were measured but lack what edgelab's runner writes (measured-evidence.ts). */
  notMeasured: VerifyFinding[];
  /**
   * The head this machine remembers for the workspace (outside it), and why none is, when so. A
   * ledger that is not a descendant of it is a `chainProblem`.
   */
  anchor: { remembered: RememberedHead | null; unavailable: string | null; acceptHint: string | null };
  /** The signed head in the workspace, if any: where it points and (with allowed signers) who signed it. */
  signedHead: SignedHeadCheck | null;
}

export interface VerifyOptions {
  pinnedHead?: string;
  /** An ssh-keygen allowed-signers file: the signed head must be there and signed by a key it names. */
  allowedSigners?: string;
  machine?: MachineState | null;
}

const KINDS: EvidenceKind[] = ['run', 'attestation', 'merge'];

/** Reads everything and changes nothing. */
export async function verifyWorkspace(layout: WorkspaceLayout, options: VerifyOptions = {}): Promise<VerifyReport> {
  const machine = options.machine ?? null;
  const state = await readLedgerState(layout, machine);
  const ledger = state.reading;
  const report: VerifyReport = {
    workspace: layout.dir,
    ok: true,
    ledgerEntries: ledger.entries.length,
    recordsOnDisk: 0,
    recordsByKind: { run: 0, attestation: 0, merge: 0 },
    head: ledger.head,
    edited: [],
    missing: [],
    invalid: [],
    unrecorded: [],
    brokenChain: [...ledger.breaks],
    interruptedAppend: ledger.interruptedAppend,
    chainProblem: state.chainProblem,
    notMeasured: [],
    anchor: {
      remembered: machine ? await machine.recallHead() : null,
      unavailable: machine ? machine.unavailable : 'no state folder was given, so no head is remembered',
      acceptHint: state.drift ? acceptHeadHint(state.drift.current) : null,
    },
    signedHead: await checkSignedHead(layout, ledger, options.allowedSigners),
  };

  const latestByFile = new Map<string, LedgerEntry & { line: number }>();
  for (const entry of ledger.entries) {
    if (latestByFile.has(entry.file)) {
      report.brokenChain.push({ line: entry.line, detail: `${entry.file} is recorded more than once; records are written once` });
    }
    latestByFile.set(entry.file, entry);
  }

  for (const kind of KINDS) {
    const info: RecordSchemaInfo<{ id: string }> = kind === 'run' ? RUN_RECORD_INFO : kind === 'merge' ? MERGE_RECORD_INFO : ATTESTATION_INFO;
    for (const name of await recordFileNames(layout.folderOf(kind))) {
      report.recordsOnDisk++;
      report.recordsByKind[kind]++;
      const id = idOfRecordFileName(name);
      const file = layout.relativeFile(kind, id);
      const finding = (detail: string): VerifyFinding => ({ file, kind, id, detail });
      let bytes: Buffer;
      try {
        bytes = await readWorkspaceFile(layout.absolute(file));
      } catch (e) {
        report.invalid.push(finding(`cannot be read: ${(e as Error).message}`));
        continue;
      }
      const entry = latestByFile.get(file);
      latestByFile.delete(file);
      if (!entry) report.unrecorded.push(finding(unrecordedDetail(bytes)));
      else if (sha256Hex(bytes) !== entry.sha256) report.edited.push(finding(`sha256 differs from ledger line ${entry.line}`));
      const problem = validationProblem(bytes, layout.absolute(file), info);
      if (problem !== null) report.invalid.push(finding(problem));
      else if (kind === 'run') {
        await checkArtifacts(bytes, layout, id, report);
        const record = parseRecordText(bytes.toString('utf8'), layout.absolute(file), RUN_RECORD_INFO) as RunRecord;
        const notMeasured = measuredProblem(record, await runFolderFiles(layout.artifactDir(id)));
        if (notMeasured !== null) report.notMeasured.push(finding(`unverifiable as measured: ${notMeasured}`));
      }
    }
  }

  for (const entry of latestByFile.values()) {
    report.missing.push({ file: entry.file, kind: entry.kind, id: entry.id, detail: `recorded on ledger line ${entry.line}, not on disk` });
  }
  if (!report.chainProblem && ledger.entries.length === 0 && ledger.breaks.length === 0 && report.unrecorded.length > 1) {
    // A crash leaves at most the record it was writing; many records and no ledger is a deleted ledger.
    report.chainProblem = `ledger.jsonl is missing or empty while ${report.unrecorded.length} records exist: the ledger was deleted, not left unwritten by a crash`;
  }
  if (options.pinnedHead !== undefined) report.pinnedHead = checkPinnedHead(ledger.entries, ledger.breaks.length === 0, options.pinnedHead);
  report.ok =
    report.edited.length + report.missing.length + report.invalid.length + report.unrecorded.length + report.brokenChain.length + report.notMeasured.length === 0 &&
    !report.chainProblem &&
    (report.signedHead === null || report.signedHead.ok) &&
    (report.pinnedHead === undefined || report.pinnedHead.seq !== null);
  return report;
}

function unrecordedDetail(bytes: Buffer): string {
  const digest = checkContentDigest(bytes);
  return digest === 'matches'
    ? 'not in the ledger; written whole by edgelab (its own digest matches): a crash before its ledger line'
    : digest === 'absent'
      ? 'not in the ledger; carries no digest of its own: made by hand, copied in, or written by an edgelab before 0.1'
      : 'not in the ledger; its own digest does not match its content: edited after edgelab wrote it';
}

/**
 * A head pinned in a review names one line of the chain; everything up to it is then exactly what
 * the reviewer saw, and lines after it are what was recorded since.
 */
function checkPinnedHead(entries: ReadonlyArray<LedgerEntry & { line: number }>, chainIntact: boolean, hash: string): NonNullable<VerifyReport['pinnedHead']> {
  const at = entries.find((e) => e.entryHash === hash.toLowerCase());
  if (!at) {
    return { hash, seq: null, detail: `the pinned head ${hash} is not in this ledger: the history it pinned was rewritten or shortened` };
  }
  if (!chainIntact) return { hash, seq: null, detail: `the pinned head is ledger line ${at.line}, but the chain is broken (see above)` };
  const since = entries.length - entries.indexOf(at) - 1;
  return { hash, seq: at.seq, detail: `the pinned head is ledger line ${at.line} (seq ${at.seq}); ${since} record${since === 1 ? '' : 's'} added since` };
}

/**
 * Files beside a run (the profiler's trace, an accuracy pass's per-image results) are not in the ledger themselves; the record carries
 * their SHA-256 (`extras.profile.traceSha256`), and the record is. An edited or missing trace is
 * reported as edited or missing under its own name.
 */
async function checkArtifacts(recordBytes: Buffer, layout: WorkspaceLayout, id: string, report: VerifyReport): Promise<void> {
  const parsed = JSON.parse(recordBytes.toString('utf8')) as {
    extras?: { profile?: { traceFile?: unknown; traceSha256?: unknown }; artifacts?: unknown; accuracyPass?: { perImage?: unknown } };
    origin?: { files?: unknown };
  };
  const profile = parsed.extras?.profile;
  // trtexec's logs and exports (extras.artifacts) and an import's source files (origin.files) are
  // held to their hashes the same way as a trace.
  // An accuracy pass's per-image results (extras.accuracyPass.perImage) are what drops and compare read.
  const named = [...listedFiles(parsed.extras?.artifacts), ...listedFiles(parsed.origin?.files), ...listedFiles([parsed.extras?.accuracyPass?.perImage])];
  if (typeof profile?.traceFile === 'string' && typeof profile.traceSha256 === 'string' && !named.some((f) => f.name === profile.traceFile)) {
    named.push({ name: profile.traceFile, sha256: profile.traceSha256 });
  }
  for (const f of named) await checkArtifact(layout, id, f.name, f.sha256, report);
}

function listedFiles(value: unknown): { name: string; sha256: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter((f): f is { name: string; sha256: string } => typeof f?.name === 'string' && typeof f?.sha256 === 'string' && !f.name.includes('/') && !f.name.includes('\\'));
}

async function checkArtifact(layout: WorkspaceLayout, id: string, name: string, sha256: string, report: VerifyReport): Promise<void> {
  const file = `runs/${id}/${name}`;
  const finding = (detail: string): VerifyFinding => ({ file, kind: 'run', id, detail });
  let trace: Buffer;
  try {
    trace = await readWorkspaceFile(layout.absolute(file));
  } catch (e) {
    if (e instanceof NotRegularFileError) report.edited.push(finding(`${e.what} where its run record names a file: replaced after the run`));
    else report.missing.push(finding('named by its run record, not on disk'));
    return;
  }
  if (sha256Hex(trace) !== sha256) report.edited.push(finding('sha256 differs from the one its run record holds'));
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
    ['not measured', report.notMeasured],
  ] as const) {
    for (const f of findings) lines.push(`${label}: ${f.file}: ${f.detail}`);
  }
  for (const b of report.brokenChain) lines.push(`broken chain: ledger.jsonl line ${b.line}: ${b.detail}`);
  if (report.chainProblem && report.brokenChain.length === 0) lines.unshift(`ledger: ${report.chainProblem}`);
  if (report.anchor.acceptHint) lines.push(`  ${report.anchor.acceptHint}`);
  if (report.signedHead) lines.push(`${report.signedHead.ok ? 'signed head: ok' : 'signed head: FAILED'}: ${report.signedHead.detail}`);
  if (report.anchor.unavailable) lines.push(`note: this machine remembers no head for this workspace: ${report.anchor.unavailable}`);
  if (report.pinnedHead) lines.push(`${report.pinnedHead.seq === null ? 'pinned head: FAILED' : 'pinned head: ok'}: ${report.pinnedHead.detail}`);
  if (report.interruptedAppend) lines.push('note: the last ledger line was cut off by a crash; the next write completes or drops it');
  if (report.ok) lines.unshift(`ok: ${report.recordsOnDisk} record${report.recordsOnDisk === 1 ? '' : 's'}${recordKinds(report)}, ${report.ledgerEntries} ${report.ledgerEntries === 1 ? 'ledger entry' : 'ledger entries'}, head ${report.head ?? '(empty)'}`);
  else lines.push(`head ${report.head ?? '(empty)'} (${report.ledgerEntries} ledger entries, ${report.recordsOnDisk} records on disk${recordKinds(report)})`);
  return lines;
}

/**
 * What the record count is made of, once a workspace holds merges: a merge is a record and a ledger
 * line of its own, so "6 records" over 4 runs would otherwise read as 6 runs. Workspaces without
 * merges keep the line they always printed.
 */
function recordKinds(report: VerifyReport): string {
  const { run, attestation, merge } = report.recordsByKind;
  if (merge === 0) return '';
  const parts = [`${run} run${run === 1 ? '' : 's'}`];
  if (attestation > 0) parts.push(`${attestation} attestation${attestation === 1 ? '' : 's'}`);
  parts.push(`${merge} merge${merge === 1 ? '' : 's'}`);
  return ` (${parts.join(', ')})`;
}
