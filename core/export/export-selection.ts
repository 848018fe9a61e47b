import { readFile } from 'node:fs/promises';
import { LabError } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';
import { readLedger } from '../evidence/ledger.js';
import { readSignedHead } from '../evidence/signed-head.js';
import { sha256Hex } from '../evidence/record-file.js';

/** A run read as evidence, with what ties it to the ledger. */
export interface ExportedRecord {
  record: RunRecord;
  /** The record file's exact bytes (what the ledger hashed). */
  bytes: Buffer;
  sha256: string;
  ledgerEntryHash: string | null;
}

export interface ExportSelection {
  records: ExportedRecord[];
  ledgerHead: string | null;
  /** The workspace's signed head (`runs sign-head`), to pin beside the head; null when none. */
  signedHead: string | null;
}

/**
 * Reads the runs to export through the workspace's verified read path (getRun refuses a record
 * edited after it was recorded), all of them before anything is sent or written, so one bad record
 * stops the export with its name instead of leaving half a history behind. `latest` names the
 * newest run; an empty list with `all` means every readable run, oldest first.
 */
export async function selectRunsForExport(workspace: Workspace, ids: readonly string[], options: { all?: boolean } = {}): Promise<ExportSelection> {
  let wanted: string[] = [...ids];
  if (options.all) {
    if (ids.length > 0) throw new LabError('usage', 'Name runs or give --all, not both.', 'edgelab export mlflow --all exports every run in the workspace.');
    wanted = (await workspace.listRuns()).map((s) => s.id).reverse();
  }
  if (wanted.length === 0) {
    throw new LabError('usage', options.all ? `No runs recorded in ${workspace.dir} yet.` : 'Name the runs to export (ids, unique prefixes or `latest`), or give --all.', 'List them with `edgelab runs`.');
  }
  const records: ExportedRecord[] = [];
  const seen = new Set<string>();
  for (const id of wanted) {
    const record = id === 'latest' ? await latestRun(workspace) : await workspace.getRun(id);
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    const bytes = await readFile(workspace.runFile(record.id));
    records.push({ record, bytes, sha256: sha256Hex(bytes), ledgerEntryHash: null });
  }
  const ledger = await readLedger(workspace.layout.ledgerPath);
  for (const r of records) {
    const entry = ledger.entries.filter((e) => e.kind === 'run' && e.id === r.record.id).at(-1);
    // getRun checked the file a moment ago; these are the bytes that will be sent, so check them too.
    if (entry && entry.sha256 !== r.sha256) {
      throw new LabError('input', `${workspace.runFile(r.record.id)} changed while it was being exported: its SHA-256 no longer matches ledger line ${entry.line}.`,
        'Nothing was exported. Find out what is writing to the workspace; `edgelab runs verify` lists every record that differs from the ledger.');
    }
    r.ledgerEntryHash = entry?.entryHash ?? null;
  }
  const signed = await readSignedHead(workspace.layout);
  return { records, ledgerHead: ledger.head, signedHead: signed ? `${signed.entryHash} (seq ${signed.seq}, signature SHA-256 ${signed.signatureSha256})` : null };
}

async function latestRun(workspace: Workspace): Promise<RunRecord> {
  const [newest] = await workspace.listRuns({ limit: 1 });
  if (!newest) throw new LabError('usage', `No runs recorded in ${workspace.dir} yet.`, 'Record one with `edgelab bench MODEL`.');
  return workspace.getRun(newest.id);
}
