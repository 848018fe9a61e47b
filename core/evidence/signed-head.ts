import { spawn } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../api/errors.js';
import { tempPathFor } from './atomic-file.js';
import type { WorkspaceLayout } from './layout.js';
import type { LedgerReading } from './ledger.js';
import { sha256Hex } from './record-file.js';

/**
 * A ledger head vouched for with an SSH key, as git signs commits: `ssh-keygen -Y sign` over a short
 * text naming the head, checked with `ssh-keygen -Y verify` against an allowed-signers file. The two
 * files sit in the workspace and are committed with it; a reviewer checks who vouched for which head
 * (by hand too: `ssh-keygen -Y verify -f allowed_signers -I WHO -n edgelab-ledger-head -s
 * ledger.signed-head.sig < ledger.signed-head`).
 */
export const SIGNATURE_NAMESPACE = 'edgelab-ledger-head';
export const SIGNED_HEAD_FILE = 'ledger.signed-head';
export const SIGNATURE_FILE = 'ledger.signed-head.sig';

export interface SignedHead {
  seq: number;
  entryHash: string;
  signedAt: string;
  /** SHA-256 of the signature file, to print beside the head in reports. */
  signatureSha256: string;
}

export interface SignedHeadCheck extends Partial<SignedHead> {
  ok: boolean;
  /** Who signed, as the allowed-signers file names them; null when not checked or not found. */
  principal: string | null;
  detail: string;
}

function signedHeadText(seq: number, entryHash: string, signedAt: string): string {
  return `edgelab ledger head\nseq ${seq}\nentryHash ${entryHash}\nsignedAt ${signedAt}\n`;
}

function parseSignedHeadText(text: string): { seq: number; entryHash: string; signedAt: string } | null {
  const m = /^edgelab ledger head\nseq (\d+)\nentryHash ([0-9a-f]{64})\nsignedAt (\S+)\n$/.exec(text);
  return m ? { seq: Number(m[1]), entryHash: m[2] as string, signedAt: m[3] as string } : null;
}

/** The signed head in the workspace, unchecked; null when there is none. */
export async function readSignedHead(layout: WorkspaceLayout): Promise<SignedHead | null> {
  const [text, signature] = await Promise.all([readFile(join(layout.dir, SIGNED_HEAD_FILE), 'utf8').catch(() => null), readFile(join(layout.dir, SIGNATURE_FILE)).catch(() => null)]);
  const parsed = text === null ? null : parseSignedHeadText(text);
  if (parsed === null || signature === null) return null;
  return { ...parsed, signatureSha256: sha256Hex(signature) };
}

export async function signHead(layout: WorkspaceLayout, head: { seq: number; entryHash: string }, keyPath: string, now: Date = new Date()): Promise<SignedHead> {
  const text = signedHeadText(head.seq, head.entryHash, now.toISOString());
  const signed = await sshKeygen(['-Y', 'sign', '-f', keyPath, '-n', SIGNATURE_NAMESPACE], text);
  if (signed.code !== 0 || !signed.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new LabError('input', `ssh-keygen could not sign with ${keyPath}: ${signed.stderr.trim() || `exit ${signed.code}`}.`, 'Give a private SSH key (or its .pub with the key loaded in ssh-agent) with --key FILE.');
  }
  // The text last: a crash between the two leaves an old text beside a new signature, which fails to verify, never the reverse.
  await replaceFile(layout.dir, SIGNATURE_FILE, signed.stdout);
  await replaceFile(layout.dir, SIGNED_HEAD_FILE, text);
  return { seq: head.seq, entryHash: head.entryHash, signedAt: now.toISOString(), signatureSha256: sha256Hex(signed.stdout) };
}

/**
 * Whether the signed head is a line of this chain and, with `allowedSigners`, whose key signed it.
 * Without an allowed-signers file the signature is not checked, only where it points.
 */
export async function checkSignedHead(layout: WorkspaceLayout, reading: LedgerReading, allowedSigners?: string): Promise<SignedHeadCheck | null> {
  const head = await readSignedHead(layout);
  if (head === null) {
    return allowedSigners === undefined
      ? null
      : { ok: false, principal: null, detail: `no signed head in the workspace (${SIGNED_HEAD_FILE} and ${SIGNATURE_FILE}): sign one with \`edgelab runs sign-head --key FILE\`` };
  }
  const line = reading.entries.find((e) => e.seq === head.seq);
  const where = line?.entryHash === head.entryHash
    ? `seq ${head.seq}; ${reading.entries.length - head.seq} record${reading.entries.length - head.seq === 1 ? '' : 's'} added since`
    : null;
  if (where === null) return { ...head, ok: false, principal: null, detail: `the signed head ${head.entryHash} (seq ${head.seq}) is not a line of this ledger: the history it vouches for was cut or rewritten` };
  if (allowedSigners === undefined) return { ...head, ok: true, principal: null, detail: `signed head ${head.entryHash} (${where}); signature not checked: give --allowed-signers FILE` };
  const text = signedHeadText(head.seq, head.entryHash, head.signedAt);
  const sig = join(layout.dir, SIGNATURE_FILE);
  const found = await sshKeygen(['-Y', 'find-principals', '-s', sig, '-f', allowedSigners], '');
  const principals = found.code === 0 ? found.stdout.split('\n').map((p) => p.trim()).filter((p) => p !== '') : [];
  for (const principal of principals) {
    const verified = await sshKeygen(['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', SIGNATURE_NAMESPACE, '-s', sig], text);
    if (verified.code === 0) return { ...head, ok: true, principal, detail: `signed head ${head.entryHash} (${where}), signed by ${principal}` };
  }
  return {
    ...head,
    ok: false,
    principal: null,
    detail: principals.length === 0
      ? `the signature on head ${head.entryHash} is by no key in ${allowedSigners}${found.stderr.trim() ? ` (${found.stderr.trim().split('\n')[0]})` : ''}`
      : `the signature on head ${head.entryHash} does not verify for ${principals.join(', ')}: ${SIGNED_HEAD_FILE} or its signature was changed`,
  };
}

async function replaceFile(dir: string, name: string, content: string): Promise<void> {
  const temp = tempPathFor(dir, name);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, join(dir, name));
  } finally {
    await rm(temp, { force: true });
  }
}

export function sshKeygen(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new LabError('unavailable', 'ssh-keygen was not found on PATH: signing and checking a ledger head needs OpenSSH 8.2 or later.', 'Install OpenSSH (it ships with git on Windows).') : e),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // ssh-keygen may exit before reading its input (find-principals never reads it; a bad signers
    // file ends verify early): the broken pipe is its answer, told by its exit code, not a crash.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}
