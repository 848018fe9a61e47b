import { createHash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../../api/errors.js';
import { tempPathFor } from '../atomic-file.js';
import { newEvidenceId } from '../evidence-id.js';
import type { WorkspaceLayout } from '../layout.js';
import { serializeWithContentDigest, sha256Hex } from '../record-file.js';
import type { RecordWriter } from '../record-writer.js';
import { ensureWorkspaceSubfolder } from '../workspace-subfolder.js';
import { readWorkspaceFile } from '../no-follow-file.js';
import { MERGE_RECORD_SCHEMA_VERSION, MergeRecordSchema } from './merge-record.js';
import type { MergeRecord } from './merge-record.js';
import { planMerge, readMergeRecords } from './merge-plan.js';
import type { PlannedRun } from './merge-plan.js';
import { bundleRefused } from './read-bundle.js';
import type { CheckedBundle } from './read-bundle.js';
import { readTarEntries, readWhole } from './tar-reader.js';
import type { TarEntry } from './tar-reader.js';

/** How many records a merge saves under one lock hold: bounded in count and in bytes held in memory. */
const MERGE_BATCH = { records: 64, bytes: 64 * 1024 * 1024 } as const;

export interface MergeOutcome {
  bundle: string;
  head: { seq: number; entryHash: string };
  /** The merge's own record and ledger line; null when nothing changed (the bundle was merged before). */
  mergeId: string | null;
  runs: PlannedRun[];
  signature: CheckedBundle['signature'];
  sourceUnit: string | null;
  hardwareFingerprint: string | null;
  /** The head a `--since` bundle's ledger lines chain from; null for a bundle carrying every line from the first. */
  since: { seq: number; entryHash: string } | null;
  /** For a `--since` bundle: the merge here whose bundle ended at that head, so the two excerpts join; null when none did. */
  continues: string | null;
}

/**
 * Adds a checked bundle's runs to the workspace: each record byte for byte (a clashing id kept
 * apart, merge-plan.ts), with its files, through the record writer (its own ledger line), then one
 * `merge` record naming the bundle's head. The archive is read a second time, and every entry is
 * hashed again as it is written, so a file swapped since the check is refused, not merged.
 */
export async function mergeCheckedBundle(layout: WorkspaceLayout, writer: RecordWriter, bundle: CheckedBundle, now: Date = new Date()): Promise<MergeOutcome> {
  const plan = await planMerge(layout, bundle);
  const merges = await readMergeRecords(layout);
  const outcome: MergeOutcome = {
    bundle: bundle.name,
    head: bundle.manifest.head,
    mergeId: null,
    runs: plan,
    signature: bundle.signature,
    sourceUnit: bundle.manifest.unit,
    hardwareFingerprint: bundle.manifest.hardware.fingerprint,
    since: bundle.manifest.since,
    // The excerpt is checked from the head it states; whether that head is one a merge here ended
    // at is what says the two pieces of the source's chain join, with nothing left out between.
    continues: bundle.manifest.since === null ? null : (merges.find((m) => m.record.bundle.head.entryHash === bundle.manifest.since?.entryHash)?.record.id ?? null),
  };
  const mergedBefore = merges.some((m) => m.record.bundle.head.entryHash === bundle.manifest.head.entryHash);
  if (mergedBefore && plan.every((p) => p.action === 'present')) return outcome;
  const byId = new Map(plan.map((p) => [p.id, p]));
  const rows = new Map(bundle.manifest.files.map((f) => [f.path, f]));
  // Records are saved in batches (one lock hold, one ledger write each); a record waits in the
  // batch until the files beside it, which follow it in the archive, are written.
  let batch: Array<{ id: string; bytes: Buffer }> = [];
  let batchBytes = 0;
  const flush = async () => {
    await writer.saveRecords('run', batch);
    batch = [];
    batchBytes = 0;
  };
  for await (const entry of readTarEntries(bundle.path)) {
    const record = /^runs\/([^/]+)\.json$/.exec(entry.path);
    const artifact = /^runs\/([^/]+)\/([^/]+)$/.exec(entry.path);
    if (record && (batch.length >= MERGE_BATCH.records || batchBytes >= MERGE_BATCH.bytes)) await flush();
    const planned = byId.get((record ?? artifact)?.[1] ?? '');
    if (!planned || planned.action === 'present') continue;
    const row = rows.get(entry.path);
    if (!row) throw bundleRefused(bundle.path, entry.path, 'changed since it was checked (not in its manifest)');
    if (record) {
      const bytes = await readWhole(entry);
      if (sha256Hex(bytes) !== row.sha256) throw bundleRefused(bundle.path, entry.path, `(run ${planned.id}) changed since it was checked`);
      batch.push({ id: planned.storedAs, bytes: planned.action === 'rename' ? renamedRecord(bytes, planned.storedAs) : bytes });
      batchBytes += bytes.length;
    } else if (artifact) {
      await writeArtifact(layout, planned.storedAs, artifact[2] as string, entry, row.sha256, bundle.path);
    }
  }
  await flush();
  const mergeRecord: MergeRecord = MergeRecordSchema.parse({
    schemaVersion: MERGE_RECORD_SCHEMA_VERSION,
    id: newEvidenceId(now),
    mergedAt: now.toISOString(),
    bundle: { name: bundle.name, manifestSha256: bundle.manifestSha256, createdAt: bundle.manifest.createdAt, head: bundle.manifest.head, since: bundle.manifest.since },
    source: { hardwareFingerprint: bundle.manifest.hardware.fingerprint, hardware: bundle.manifest.hardware.summary, unit: bundle.manifest.unit },
    signature: { signed: bundle.signature.signed, signedBy: bundle.signature.signedBy, trusted: bundle.signature.trusted },
    runs: plan.map((p) => ({ id: p.id, sha256: p.sha256, ...(p.storedAs !== p.id ? { storedAs: p.storedAs } : {}) })),
  });
  await ensureWorkspaceSubfolder(layout.dir, 'merges');
  await writer.saveRecords('merge', [{ id: mergeRecord.id, bytes: serializeWithContentDigest(mergeRecord) }]);
  outcome.mergeId = mergeRecord.id;
  return outcome;
}

/** The same run under the id it is kept by here: only `id` changes (and the record's own digest with it). */
function renamedRecord(bytes: Buffer, storedAs: string): Buffer {
  const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return serializeWithContentDigest({ ...json, id: storedAs });
}

/** A file beside a run, streamed to a temp file and renamed into place once its SHA-256 matches. */
async function writeArtifact(layout: WorkspaceLayout, runId: string, name: string, entry: TarEntry, sha256: string, bundlePath: string): Promise<void> {
  const dir = await ensureWorkspaceSubfolder(layout.runsDir, runId);
  const temp = tempPathFor(dir, name);
  const handle = await open(temp, 'wx');
  const hash = createHash('sha256');
  try {
    for await (const chunk of entry.chunks()) {
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
    await handle.close();
    if (hash.digest('hex') !== sha256) throw bundleRefused(bundlePath, entry.path, 'changed since it was checked');
    const target = join(dir, name);
    const existing = await readWorkspaceFile(target).catch(() => null);
    // The same bytes left by a merge cut off before its record was saved: kept, not written twice.
    if (existing !== null && sha256Hex(existing) === sha256) return;
    if (existing !== null) throw new LabError('input', `${target} exists already with other bytes; a merge never replaces a file in the workspace.`, 'Move it out of the run folder (it belongs to no recorded run), then merge again.');
    await rename(temp, target);
  } finally {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
  }
}
