import { mkdir } from 'node:fs/promises';
import type { z } from 'zod';
import { LabError } from '../api/errors.js';
import { RunRecordSchema } from '../api/run-record.js';
import type { RunRecord } from '../api/run-record.js';
import { acceptCurrentHead } from './accept-head.js';
import { recordUnrecorded } from './accept-unrecorded.js';
import { readAttestations } from './attestation-list.js';
import { AttestationInputSchema, AttestationSchema, ATTESTATION_SCHEMA_VERSION } from './attestation.js';
import type { Attestation, AttestationInput } from './attestation.js';
import { readLedgerState } from './evidence-check.js';
import type { LedgerState } from './evidence-check.js';
import { assertSafeId, newAttestationId } from './evidence-id.js';
import { readEvidence } from './evidence-read.js';
import { withFileLock } from './file-lock.js';
import type { FileLockOptions } from './file-lock.js';
import { currentHead } from './head-anchor.js';
import { resolveIdPrefix } from './id-prefix.js';
import { WorkspaceLayout, idOfRecordFileName, recordFileNames } from './layout.js';
import type { EvidenceKind } from './layout.js';
import { MachineState } from './machine-state.js';
import { serializeWithContentDigest } from './record-file.js';
import type { RecordSchemaInfo } from './record-file.js';
import { ATTESTATION_INFO, RUN_RECORD_INFO } from './record-schemas.js';
import { RecordWriter } from './record-writer.js';
import type { SavedRecord } from './record-writer.js';
export type { SavedRecord } from './record-writer.js';
import type { RunFilter } from './run-filter.js';
import { loadRunSummaries } from './run-index.js';
import type { UnreadableRecord } from './run-index.js';
import { listRunSummaries, resolveRunId } from './run-listing.js';
import type { RunSummary } from './run-summary.js';
import { assertNotInFuture, validateForSave } from './save-checks.js';
import { readSignedHead, signHead } from './signed-head.js';
import type { SignedHead } from './signed-head.js';
import { resolveStateDir } from './state-dir.js';
import { describeVerifyReport, verifyWorkspace } from './verify.js';
import type { VerifyFinding, VerifyOptions, VerifyReport } from './verify.js';
import { assertWorkspaceFolder, prepareWorkspaceFolder } from './workspace-folder.js';
import { writeBundle } from './bundle/write-bundle.js';
import type { BundleOptions, WrittenBundle } from './bundle/write-bundle.js';
import { mergeBundles } from './bundle/merge-bundles.js';
import type { MergeOutcome } from './bundle/merge-bundle.js';

export type RunRecordInput = z.input<typeof RunRecordSchema>;


export interface WorkspaceOptions {
  lock?: FileLockOptions;
  /**
   * Open without creating or writing anything: for reading and verifying a workspace on read-only
   * media or in a checkout the user cannot write. Saves fail; verify runs without the lock (no one
   * can write there either).
   */
  readOnly?: boolean;
  /**
   * Where this machine remembers the workspace's heads and its own writes (state-dir.ts); by
   * default EDGELAB_STATE_DIR, else the OS state folder.
   */
  stateDir?: string;
}

/**
 * The evidence workspace: one immutable JSON record per run or attestation, and a hash-chained
 * ledger of every record written. See README.md in this folder for the layout and the guarantees.
 *
 * A save writes the record first (temp file, fsync, rename) and then its ledger line, both under
 * the workspace lock. A process killed in between leaves a valid record that verify reports as
 * unrecorded, never a ledger line that points at nothing; `recordUnrecorded()` accepts such records.
 */
export class Workspace {
  readonly layout: WorkspaceLayout;
  private readonly lockOptions: FileLockOptions;
  readonly readOnly: boolean;
  /** What this machine keeps about the workspace, outside it: heads written and seen, writes begun. */
  machine!: MachineState;

  private constructor(dir: string, options: WorkspaceOptions) {
    this.layout = new WorkspaceLayout(dir);
    this.lockOptions = options.lock ?? {};
    this.readOnly = options.readOnly ?? false;
  }

  get dir(): string {
    return this.layout.dir;
  }

