import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { LabError } from '../../api/errors.js';
import { isLabError } from '../../api/errors.js';
import type { LedgerEntry } from '../ledger.js';
import { parseRecordText } from '../record-file.js';
import { RUN_RECORD_INFO } from '../record-schemas.js';
import { checkLedgerExcerpt } from './bundle-ledger.js';
import { BundleManifestSchema, LEDGER_FILE, MANIFEST_FILE, SIGNATURE_FILE } from './bundle-manifest.js';
import type { BundleManifest } from './bundle-manifest.js';
import { checkBundleSignature } from './bundle-signature.js';
import type { BundleSignatureCheck } from './bundle-signature.js';
import { ArchiveProblem, BUNDLE_LIMITS, readTarEntries, readWhole } from './tar-reader.js';
import type { TarEntry } from './tar-reader.js';

export interface CheckedBundle {
  path: string;
  /** The file name, as a merge records it. */
  name: string;
  manifest: BundleManifest;
  manifestSha256: string;
  signature: BundleSignatureCheck;
  /** The ledger line of each run the bundle carries, by run id. */
  runLines: Map<string, LedgerEntry>;
}

const MAX_SIGNATURE_BYTES = 64 * 1024;

/** A bundle refused: names the bundle, the entry (file, run id) and what differs. */
export function bundleRefused(path: string, entry: string | null, detail: string): LabError {
  return new LabError('input', `The bundle ${path} is refused: ${entry === null ? '' : `${entry} `}${detail}.`, 'Nothing was merged. Ask for the bundle again from the machine that wrote it (`edgelab runs bundle`), and check how it was copied.');
}

/**
 * Checks a bundle end to end without writing anything, reading it once as a stream: only regular
 * files under one folder, within the bounds (tar-reader.ts); the manifest first; every file's size
 * and SHA-256 against the manifest; the ledger excerpt chained again; each record's bytes against
 * its ledger line and its schema; and who signed the manifest.
 */
