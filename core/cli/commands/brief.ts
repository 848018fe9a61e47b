import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { BRIEF_FORMATS, BRIEF_RULES, SIGN_OFF_DECISIONS } from '../../api/brief.js';
import { parseFlags, oneOf } from '../args.js';
import type { CommandContext } from '../context.js';
import { labRequest } from '../lab-request.js';
import { labFolder, withCliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const briefHelp = `Usage: edgelab brief --question "TEXT" RUN... [--format html|md|pdf] [--out FILE] [--rule RULE] [--adr N]
       edgelab brief sign-off BRIEF --by NAME --decision accepted|rejected|changes [--note TEXT]
       edgelab brief list [--json]

A one-page brief for the reader who decides: the question, the options (one per run) side by side
(accuracy, latency against the target, streams per device, energy, hardware cost per stream from
the prices stated with edgelab price set), the option a stated rule recommends, what was not
measured, and the evidence ids and workspace head to pin. The file's SHA-256 and runs are recorded;
a sign-off is bound to that hash, and an accepted brief is the evidence for the ladder item
"tradeoff-accepted". PDF is printed by Chromium headless (EDGELAB_CHROMIUM, else chromium on PATH).

  --question TEXT         the decision the brief answers, in the reader's words
  --format FORMAT         ${BRIEF_FORMATS.join(', ')} (default html)
  --out FILE              where to write it (default edgelab-brief-<time>.<format> here)
  --rule RULE             ${BRIEF_RULES.join(', ')} (default cheapest-passing)
  --adr N                 the decision record the brief comes from (edgelab adr list)
  --by NAME               sign-off: who decided
  --decision DECISION     sign-off: ${SIGN_OFF_DECISIONS.join(', ')}
  --note TEXT             sign-off: the decider's words
  --json                  list as JSON
${workspaceHelp}`;

const options = {
  ...workspaceOption,
  question: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  rule: { type: 'string' },
  adr: { type: 'string' },
  by: { type: 'string' },
  decision: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FLAGS = { question: '--question', runIds: 'RUN', rule: '--rule', adr: '--adr', format: '--format', out: '--out', file: 'BRIEF', by: '--by', decision: '--decision', note: '--note' };
const HELP = 'See `edgelab brief --help`.';

function required(flag: string, value: string | undefined, what: string): string {
  if (value === undefined) throw new LabError('usage', `edgelab brief: ${flag} is missing.`, `Give ${what}. ${HELP}`);
  return value;
}

/** The numeric table (numeric-flags.ts) has checked the range already: a whole number from 1. */
function adrNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export async function briefCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('brief', argv, options);
  if (v.help || positionals.length === 0 && v.question === undefined) {
    ctx.stdout.write(briefHelp);
    return v.help ? ExitCode.ok : ExitCode.usage;
  }
  const [first, ...rest] = positionals;
  if (first === 'list' && v.question === undefined) {
    return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab brief' }, async (lab) => {
      const briefs = await lab.briefs();
      if (v.json) ctx.stdout.write(`${JSON.stringify(briefs, null, 2)}\n`);
      else if (briefs.length === 0) ctx.stdout.write(`No briefs written in ${labFolder(lab)}. Write one with edgelab brief --question "…" RUN...\n`);
      else for (const b of briefs) {
        const decisions = b.signOffs.length === 0 ? 'not signed off' : b.signOffs.map((s) => `${s.decision} by ${s.by} on ${s.date.slice(0, 10)}`).join('; ');
        ctx.stdout.write(`${b.briefId}  ${b.date.slice(0, 10)}  ${b.fileName}  "${b.question}"  (${b.runIds.length} option(s); ${decisions})\n`);
      }
      return ExitCode.ok;
    });
  }
  if (first === 'sign-off' && v.question === undefined) {
    if (rest.length !== 1) throw new LabError('usage', `edgelab brief sign-off: expected one BRIEF file, got ${rest.length === 0 ? 'none' : rest.join(' ')}.`, HELP);
    const by = required('--by', v.by, 'who decided, e.g. --by "Dana Weiss (product)"');
    const decision = oneOf('--decision', required('--decision', v.decision, `the decision: ${SIGN_OFF_DECISIONS.join(', ')}`), SIGN_OFF_DECISIONS);
    const { request } = labRequest('signOffBrief', { request: { file: rest[0], by, decision, ...(v.note !== undefined ? { note: v.note } : {}) } }, FLAGS, HELP);
    return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab brief' }, async (lab) => {
      const signOff = await lab.signOffBrief(request);
      const ticks = signOff.ticksLadder ? ' It is the evidence for the ladder item tradeoff-accepted.'
        : signOff.decision === 'accepted' ? ' The brief recommends no option, so no tradeoff was accepted: it is kept with the brief and ticks no ladder item.'
        : ' It is kept with the brief and ticks no ladder item.';
      ctx.stdout.write(`Recorded: brief ${signOff.briefId} ${signOff.decision} by ${signOff.by} (attestation ${signOff.attestationId}, bound to SHA-256 ${signOff.sha256}).${ticks}\n`);
      return ExitCode.ok;
    });
  }
  const question = required('--question', v.question, 'the question the brief answers, e.g. --question "Which device should the new line use?"');
  const format = oneOf('--format', v.format ?? 'html', BRIEF_FORMATS);
  const out = v.out ?? `edgelab-brief-${stamp(new Date())}.${format}`;
  const adr = adrNumber(v.adr);
  const { request } = labRequest('writeBrief', {
    request: { question, runIds: positionals, format, out, ...(v.rule !== undefined ? { rule: oneOf('--rule', v.rule, BRIEF_RULES) } : {}), ...(adr !== undefined ? { adr } : {}) },
  }, FLAGS, HELP);
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab brief' }, async (lab) => {
    const brief = await lab.writeBrief(request);
    ctx.stdout.write(`Wrote ${brief.path ?? out} (brief ${brief.briefId}, SHA-256 ${brief.sha256})\n${brief.view.recommendation.sentence}\n`);
    ctx.stdout.write(`Have it signed off: edgelab brief sign-off ${out} --by NAME --decision accepted|rejected|changes\n`);
    return ExitCode.ok;
  });
}
