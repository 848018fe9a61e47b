import type { VerifyReportView } from '../api/evidence-verify.js';

/** Why verify failed, in one sentence, and what to do when there is something to do. */
export interface VerifyFailure {
  message: string;
  hint: string | null;
}

/**
 * The one reason a failed verify leads with, most fundamental first: a ledger that is not this
 * machine's continuation, a changed ledger, a rewritten pinned history, a signature that does not
 * hold, runs that only claim to be measured, then records that differ from their ledger lines.
 * `acceptUnrecorded` names the control that accepts a crash's records on this face (a CLI flag, a
 * form's checkbox). Null when verify passed.
 */
export function verifyFailure(report: VerifyReportView, acceptUnrecorded: string): VerifyFailure | null {
  if (report.ok) return null;
  if (report.anchor.acceptHint !== null) {
    return { message: "this workspace's ledger is not a continuation of the head this machine last wrote or saw (see above).", hint: report.anchor.acceptHint };
  }
  if (report.chainProblem || report.brokenChain.length > 0) {
    return { message: 'the ledger itself was changed (see above): nothing in this workspace counts as evidence until ledger.jsonl and ledger.head are restored from version control.', hint: null };
  }
  if (report.pinnedHead?.seq === null) return { message: "the history the pinned head names is not this ledger's (see above): it was rewritten since it was pinned.", hint: null };
  if (report.signedHead && !report.signedHead.ok) {
    return { message: 'the signed head does not hold (see above): the ledger was cut or rewritten since it was signed, or the signature is not from an allowed signer.', hint: null };
  }
  if (report.notMeasured.length > 0 && report.edited.length + report.missing.length + report.invalid.length + report.unrecorded.length === 0) {
    return { message: 'runs that say they were measured lack what edgelab records when it measures (see above): they count for nothing on the ladder.', hint: null };
  }
  return {
    message: 'the workspace does not match its ledger (see above).',
    hint: `Restore edited or missing records from version control; accept records a crash on this machine left unrecorded with ${acceptUnrecorded}.`,
  };
}
