import type { SignHeadAnswer, SignHeadRequest, VerifyAnswer, VerifyRequest } from '../api/evidence-verify.js';
import { describeVerifyReport } from '../evidence/verify.js';
import type { Workspace } from '../evidence/index.js';
import { SIGNATURE_FILE, SIGNED_HEAD_FILE } from '../evidence/signed-head.js';

/**
 * `runs verify` and `runs sign-head` as LabApi answers them: the CLI, `edgelab serve` and the app
 * all call these with the same validated request, so each flag is a field every face has.
 */
export async function verifyEvidence(workspace: Workspace, request: VerifyRequest): Promise<VerifyAnswer> {
  const accepted: string[] = [];
  const notAccepted: string[] = [];
  if (request.acceptUnrecorded) {
    const { recorded, skipped } = await workspace.recordUnrecorded();
    accepted.push(...recorded.map((f) => f.file));
    notAccepted.push(...skipped.map((f) => `${f.file}: ${f.detail}`));
  }
  const report = await workspace.verify({
    ...(request.pinnedHead !== undefined ? { pinnedHead: request.pinnedHead } : {}),
    ...(request.acceptHead !== undefined ? { acceptHead: request.acceptHead } : {}),
    ...(request.allowedSigners !== undefined ? { allowedSigners: request.allowedSigners } : {}),
  });
  return { workspace: workspace.dir, ok: report.ok, lines: describeVerifyReport(report), head: report.head, accepted, notAccepted, report };
}

export async function signLedgerHead(workspace: Workspace, request: SignHeadRequest): Promise<SignHeadAnswer> {
  const signed = await workspace.signHead(request.key);
  return { workspace: workspace.dir, seq: signed.seq, entryHash: signed.entryHash, signedAt: signed.signedAt, files: [SIGNED_HEAD_FILE, SIGNATURE_FILE] };
}
