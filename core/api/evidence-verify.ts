/**
 * `runs verify` and `runs sign-head` as every face asks for them. Types only (the renderer imports
 * them); the schemas are in lab-requests.ts.
 */
export interface VerifyRequest {
  /** A head pinned earlier (printed by verify, reports and exports): it must be a line of this chain. */
  pinnedHead?: string;
  /**
   * Accept, knowingly, that the workspace's head went back or sideways from the one this machine
   * remembers (a checkout, a rebase): the ledger's current head, as verify names it.
   */
  acceptHead?: string;
  /** An ssh-keygen allowed-signers file on the lab's machine: the signed head must be signed by a key it names. */
  allowedSigners?: string;
  /** Add to the ledger the records a crash on this machine left unrecorded (its write log names them). */
  acceptUnrecorded?: boolean;
}

export interface VerifyAnswer {
  /** The workspace folder that was checked. */
  workspace: string;
  ok: boolean;
  /** One line per finding, ending with the head, as `edgelab runs verify` prints them. */
  lines: string[];
  head: string | null;
  /** With acceptUnrecorded: the files added to the ledger, and those left out with why. */
  accepted: string[];
  notAccepted: string[];
  /** The whole report (`edgelab runs verify --json`). */
  report: VerifyReportView;
}

/** What every face reads of verify's report to say why it failed (core/evidence/verify.ts has all of it). */
export interface VerifyReportView {
  workspace: string;
  ok: boolean;
  head: string | null;
  edited: unknown[];
  missing: unknown[];
  invalid: unknown[];
  unrecorded: unknown[];
  brokenChain: unknown[];
  chainProblem?: string | null;
  pinnedHead?: { hash: string; seq: number | null; detail: string };
  notMeasured: unknown[];
  anchor: { acceptHint: string | null };
  signedHead: { ok: boolean } | null;
}

export interface SignHeadRequest {
  /** A private SSH key file, or its .pub with the key loaded in ssh-agent. */
  key: string;
}

export interface SignHeadAnswer {
  /** The workspace whose head was signed. */
  workspace: string;
  seq: number;
  entryHash: string;
  signedAt: string;
  /** The files written in the workspace: the signed text and its SSH signature. */
  files: string[];
}
