import type { BundleHead } from './run-provenance.js';

/**
 * `runs bundle` and `runs merge` as every face asks for them. Types only (the renderer imports
 * them); the schemas are in lab-requests.ts.
 */
export interface BundleRunsRequest {
  /** Runs by id or unique prefix; empty with `all` or `since`. */
  runs: string[];
  all?: boolean;
  /** A ledger head (entryHash): bundle only what was recorded after it. */
  since?: string;
  /** The archive to write, on the lab's machine; never replaced. */
  out: string;
  /** A private SSH key (or its .pub with the key in ssh-agent) to sign the bundle's manifest. */
  key?: string;
}

export interface BundleRunsAnswer {
  workspace: string;
  path: string;
  bytes: number;
  head: BundleHead;
  since: BundleHead | null;
  runs: string[];
  /** Entries besides the manifest and its signature: the ledger, the records and their files. */
  files: number;
  signed: boolean;
  hardwareFingerprint: string | null;
  unit: string | null;
}

export interface MergeBundlesRequest {
  /** Bundle files on the lab's machine (an upload to `edgelab serve` is saved to one first). */
  bundles: string[];
  /** An ssh-keygen allowed-signers file; default `allowed_signers` in the workspace, when there is one. */
  allowedSigners?: string;
}

export interface MergedRunView {
  id: string;
  /** `added`; `present` (the same bytes were here already); `renamed` (another run held the id: kept as `storedAs`). */
  outcome: 'added' | 'present' | 'renamed';
  storedAs: string;
}

export interface MergedBundleView {
  bundle: string;
  head: BundleHead;
  /** The merge's record id; null when nothing changed (merged before). */
  mergeId: string | null;
  signed: boolean;
  signedBy: string | null;
  trusted: boolean;
  /** One line on the signature and what it means for the ladder. */
  trust: string;
  sourceUnit: string | null;
  hardwareFingerprint: string | null;
  /** A `--since` bundle: the head its ledger lines chain from; null when it carries every line from the first. */
  since: BundleHead | null;
  /** For a `--since` bundle: the merge here whose bundle ended at that head (the chains join); null when none did. */
  continues: string | null;
  runs: MergedRunView[];
}

export interface MergeBundlesAnswer {
  workspace: string;
  bundles: MergedBundleView[];
  /** The workspace's head after the merge. */
  head: string | null;
}
