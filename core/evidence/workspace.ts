import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { LabError, isLabError } from '../api/errors.js';
import { RunRecordSchema } from '../api/run-record.js';
import type { RunRecord } from '../api/run-record.js';
import { AttestationInputSchema, AttestationSchema, ATTESTATION_SCHEMA_VERSION } from './attestation.js';
import type { Attestation, AttestationInput } from './attestation.js';
import { pathExists, removeOldTempFiles, syncDirectory, writeSyncedTempFile } from './atomic-file.js';
import { assertSafeId, newAttestationId } from './evidence-id.js';
import { withFileLock } from './file-lock.js';
import type { FileLockOptions } from './file-lock.js';
import { resolveIdPrefix } from './id-prefix.js';
import { WorkspaceLayout, idOfRecordFileName, recordFileNames } from './layout.js';
import type { EvidenceKind } from './layout.js';
import { appendLedgerEntry } from './ledger.js';
import type { LedgerEntry } from './ledger.js';
import { checkContentDigest, describeIssues, parseRecordText, serializeWithContentDigest, sha256Hex } from './record-file.js';
import type { RecordSchemaInfo } from './record-file.js';
import { evidenceProblem, notEvidenceError, readLedgerState } from './evidence-check.js';
import type { LedgerState } from './evidence-check.js';
import { writeLedgerHead } from './ledger-head.js';
import { ATTESTATION_INFO, RUN_RECORD_INFO } from './record-schemas.js';
import { compileRunFilter } from './run-filter.js';
import type { RunFilter } from './run-filter.js';
import { loadRunSummaries } from './run-index.js';
import type { UnreadableRecord } from './run-index.js';
import { compareNewestFirst } from './run-summary.js';
import type { RunSummary } from './run-summary.js';
import { verifyWorkspace } from './verify.js';
import type { VerifyFinding, VerifyReport } from './verify.js';
import { readWorkspaceFile } from './no-follow-file.js';

export type RunRecordInput = z.input<typeof RunRecordSchema>;

export interface SavedRecord {
  id: string;
  /** Absolute path of the record file. */
  path: string;
  /** Its ledger line. */
  entry: LedgerEntry;
}

export interface WorkspaceOptions {
  lock?: FileLockOptions;
  /**
   * Open without creating or writing anything: for reading and verifying a workspace on read-only
   * media or in a checkout the user cannot write. Saves fail; verify runs without the lock (no one
   * can write there either).
   */
  readOnly?: boolean;
}

