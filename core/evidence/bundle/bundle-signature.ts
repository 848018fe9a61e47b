import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sshKeygen } from '../signed-head.js';
import { BUNDLE_SIGNATURE_NAMESPACE } from './bundle-manifest.js';

export interface BundleSignatureCheck {
  signed: boolean;
  /** The principal the allowed-signers file names for the signing key; null when unsigned or by a key it does not name. */
  signedBy: string | null;
  trusted: boolean;
  /** A key the allowed signers name made a signature that no longer matches the manifest: the bundle was changed after signing. */
  tampered?: boolean;
  /** One line for the merge's output. */
  detail: string;
}

/** The allowed-signers file a merge trusts: the one given, else `allowed_signers` in the workspace when there is one. */
export async function trustedSignersFile(workspaceDir: string, given: string | undefined): Promise<string | null> {
  if (given !== undefined) return given;
  const inWorkspace = join(workspaceDir, 'allowed_signers');
  return (await stat(inWorkspace).catch(() => null))?.isFile() ? inWorkspace : null;
}

/**
 * Who signed a bundle's manifest, checked with `ssh-keygen -Y find-principals` and `-Y verify`
 * against the allowed-signers file. The chain inside a bundle proves only that it is consistent (a
 * forger can build a fresh one), so this is what makes a merged run count as measured.
 */
export async function checkBundleSignature(manifest: Buffer, signature: Buffer | null, allowedSigners: string | null): Promise<BundleSignatureCheck> {
  if (signature === null) return { signed: false, signedBy: null, trusted: false, detail: 'unsigned: its runs show as merged, unsigned, and tick no measured ladder item' };
  if (allowedSigners === null) {
    return { signed: true, signedBy: null, trusted: false, detail: 'signed, but this workspace names no allowed signers (allowed_signers in the workspace, or --allowed-signers FILE): not trusted' };
  }
  const dir = await mkdtemp(join(tmpdir(), 'edgelab-bundle-sig-'));
  try {
    const sig = join(dir, 'manifest.json.sig');
    await writeFile(sig, signature);
    const text = manifest.toString('utf8');
    const found = await sshKeygen(['-Y', 'find-principals', '-s', sig, '-f', allowedSigners], '');
    const principals = found.code === 0 ? found.stdout.split('\n').map((p) => p.trim()).filter((p) => p !== '') : [];
    for (const principal of principals) {
      const verified = await sshKeygen(['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', BUNDLE_SIGNATURE_NAMESPACE, '-s', sig], text);
      if (verified.code === 0) return { signed: true, signedBy: principal, trusted: true, detail: `signed by ${principal}, a key ${allowedSigners} names: trusted` };
    }
    return principals.length === 0
      ? { signed: true, signedBy: null, trusted: false, detail: `signed by a key ${allowedSigners} does not name: not trusted` }
      : { signed: true, signedBy: null, trusted: false, tampered: true, detail: `the signature does not verify for ${principals.join(', ')}: the manifest was changed after it was signed` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
