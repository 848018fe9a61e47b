import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { VerifyRequest } from '../../api/evidence-verify.js';
import { LabRequestSchemas, type LabMethod, type ValidLabRequest } from '../../api/lab-requests.js';
import type { Workspace } from '../../evidence/index.js';
import type { VerifyReport } from '../../evidence/verify.js';
import { describeIssues } from '../../evidence/record-file.js';
import { verifyEvidence } from '../../lab/verify-evidence.js';
import type { CommandContext } from '../context.js';

/** Flags made into the LabApi request, validated by the same schema the server and the app use. */
export function labRequest<M extends LabMethod>(method: M, args: unknown): ValidLabRequest<M> {
  const parsed = LabRequestSchemas[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = FLAG_OF_FIELD[String(issue?.path.at(-1))] ?? String(issue?.path.at(-1));
    throw new LabError('usage', `${flag}: ${issue?.message ?? describeIssues(parsed.error)}.`, 'See `edgelab runs --help`.');
  }
  return parsed.data as ValidLabRequest<M>;
}

const FLAG_OF_FIELD: Record<string, string> = {
  pinnedHead: '--head',
  acceptHead: '--accept-head',
  allowedSigners: '--allowed-signers',
  key: '--key',
};

interface VerifyFlags {
  head?: string | undefined;
  'accept-head'?: string | undefined;
  'allowed-signers'?: string | undefined;
  'accept-unrecorded'?: boolean | undefined;
  json?: boolean | undefined;
}

export async function verifyCommand(workspace: Workspace, v: VerifyFlags, ctx: CommandContext): Promise<number> {
  const request = labRequest('verify', {
    request: {
      ...(v.head !== undefined ? { pinnedHead: v.head } : {}),
      ...(v['accept-head'] !== undefined ? { acceptHead: v['accept-head'] } : {}),
      ...(v['allowed-signers'] !== undefined ? { allowedSigners: v['allowed-signers'] } : {}),
      ...(v['accept-unrecorded'] ? { acceptUnrecorded: true } : {}),
    },
  }).request as VerifyRequest;
  const answer = await verifyEvidence(workspace, request);
  for (const f of answer.accepted) ctx.stdout.write(`accepted into the ledger: ${f}\n`);
  for (const f of answer.notAccepted) ctx.stdout.write(`not accepted: ${f}\n`);
  if (request.acceptHead !== undefined) ctx.stdout.write(`this machine now remembers head ${request.acceptHead} for ${workspace.dir}\n`);
  const report = answer.report as VerifyReport;
  if (v.json) ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else ctx.stdout.write(`${workspace.dir}\n${answer.lines.join('\n')}\n`);
  if (!report.ok && !v.json) ctx.stderr.write(failureSummary(report));
  return report.ok ? ExitCode.ok : ExitCode.targetFailed;
}

function failureSummary(report: VerifyReport): string {
  if (report.anchor.acceptHint !== null) {
    return `edgelab: this workspace's ledger is not a continuation of the head this machine last wrote or saw (see above).\n  ${report.anchor.acceptHint}\n`;
  }
  if (report.chainProblem || report.brokenChain.length > 0) {
    return 'edgelab: the ledger itself was changed (see above): nothing in this workspace counts as evidence until ledger.jsonl and ledger.head are restored from version control.\n';
  }
  if (report.pinnedHead?.seq === null) return "edgelab: the history the pinned head names is not this ledger's (see above): it was rewritten since it was pinned.\n";
  if (report.signedHead && !report.signedHead.ok) return 'edgelab: the signed head does not hold (see above): the ledger was cut or rewritten since it was signed, or the signature is not from an allowed signer.\n';
  if (report.notMeasured.length > 0 && report.edited.length + report.missing.length + report.invalid.length + report.unrecorded.length === 0) {
    return 'edgelab: runs that say they were measured lack what edgelab records when it measures (see above): they count for nothing on the ladder.\n';
  }
  return 'edgelab: the workspace does not match its ledger (see above).\n  Restore edited or missing records from version control; accept records a crash on this machine left unrecorded with --accept-unrecorded.\n';
}
