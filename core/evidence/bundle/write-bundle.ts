import { createHash } from 'node:crypto';
import { link, lstat, open, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LabError } from '../../api/errors.js';
import { tempPathFor } from '../atomic-file.js';
import { evidenceProblem, readLedgerState } from '../evidence-check.js';
import type { WorkspaceLayout } from '../layout.js';
import { formatLedgerLine } from '../ledger.js';
import type { LedgerEntry } from '../ledger.js';
import type { MachineState } from '../machine-state.js';
import { readWorkspaceFile } from '../no-follow-file.js';
import { sha256Hex } from '../record-file.js';
import { resolveRunId } from '../run-listing.js';
import { sshKeygen } from '../signed-head.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_SIGNATURE_NAMESPACE, LEDGER_FILE, MANIFEST_FILE, SIGNATURE_FILE } from './bundle-manifest.js';
import type { BundleManifest } from './bundle-manifest.js';
import { TarWriter } from './tar-writer.js';

export interface BundleOptions {
  /** Runs by id or unique prefix; empty with `all` or `since`. */
  runIds: string[];
  all: boolean;
  /** A ledger head hash: bundle the lines after it and the runs they record. */
  since?: string;
  out: string;
  /** A private SSH key (or its .pub with the key in ssh-agent) to sign the manifest with. */
  key?: string;
  hardware: BundleManifest['hardware'];
  unit: string | null;
  now?: Date;
}

export interface WrittenBundle {
  path: string;
  manifest: BundleManifest;
  signed: boolean;
  bytes: number;
}

type FileRow = BundleManifest['files'][number];

/**
 * `edgelab runs bundle`: the chosen runs, their ledger lines (the whole chain up to the head, or
 * the verified excerpt after `since`), their files, the head and the machine, as one ustar archive
 * under one folder. The workspace is checked first: a broken chain or a record that differs from
 * its line is refused, never carried. Files are hashed in a first pass (the manifest comes first in
 * the archive) and again while copied, so a file that changes in between abandons the bundle.
 */
export async function writeBundle(layout: WorkspaceLayout, machine: MachineState, options: BundleOptions): Promise<WrittenBundle> {
  const state = await readLedgerState(layout, machine);
  if (state.chainProblem !== null) {
    throw new LabError('input', `Cannot bundle ${layout.dir}: ${state.chainProblem}.`, 'Run `edgelab runs verify` and restore the workspace first: a bundle carries only evidence that verifies.');
  }
  const entries = state.reading.entries;
  const head = entries.at(-1);
  if (!head) throw new LabError('usage', `The workspace ${layout.dir} has no runs recorded yet: there is nothing to bundle.`, 'Record runs first (`edgelab bench MODEL`).');
  const sinceAt = options.since === undefined ? -1 : entries.findIndex((e) => e.entryHash === options.since?.toLowerCase());
  if (options.since !== undefined && sinceAt === -1) {
    throw new LabError('usage', `--since ${options.since} is not a head of this workspace's ledger.`, 'Give an entryHash that `edgelab runs verify` or an earlier bundle printed.');
  }
  const excerpt = entries.slice(sinceAt + 1);
  const selected = await selectRuns(layout, machine, options, excerpt);
  const files: FileRow[] = [];
  const ledgerText = Buffer.from(excerpt.map((e) => formatLedgerLine(e)).join(''));
  files.push({ path: LEDGER_FILE, size: ledgerText.length, sha256: sha256Hex(ledgerText) });
  const runs: BundleManifest['runs'] = [];
  const sources = new Map<string, string>();
  for (const entry of selected) {
    const bytes = await readWorkspaceFile(layout.absolute(entry.file)).catch((e: Error) => {
      throw new LabError('input', `Cannot bundle ${entry.file}: ${e.message}.`, 'Run `edgelab runs verify` and restore the workspace first.');
    });
    const problem = evidenceProblem(state, entry.file, bytes);
    if (problem !== null) throw new LabError('input', `Cannot bundle ${entry.file}: ${problem.reason}.`, problem.hint);
    runs.push({ id: entry.id, sha256: entry.sha256 });
    files.push({ path: entry.file, size: bytes.length, sha256: entry.sha256 });
    sources.set(entry.file, layout.absolute(entry.file));
    for (const name of await artifactNames(layout.artifactDir(entry.id))) {
      const path = `runs/${entry.id}/${name}`;
      const source = join(layout.artifactDir(entry.id), name);
      files.push({ path, ...(await hashFile(source)) });
      sources.set(path, source);
    }
  }
  const existing = await lstat(options.out).catch(() => null);
  if (existing?.isDirectory()) {
    throw new LabError('usage', `--out ${options.out} is a folder; --out names the bundle file to write.`, `Give a new file name, e.g. --out ${join(options.out, 'lab.bundle.tar')}.`);
  }
  if (existing !== null) {
    throw new LabError('usage', `--out ${options.out} exists already; a bundle never replaces a file.`, 'Give a new file name, or move the old bundle away.');
  }
  const createdAt = (options.now ?? new Date()).toISOString();
  const sinceEntry = sinceAt === -1 ? null : entries[sinceAt];
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt,
    head: { seq: head.seq, entryHash: head.entryHash },
    since: sinceEntry ? { seq: sinceEntry.seq, entryHash: sinceEntry.entryHash } : null,
    ledger: { firstSeq: sinceEntry ? sinceEntry.seq + 1 : 1, prevHash: excerpt[0]?.prevHash ?? head.entryHash, lines: excerpt.length },
    hardware: options.hardware,
    unit: options.unit,
    runs,
    files,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
  const signature = options.key === undefined ? null : await signManifest(manifestBytes, options.key);
  const top = `edgelab-bundle-${head.seq}-${head.entryHash.slice(0, 12)}`;
  const mtime = Date.parse(createdAt) / 1000;
  const temp = tempPathFor(dirname(options.out), basename(options.out));
  const tar = await TarWriter.create(temp).catch((e: NodeJS.ErrnoException) => {
    const folder = dirname(options.out);
    const why = e.code === 'ENOENT' ? `the folder ${folder} does not exist` : e.code === 'EACCES' || e.code === 'EPERM' ? `the folder ${folder} is not writable` : e.code === 'ENOTDIR' ? `${folder} is not a folder` : e.message;
    throw new LabError('input', `Cannot write the bundle ${options.out}: ${why}.`, 'Choose a writable folder for --out (a bundle never creates folders).');
  });
  try {
    await tar.addBuffer(`${top}/${MANIFEST_FILE}`, manifestBytes, mtime);
    if (signature !== null) await tar.addBuffer(`${top}/${SIGNATURE_FILE}`, signature, mtime);
    await tar.addBuffer(`${top}/${LEDGER_FILE}`, ledgerText, mtime);
    for (const row of files.slice(1)) await tar.addFile(`${top}/${row.path}`, sources.get(row.path) as string, row, mtime);
    await tar.finish();
    // A hard link, not a rename: it fails if a file appeared at --out meanwhile, rather than replacing it.
    await link(temp, options.out);
  } catch (e) {
    await tar.abandon();
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new LabError('usage', `--out ${options.out} was created while the bundle was written; it was left as it is.`, 'Give a new file name.');
    throw new LabError('runtime', `Could not write the bundle ${options.out}: ${(e as Error).message}`, 'Nothing was written; run the command again.', { cause: e });
  } finally {
    await rm(temp, { force: true });
  }
  const size = (await lstat(options.out)).size;
  return { path: options.out, manifest, signed: signature !== null, bytes: size };
}