  /** Opens (creating when needed) the workspace at `dir` and checks that it can be written. */
  static async open(dir: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const workspace = new Workspace(dir, options);
    const { layout } = workspace;
    if (workspace.readOnly) await assertWorkspaceFolder(dir);
    else await prepareWorkspaceFolder(layout);
    // After the folder exists: the machine's state is keyed by its real path.
    workspace.machine = await MachineState.open(options.stateDir ?? resolveStateDir(), dir);
    return workspace;
  }

  runFile(id: string): string {
    return this.layout.recordPath('run', id);
  }

  /** `runs/<id>/`: files that belong beside a run record, such as an ONNX Runtime profile trace. */
  artifactDir(id: string): string {
    assertSafeId(id, 'run');
    return this.layout.artifactDir(id);
  }

  async ensureArtifactDir(id: string): Promise<string> {
    const dir = this.artifactDir(id);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Validates, writes and records a run. Refuses to replace a run that already has this id. */
  async saveRun(input: RunRecordInput | RunRecord): Promise<SavedRecord> {
    this.assertWritable();
    const record = validateForSave(RunRecordSchema, input, 'run record');
    return this.writer().saveRecord('run', record.id, serializeWithContentDigest(record));
  }

  async saveAttestation(input: AttestationInput, now: Date = new Date()): Promise<Attestation> {
    const fields = validateForSave(AttestationInputSchema, input, 'attestation');
    if (fields.date !== undefined) assertNotInFuture(fields.date, now);
    const attestation = validateForSave(
      AttestationSchema,
      {
        schemaVersion: ATTESTATION_SCHEMA_VERSION,
        id: newAttestationId(now),
        itemId: fields.itemId,
        note: fields.note,
        link: fields.link ?? null,
        date: fields.date ?? now.toISOString(),
      },
      'attestation',
    );
    this.assertWritable();
    await this.writer().saveRecord('attestation', attestation.id, serializeWithContentDigest(attestation));
    return attestation;
  }

  /** Summaries of the runs matching `filter`, newest first. Records that fail validation are left out (see unreadableRuns). */
  listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    return listRunSummaries(this.layout, this.machine, filter);
  }

  /** The ledger's head (the last line's entryHash), to print beside anything that uses evidence. */
  async ledgerHead(): Promise<string | null> {
    return (await readLedgerState(this.layout, this.machine)).reading.head;
  }

  /** What a report or an export prints to pin: the head, and the signed head when there is one. */
  async headPin(): Promise<{ ledgerHead: string | null; signedHead: Pick<SignedHead, 'seq' | 'entryHash' | 'signatureSha256'> | null }> {
    const signed = await readSignedHead(this.layout);
    return { ledgerHead: await this.ledgerHead(), signedHead: signed ? { seq: signed.seq, entryHash: signed.entryHash, signatureSha256: signed.signatureSha256 } : null };
  }

  /** How many runs the workspace holds, whatever a filter says: "no runs match" differs from "no runs yet". */
  async countRuns(): Promise<number> {
    return (await recordFileNames(this.layout.runsDir)).length;
  }

  /** Run files that could not be read as runs, with why; they are never changed or removed. */
  async unreadableRuns(): Promise<UnreadableRecord[]> {
    return (await loadRunSummaries(this.layout, await this.machine.indexSealKey())).unreadable;
  }

  /** A run's id from the id, a unique prefix of one, or `latest`. */
  resolveRunId(idOrPrefix: string): Promise<string> {
    return resolveRunId(this.layout, this.machine, idOrPrefix);
  }

  /** The full record, by id or a unique prefix of one. */
  async getRun(idOrPrefix: string): Promise<RunRecord> {
    const id = await this.resolveRunId(idOrPrefix);
    return this.readEvidence('run', id, RUN_RECORD_INFO);
  }

  /**
   * The one read path for evidence: reports, compare, the ladder, exports, the server and the app
   * all read records through here (evidence-read.ts).
   */
  private readEvidence<T extends { id: string }>(kind: EvidenceKind, id: string, info: RecordSchemaInfo<T>, ledger?: LedgerState): Promise<T> {
    return readEvidence(this.layout, kind, id, info, async () => ledger ?? readLedgerState(this.layout, this.machine));
  }