export async function checkBundle(path: string, allowedSigners: string | null): Promise<CheckedBundle> {
  try {
    return await checkEntries(path, allowedSigners);
  } catch (e) {
    if (e instanceof ArchiveProblem) throw bundleRefused(path, e.entry, e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LabError('input', `The bundle ${path} does not exist.`, 'Give the path of a file `edgelab runs bundle` wrote.');
    if (code === 'EISDIR') throw new LabError('input', `The bundle ${path} is a folder; a bundle is one archive file.`, 'Give the path of a file `edgelab runs bundle` wrote (e.g. orin-1.bundle.tar), not the folder holding it.');
    if (code === 'EACCES') throw new LabError('input', `The bundle ${path} cannot be read: permission denied.`, 'Give a bundle file this user may read.');
    throw e;
  }
}

async function checkEntries(path: string, allowedSigners: string | null): Promise<CheckedBundle> {
  const refuse = (entry: string | null, detail: string) => bundleRefused(path, entry, detail);
  let manifest: BundleManifest | null = null;
  let manifestBytes: Buffer | null = null;
  let signature: Buffer | null = null;
  let lines: Map<string, LedgerEntry> | null = null;
  let expected = new Map<string, BundleManifest['files'][number]>();
  let carried = new Set<string>();
  const seenRuns = new Set<string>();
  for await (const entry of readTarEntries(path)) {
    if (manifest === null || manifestBytes === null) {
      if (entry.path !== MANIFEST_FILE) throw refuse(entry.path, `comes first, where ${MANIFEST_FILE} belongs: this is not an edgelab bundle`);
      if (entry.size > BUNDLE_LIMITS.maxManifestBytes) throw refuse(MANIFEST_FILE, `is ${entry.size} bytes; a manifest holds at most ${BUNDLE_LIMITS.maxManifestBytes}`);
      manifestBytes = await readWhole(entry);
      manifest = parseManifest(manifestBytes, refuse);
      expected = new Map(manifest.files.map((f) => [f.path, f]));
      carried = new Set(manifest.runs.map((r) => r.id));
      continue;
    }
    if (entry.path === SIGNATURE_FILE && signature === null && lines === null) {
      if (entry.size > MAX_SIGNATURE_BYTES) throw refuse(SIGNATURE_FILE, `is ${entry.size} bytes; an SSH signature is a few hundred`);
      signature = await readWhole(entry);
      continue;
    }
    const row = expected.get(entry.path);
    if (!row) throw refuse(entry.path, 'is not listed in the manifest: a file was added to the bundle');
    expected.delete(entry.path);
    if (entry.size !== row.size) throw refuse(named(entry.path), `is ${entry.size} bytes where the manifest states ${row.size}: it was changed`);
    if (entry.path === LEDGER_FILE) {
      const bytes = await hashedWhole(entry, row.sha256, refuse);
      const checked = checkLedgerExcerpt(bytes.toString('utf8'), manifest);
      if (typeof checked === 'string') throw refuse(null, checked);
      lines = checked;
      continue;
    }
    if (lines === null) throw refuse(entry.path, `comes before ${LEDGER_FILE}: the bundle's entries are out of order`);
    const run = /^runs\/([^/]+)\.json$/.exec(entry.path);
    if (run) {
      const id = run[1] as string;
      const bytes = await hashedWhole(entry, row.sha256, refuse);
      const line = lines.get(entry.path);
      if (!line) throw refuse(entry.path, `(run ${id}) has no line in the bundle's ledger`);
      if (line.sha256 !== row.sha256) throw refuse(entry.path, `(run ${id}): its SHA-256 ${row.sha256} differs from its ledger line (seq ${line.seq}, ${line.sha256}): the record was changed after it was recorded`);
      try {
        parseRecordText(bytes.toString('utf8'), entry.path, RUN_RECORD_INFO);
      } catch (e) {
        if (isLabError(e)) throw refuse(entry.path, `(run ${id}): ${e.message}`);
        throw e;
      }
      seenRuns.add(id);
      continue;
    }
    const beside = /^runs\/([^/]+)\/([^/]+)$/.exec(entry.path);
    if (!beside) throw refuse(entry.path, 'is neither a run record nor a file beside one');
    if (!carried.has(beside[1] as string)) throw refuse(entry.path, `is beside run ${beside[1]}, which the bundle does not carry`);
    if ((beside[2] as string).startsWith('.')) throw refuse(entry.path, 'is a hidden file; edgelab keeps none beside a run');
    await hashOnly(entry, row.sha256, refuse);
  }
  if (manifest === null || manifestBytes === null) throw refuse(null, 'is empty: it holds no manifest');
  if (lines === null) throw refuse(LEDGER_FILE, 'is missing');
  const missing = [...expected.keys()][0];
  if (missing !== undefined) throw refuse(missing, 'is listed in the manifest but not in the archive: a file was removed');
  const runLines = new Map<string, LedgerEntry>();
  for (const run of manifest.runs) {
    if (runLines.has(run.id)) throw refuse(MANIFEST_FILE, `names run ${run.id} twice`);
    const line = lines.get(`runs/${run.id}.json`);
    if (!seenRuns.has(run.id) || !line) throw refuse(`runs/${run.id}.json`, `(run ${run.id}) is named by the manifest but not carried`);
    if (line.sha256 !== run.sha256) throw refuse(`runs/${run.id}.json`, `(run ${run.id}): the manifest's SHA-256 differs from its ledger line (seq ${line.seq})`);
    runLines.set(run.id, line);
  }
  const signatureCheck = await checkBundleSignature(manifestBytes, signature, allowedSigners);
  if (signatureCheck.tampered) throw refuse(SIGNATURE_FILE, signatureCheck.detail);
  return { path, name: basename(path), manifest, manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'), signature: signatureCheck, runLines };
}

/** An entry as a refusal names it: a record with its run id. */
function named(path: string): string {
  const run = /^runs\/([^/]+)\.json$/.exec(path);
  return run ? `${path} (run ${run[1]})` : path;
}

function parseManifest(bytes: Buffer, refuse: (entry: string | null, detail: string) => LabError): BundleManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refuse(MANIFEST_FILE, 'is not JSON');
  }
  const parsed = BundleManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(MANIFEST_FILE, `fails validation (${issue?.path.join('.') || 'manifest'}: ${issue?.message})`);
  }
  return parsed.data;
}

async function hashedWhole(entry: TarEntry, sha256: string, refuse: (entry: string | null, detail: string) => LabError): Promise<Buffer> {
  const bytes = await readWhole(entry);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw refuse(named(entry.path), `has SHA-256 ${actual} where the manifest states ${sha256}: it was changed`);
  return bytes;
}

async function hashOnly(entry: TarEntry, sha256: string, refuse: (entry: string | null, detail: string) => LabError): Promise<void> {
  const hash = createHash('sha256');
  for await (const chunk of entry.chunks()) hash.update(chunk);
  const actual = hash.digest('hex');
  if (actual !== sha256) throw refuse(entry.path, `has SHA-256 ${actual} where the manifest states ${sha256}: it was changed`);
}