async function selectRuns(layout: WorkspaceLayout, machine: MachineState, options: BundleOptions, excerpt: ReadonlyArray<LedgerEntry>): Promise<LedgerEntry[]> {
  const runLines = excerpt.filter((e) => e.kind === 'run');
  if (options.runIds.length === 0) {
    if (!options.all && options.since === undefined) throw new LabError('usage', 'Name the runs to bundle: RUN…, --all or --since HEAD.', 'e.g. `edgelab runs bundle --all --out lab.bundle.tar`.');
    if (runLines.length === 0) {
      throw new LabError('usage', options.since === undefined ? `The workspace ${layout.dir} has no runs recorded: --all has nothing to bundle.` : `No runs were recorded after ${options.since}: there is nothing new to bundle.`, 'Record runs first, or give an earlier head with --since.');
    }
    return runLines;
  }
  if (options.all) throw new LabError('usage', 'Give either RUN… or --all, not both.', 'Drop --all to bundle only the runs named.');
  const byId = new Map(runLines.map((e) => [e.id, e]));
  const chosen: LedgerEntry[] = [];
  for (const given of options.runIds) {
    const id = await resolveRunId(layout, machine, given);
    const entry = byId.get(id);
    if (!entry) throw new LabError('usage', `The run ${id} is not recorded ${options.since === undefined ? 'in the ledger' : `after ${options.since}`}: it cannot be bundled.`, 'Run `edgelab runs verify`; with --since, name runs recorded after that head.');
    if (!chosen.includes(entry)) chosen.push(entry);
  }
  return chosen;
}

/** Files beside a run, regular ones only: a link or a folder there is never carried out of the workspace. */
async function artifactNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (!e.isFile()) throw new LabError('input', `${join(dir, e.name)} is not a regular file; a bundle carries regular files only.`, 'Move it out of the run folder, then bundle again.');
    names.push(e.name);
  }
  return names.sort();
}

async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const handle = await open(path, 'r');
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
  return { size, sha256: hash.digest('hex') };
}

async function signManifest(manifest: Buffer, key: string): Promise<Buffer> {
  const signed = await sshKeygen(['-Y', 'sign', '-f', key, '-n', BUNDLE_SIGNATURE_NAMESPACE], manifest.toString('utf8'));
  if (signed.code !== 0 || !signed.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new LabError('input', `ssh-keygen could not sign the bundle with ${key}: ${signed.stderr.trim() || `exit ${signed.code}`}.`, 'Give a private SSH key (or its .pub with the key loaded in ssh-agent) with --key FILE.');
  }
  return Buffer.from(signed.stdout);
}