  async getAttestation(idOrPrefix: string): Promise<Attestation> {
    const ids = (await recordFileNames(this.layout.attestationsDir)).map(idOfRecordFileName);
    const id = resolveIdPrefix(ids, idOrPrefix, { what: 'attestation', listCommand: 'edgelab ladder', workspaceDir: this.dir });
    return this.readEvidence('attestation', id, ATTESTATION_INFO);
  }

  /**
   * Attestations that pass the evidence check, newest first. The ladder counts these; those that
   * fail it (edited, hand-made, invalid, on a broken ledger) are in unverifiedAttestations().
   */
  async listAttestations(filter: { itemId?: string } = {}): Promise<Attestation[]> {
    return (await readAttestations(this.layout, this.machine, filter)).verified;
  }

  /** Attestation files that are not evidence, with why; never changed or removed. */
  async unverifiedAttestations(): Promise<UnreadableRecord[]> {
    return (await readAttestations(this.layout, this.machine, {})).unverified;
  }

  /**
   * Checks every record against the ledger and the ledger against itself, against the head this
   * machine remembers and (with `pinnedHead`, `allowedSigners`) against a head a reviewer pinned or
   * someone signed. Changes nothing in the workspace; `acceptHead` first makes this machine
   * remember the ledger's current head, knowingly, in place of one it went back or sideways from.
   * It holds the workspace lock, so a record landing mid-verify is not reported as unrecorded; a
   * read-only workspace, which no one can write, is verified without it.
   */
  async verify(options: Omit<VerifyOptions, 'machine'> & { acceptHead?: string } = {}): Promise<VerifyReport> {
    const { acceptHead, ...checks } = options;
    if (acceptHead !== undefined) await acceptCurrentHead(this.layout, this.machine, acceptHead);
    const run = () => verifyWorkspace(this.layout, { ...checks, machine: this.machine });
    return this.readOnly ? run() : withFileLock(this.layout.lockPath, run, this.lockOptions);
  }

  /**
   * Signs the ledger's head with an SSH key (signed-head.ts). Only a workspace that verifies is
   * vouched for.
   */
  async signHead(keyPath: string): Promise<SignedHead> {
    this.assertWritable();
    const report = await this.verify();
    if (!report.ok || report.head === null) {
      const why = report.head === null ? 'has no ledger entries' : `does not verify: ${describeVerifyReport(report).find((l) => !l.startsWith('note:')) ?? ''}`;
      throw new LabError('input', `The workspace ${this.dir} ${why}; nothing was signed.`, 'Run `edgelab runs verify` and resolve every finding first.');
    }
    const state = await readLedgerState(this.layout, this.machine);
    return signHead(this.layout, currentHead(state.reading), keyPath);
  }

  /** The repair after a crash between writing a record and its ledger line (accept-unrecorded.ts). */
  async recordUnrecorded(): Promise<{ recorded: VerifyFinding[]; skipped: VerifyFinding[] }> {
    this.assertWritable();
    return recordUnrecorded(this.layout, this.machine, this.lockOptions);
  }

  /** `edgelab runs bundle`: the chosen runs, their ledger lines and files as one archive (bundle/write-bundle.ts). */
  bundleRuns(options: BundleOptions): Promise<WrittenBundle> {
    return writeBundle(this.layout, this.machine, options);
  }

  /** `edgelab runs merge`: checks each bundle whole, then adds its runs and one merge record (bundle/merge-bundles.ts). */
  mergeBundles(paths: string[], allowedSigners?: string): Promise<MergeOutcome[]> {
    this.assertWritable();
    return mergeBundles(this.layout, this.machine, this.writer(), paths, allowedSigners);
  }

  private writer(): RecordWriter {
    return new RecordWriter(this.layout, this.machine, this.lockOptions);
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new LabError('usage', `The evidence workspace ${this.dir} was opened read-only; nothing can be recorded in it.`, 'Record into a writable workspace with --workspace DIR.');
    }
  }
}