// The workspace may be committed beside a model repo; this keeps the machinery out of commits.
const WORKSPACE_GITIGNORE = '# Written by edgelab: caches and writes in progress, never evidence.\n.cache/\n*.tmp\nledger.lock\n';
// Records are hashed byte for byte: a checkout that converted line endings would make every one "edited".
const WORKSPACE_GITATTRIBUTES = '# Written by edgelab: records are verified byte for byte, so git must not convert line endings.\n* -text\n';

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
    if (workspace.readOnly) {
      const folder = await stat(dir).catch(() => null);
      if (!folder?.isDirectory()) {
        throw new LabError('input', `The evidence workspace ${dir} does not exist.`, 'Give the folder that holds runs/ and ledger.jsonl with --workspace DIR or EDGELAB_WORKSPACE.');
      }
      return workspace;
    }
    try {
      // Node's recursive mkdir never returns under some pseudo file systems (e.g. /proc/x): bound it.
      await withinSeconds(10, `creating ${dir} did not finish`, async () => {
        await mkdir(layout.runsDir, { recursive: true });
        await mkdir(layout.attestationsDir, { recursive: true });
      });
      // mkdir succeeds on an existing read-only folder; only a write proves we can record evidence.
      const probe = await writeSyncedTempFile(layout.dir, 'write-probe', Buffer.from('edgelab'));
      await rm(probe, { force: true });
    } catch (e) {
      throw new LabError(
        'input',
        `Cannot write to the evidence workspace ${dir}: ${(e as Error).message}`,
        'Fix its permissions, or choose a writable folder with --workspace DIR or the EDGELAB_WORKSPACE environment variable.',
        { cause: e },
      );
    }
    await writeFile(join(layout.dir, '.gitignore'), WORKSPACE_GITIGNORE, { flag: 'wx' }).catch(() => undefined);
    await writeFile(join(layout.dir, '.gitattributes'), WORKSPACE_GITATTRIBUTES, { flag: 'wx' }).catch(() => undefined);
    for (const folder of [layout.dir, layout.runsDir, layout.attestationsDir, layout.cacheDir]) {
      await removeOldTempFiles(folder);
    }
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
    const record = validateForSave(RunRecordSchema, input, 'run record');
    return this.saveRecord('run', record.id, serializeWithContentDigest(record));
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
    await this.saveRecord('attestation', attestation.id, serializeWithContentDigest(attestation));
    return attestation;
  }

  /**
   * Appends a ledger line for a record file already in place, taking the workspace lock. Saves do
   * this themselves; it is public for tools that place records by other means (an import).
   */
  async appendLedger(kind: EvidenceKind, id: string): Promise<LedgerEntry> {
    this.assertWritable();
    assertSafeId(id, kind);
    const path = this.layout.recordPath(kind, id);
    return withFileLock(this.layout.lockPath, () => this.appendLedgerLocked(kind, id, path), this.lockOptions);
  }

  /** Summaries of the runs matching `filter`, newest first. Records that fail validation are left out (see unreadableRuns). */
  async listRuns(filter: RunFilter = {}): Promise<RunSummary[]> {
    const matches = compileRunFilter(filter);
    const [{ runs, sha256ByFile }, ledger] = await Promise.all([loadRunSummaries(this.layout), readLedgerState(this.layout)]);
    const sorted = runs.filter(matches).sort(compareNewestFirst);
    const shown = filter.limit === undefined ? sorted : sorted.slice(0, Math.max(0, filter.limit));
    // The same check getRun applies, on the hash the index took of the file's bytes.
    return shown.map((run) => ({ ...run, notVerified: listingProblem(ledger, run.file, sha256ByFile.get(run.file)) }));
  }

  /** The ledger's head (the last line's entryHash), to print beside anything that uses evidence. */
  async ledgerHead(): Promise<string | null> {
    return (await readLedgerState(this.layout)).reading.head;
  }

  /** How many runs the workspace holds, whatever a filter says: "no runs match" differs from "no runs yet". */
  async countRuns(): Promise<number> {
    return (await recordFileNames(this.layout.runsDir)).length;
  }

  /** Run files that could not be read as runs, with why; they are never changed or removed. */
  async unreadableRuns(): Promise<UnreadableRecord[]> {
    return (await loadRunSummaries(this.layout)).unreadable;
  }

  async resolveRunId(idOrPrefix: string): Promise<string> {
    // `latest` is taken everywhere an id is: the newest run. If that one fails the evidence check
    // it is refused like any other id, never silently replaced by an older one.
    if (idOrPrefix === 'latest') {
      const [newest] = await this.listRuns({ limit: 1 });
      if (!newest) throw new LabError('usage', `No runs recorded in ${this.dir} yet, so there is no latest run.`, 'Record one with `edgelab bench MODEL`.');
      return newest.id;
    }
    const ids = (await recordFileNames(this.layout.runsDir)).map(idOfRecordFileName);
    return resolveIdPrefix(ids, idOrPrefix, { what: 'run', listCommand: 'edgelab runs', workspaceDir: this.dir });
  }

  /** The full record, by id or a unique prefix of one. */
  async getRun(idOrPrefix: string): Promise<RunRecord> {
    const id = await this.resolveRunId(idOrPrefix);
    return this.readEvidence('run', id, RUN_RECORD_INFO);
  }

  /**
   * The one read path for evidence: reports, compare, the ladder, exports, the server and the app
   * all read records through here. The bytes are read once, checked against their ledger line on an
   * unbroken chain (evidence-check.ts), and only then parsed, so what is checked is what is used.
   */
  private async readEvidence<T extends { id: string }>(kind: EvidenceKind, id: string, info: RecordSchemaInfo<T>, ledger?: LedgerState): Promise<T> {
    const file = this.layout.relativeFile(kind, id);
    const path = this.layout.absolute(file);
    const bytes = await readWorkspaceFile(path).catch((e: unknown) => {
      throw new LabError('input', `Cannot read the ${info.what} file ${path}: ${(e as Error).message}`, 'Check the workspace folder (--workspace DIR or EDGELAB_WORKSPACE) and its permissions.', { cause: e });
    });
    const problem = evidenceProblem(ledger ?? (await readLedgerState(this.layout)), file, bytes);
    let record: T;
    try {
      record = parseRecordText(bytes.toString('utf8'), path, info);
    } catch (e) {
      // Both findings, so the user sees what is wrong with the file and that it is not evidence.
      if (problem && isLabError(e)) throw new LabError('input', `${e.message} It is also not verified evidence: ${problem.reason}.`, e.hint, { cause: e });
      throw e;
    }
    if (problem) throw notEvidenceError(kind, file, this.dir, problem);
    // The digest describes the file, not the run: callers get the record as it was saved.
    const { contentSha256: _digest, ...fields } = record as T & { contentSha256?: string };
    return fields as unknown as T;
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
    return (await this.readAttestations(filter)).verified;
  }

  /** Attestation files that are not evidence, with why; never changed or removed. */
  async unverifiedAttestations(): Promise<UnreadableRecord[]> {
    return (await this.readAttestations({})).unverified;
  }

  private async readAttestations(filter: { itemId?: string }): Promise<{ verified: Attestation[]; unverified: UnreadableRecord[] }> {
    const ledger = await readLedgerState(this.layout);
    const verified: Attestation[] = [];
    const unverified: UnreadableRecord[] = [];
    for (const name of await recordFileNames(this.layout.attestationsDir)) {
      try {
        const attestation = await this.readEvidence('attestation', idOfRecordFileName(name), ATTESTATION_INFO, ledger);
        if (filter.itemId === undefined || attestation.itemId === filter.itemId) verified.push(attestation);
      } catch (e) {
        if (!isLabError(e)) throw e;
        unverified.push({ file: `attestations/${name}`, message: e.message });
      }
    }
    verified.sort((a, b) => compareNewestFirst({ startedAt: a.date, id: a.id }, { startedAt: b.date, id: b.id }));
    return { verified, unverified };
  }

  /**
   * Checks every record against the ledger and the ledger against itself, and (with `pinnedHead`)
   * that the history a reviewer pinned is still the start of this ledger. Changes nothing. It holds
   * the workspace lock, so a record landing mid-verify is not reported as unrecorded; a read-only
   * workspace, which no one can write, is verified without it.
   */
  verify(options: { pinnedHead?: string } = {}): Promise<VerifyReport> {
    const run = () => verifyWorkspace(this.layout, options);
    return this.readOnly ? run() : withFileLock(this.layout.lockPath, run, this.lockOptions);
  }

  /**
   * Adds a ledger line for each unrecorded record that passes validation: the repair after a crash
   * between writing a record and its ledger line, or the acceptance of records copied in by hand.
   * Edited, missing and invalid records are left for a person to judge.
   */
  async recordUnrecorded(): Promise<{ recorded: VerifyFinding[]; skipped: VerifyFinding[] }> {
    this.assertWritable();
    return withFileLock(
      this.layout.lockPath,
      async () => {
        const report = await verifyWorkspace(this.layout);
        // Accepting into a broken, deleted or shortened ledger would launder whatever replaced it.
        if (report.chainProblem) {
          throw new LabError(
            'input',
            `Nothing was accepted into the ledger of ${this.dir}: ${report.chainProblem}.`,
            'Restore ledger.jsonl and ledger.head from version control first; records are accepted only onto an intact ledger.',
          );
        }
        const invalid = new Set(report.invalid.map((f) => f.file));
        const recorded: VerifyFinding[] = [];
        const skipped: VerifyFinding[] = [];
        for (const finding of report.unrecorded) {
          if (invalid.has(finding.file)) {
            skipped.push({ ...finding, detail: `fails validation (${report.invalid.find((f) => f.file === finding.file)?.detail ?? 'invalid'})` });
            continue;
          }
          const digest = checkContentDigest(await readFile(this.layout.absolute(finding.file)));
          if (digest !== 'matches') {
            skipped.push({
              ...finding,
              detail:
                digest === 'absent'
                  ? 'carries no digest of its own: made by hand or copied from elsewhere, not left by a crash'
                  : 'its own digest does not match its content: edited after edgelab wrote it',
            });
            continue;
          }
          await this.appendLedgerLocked(finding.kind, finding.id, this.layout.absolute(finding.file));
          recorded.push(finding);
        }
        return { recorded, skipped };
      },
      this.lockOptions,
    );
  }

  private assertWritable(): void {
    if (this.readOnly) {
      throw new LabError('usage', `The evidence workspace ${this.dir} was opened read-only; nothing can be recorded in it.`, 'Record into a writable workspace with --workspace DIR.');
    }
  }

  private async saveRecord(kind: EvidenceKind, id: string, bytes: Buffer): Promise<SavedRecord> {
    this.assertWritable();
    assertSafeId(id, kind);
    const folder = this.layout.folderOf(kind);
    const path = this.layout.recordPath(kind, id);
    // The slow part (writing and syncing maybe megabytes of samples) happens outside the lock.
    const tempPath = await writeSyncedTempFile(folder, `${id}.json`, bytes).catch((e: unknown) => {
      throw writeError(path, e);
    });
    try {
      return await withFileLock(
        this.layout.lockPath,
        async () => {
          if (await pathExists(path)) {
            throw new LabError(
              'usage',
              `The workspace already holds ${kind === 'run' ? 'a run' : 'an attestation'} with id ${id} (${path}); records are never overwritten.`,
              'Give the new record a fresh id (newRunId() makes one).',
            );
          }
          try {
            await rename(tempPath, path);
            await syncDirectory(folder);
          } catch (e) {
            throw writeError(path, e);
          }
          const entry = await this.appendLedgerLocked(kind, id, path, bytes).catch((e: unknown) => {
            throw new LabError(
              'runtime',
              `Saved ${path} but could not add it to the ledger ${this.layout.ledgerPath}: ${(e as Error).message}`,
              'The record is safe. Fix the cause (disk full, permissions), then run `edgelab runs verify --accept-unrecorded` to accept it into the ledger.',
              { cause: e },
            );
          });
          return { id, path, entry };
        },
        this.lockOptions,
      );
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  private async appendLedgerLocked(kind: EvidenceKind, id: string, path: string, knownBytes?: Buffer): Promise<LedgerEntry> {
    const bytes =
      knownBytes ??
      (await readFile(path).catch((e: unknown) => {
        throw new LabError('input', `Cannot add ${path} to the ledger: ${(e as Error).message}`, 'Check that the record file exists in the workspace.', { cause: e });
      }));
    const entry = await appendLedgerEntry(this.layout.ledgerPath, { kind, id, file: this.layout.relativeFile(kind, id), sha256: sha256Hex(bytes) });
    await writeLedgerHead(this.layout, entry);
    return entry;
  }
}

/** The evidence check on a listed run, from the hash the run index took of its bytes. */
function listingProblem(ledger: LedgerState, file: string, sha256: string | undefined): string | null {
  if (ledger.chainProblem !== null) return ledger.chainProblem;
  const entry = ledger.latestByFile.get(file);
  if (!entry) return 'not in the ledger';
  if (sha256 !== entry.sha256) return `changed after it was recorded (ledger.jsonl line ${entry.line})`;
  return null;
}

/**
 * Evidence of work not done yet is not evidence. A calendar date is judged with the widest time-zone
 * slack (UTC+14), a date-time with a few minutes for clock skew.
 */
function assertNotInFuture(date: string, now: Date): void {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const at = Date.parse(dayOnly ? `${date}T00:00:00Z` : date);
  const slackMs = dayOnly ? 14 * 3600_000 : 5 * 60_000;
  if (at - slackMs > now.getTime()) {
    throw new LabError('usage', `The attestation date ${date} is in the future (it is ${now.toISOString().slice(0, 10)} now).`, 'Give the date the work happened, or leave out --date for today.');
  }
}

function validateForSave<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new LabError('usage', `The ${what} to save fails validation: ${describeIssues(parsed.error)}.`, `Nothing was written. Fix the named field of the ${what}.`);
  }
  return parsed.data;
}

function writeError(path: string, cause: unknown): LabError {
  return new LabError(
    'input',
    `Cannot write ${path}: ${(cause as Error).message}`,
    'Check free disk space and the workspace permissions, or choose another folder with --workspace DIR.',
    { cause },
  );
}

async function withinSeconds<T>(seconds: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${seconds} s`)), seconds * 1000);
    timer.unref();
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
