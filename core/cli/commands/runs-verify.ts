import { ExitCode } from '../../api/exit-codes.js';
import type { LabApi } from '../../api/lab-api.js';
import type { LabMethod, ValidLabRequest } from '../../api/lab-requests.js';
import { verifyFailure } from '../../present/verify-failure.js';
import type { CommandContext } from '../context.js';
import { labRequest, withoutUndefined } from '../lab-request.js';

/** Flags of `edgelab runs` made into a LabApi request; a refusal names the flag. */
export function runsRequest<M extends LabMethod>(method: M, args: unknown): ValidLabRequest<M> {
  return labRequest(method, args, FLAG_OF_FIELD, 'See `edgelab runs --help`.');
}

const FLAG_OF_FIELD: Record<string, string> = {
  categoryId: '--class',
  pinnedHead: '--head',
  acceptHead: '--accept-head',
  allowedSigners: '--allowed-signers',
  key: '--key',
  out: '--out',
  all: '--all',
  bundles: 'BUNDLE',
  runs: 'RUN',
  model: '--model',
  tags: '--tag',
  since: '--since',
  limit: '--limit',
};

interface VerifyFlags {
  head?: string | undefined;
  'accept-head'?: string | undefined;
  'allowed-signers'?: string | undefined;
  'accept-unrecorded'?: boolean | undefined;
  json?: boolean | undefined;
}

export async function verifyCommand(lab: Pick<LabApi, 'verify'>, v: VerifyFlags, ctx: CommandContext): Promise<number> {
  const request = runsRequest('verify', {
    request: {
      ...(v.head !== undefined ? { pinnedHead: v.head } : {}),
      ...(v['accept-head'] !== undefined ? { acceptHead: v['accept-head'] } : {}),
      ...(v['allowed-signers'] !== undefined ? { allowedSigners: v['allowed-signers'] } : {}),
      ...(v['accept-unrecorded'] ? { acceptUnrecorded: true } : {}),
    },
  }).request;
  const answer = await lab.verify(withoutUndefined(request));
  for (const f of answer.accepted) ctx.stdout.write(`accepted into the ledger: ${f}\n`);
  for (const f of answer.notAccepted) ctx.stdout.write(`not accepted: ${f}\n`);
  if (request.acceptHead !== undefined) ctx.stdout.write(`this machine now remembers head ${request.acceptHead} for ${answer.workspace}\n`);
  if (v.json) ctx.stdout.write(JSON.stringify(answer.report, null, 2) + '\n');
  else ctx.stdout.write(`${answer.workspace}\n${answer.lines.join('\n')}\n`);
  const failure = verifyFailure(answer.report, '--accept-unrecorded');
  if (failure && !v.json) ctx.stderr.write(`edgelab: ${failure.message}\n${failure.hint !== null ? `  ${failure.hint}\n` : ''}`);
  return answer.ok ? ExitCode.ok : ExitCode.targetFailed;
}
