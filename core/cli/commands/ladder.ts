import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LADDER_EXPORT_FORMATS, type LadderExportRequest } from '../../api/ladder.js';
import { ASSESSMENT_QUESTIONS } from '../../present/assessment-questions.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { formatLabs, formatLadderStatus } from '../../present/format-ladder-status.js';
import { oneOf, parseFlags } from '../args.js';
import { answersFromYesList, askAssessmentQuestions } from '../assessment-answers.js';
import type { CommandContext } from '../context.js';
import { withCliLab, type CliLab } from '../open-cli-lab.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const ladderHelp = `Usage: edgelab ladder [SUBCOMMAND] [flags]

The career ladder, judged against the evidence in the workspace. [measured] items are decided by
run records; [attested] items rest on a note, a link and a date you give.

  edgelab ladder                         where you stand: every gate, item and the evidence for it
  edgelab ladder assess [--yes 1,3]      five yes/no questions → the phase to start in
                                         (asks interactively when --yes is not given on a terminal;
                                          --yes none answers no to all)
  edgelab ladder attest ITEM --note TEXT [--link URL] [--date YYYY-MM-DD]
                                         record evidence for an attested item
  edgelab ladder explain RUN --note TEXT [--link URL]
                                         attach your explanation of a profiled run's bottlenecks
  edgelab ladder labs                    practice labs, each checked against the workspace
  edgelab ladder export [--format html|md] [--out FILE] [--no-charts]
                                         the evidence record: gates, runs, notes, ledger status

Flags
  --json                  status, labs and assess as JSON on stdout
${workspaceHelp}`;

const options = {
  ...workspaceOption,
  json: { type: 'boolean' },
  yes: { type: 'string' },
  note: { type: 'string' },
  link: { type: 'string' },
  date: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'no-charts': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SUBCOMMANDS = ['status', 'assess', 'attest', 'explain', 'labs', 'export'] as const;

function exactlyOne(command: string, positionals: string[], what: string, usage: string): string {
  if (positionals.length !== 1) {
    throw new LabError('usage', `edgelab ladder ${command}: expected one ${what}, got ${positionals.length === 0 ? 'none' : positionals.join(' ')}.`, `Usage: ${usage}`);
  }
  return positionals[0] as string;
}

function requiredNote(command: string, note: string | undefined): string {
  if (note === undefined) throw new LabError('usage', `edgelab ladder ${command}: --note is required.`, 'Say in a sentence what the evidence shows, e.g. --note "…".');
  return note;
}

function formatExport(format: string | undefined, out: string | undefined): LadderExportRequest['format'] {
  if (format !== undefined) return oneOf('--format', format, LADDER_EXPORT_FORMATS);
  if (out !== undefined && /\.(md|markdown)$/i.test(out)) return 'md';
  return 'html';
}

export async function ladderCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('ladder', argv, options);
  if (v.help) {
    ctx.stdout.write(ladderHelp);
    return ExitCode.ok;
  }
  const [first, ...rest] = positionals;
  const sub = first ?? 'status';
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) {
    throw new LabError('usage', `edgelab ladder: unknown subcommand "${sub}".`, `Subcommands: ${SUBCOMMANDS.join(', ')}. See \`edgelab ladder --help\`.`);
  }
  if (!['attest', 'explain'].includes(sub) && rest.length > 0) {
    throw new LabError('usage', `edgelab ladder ${sub}: takes no arguments, got ${rest.join(' ')}.`, `See \`edgelab ladder --help\`.`);
  }
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab ladder' }, (lab) => ladderSubcommand(lab, sub, rest, v, ctx));
}

type LadderValues = ReturnType<typeof parseFlags<typeof options>>['values'];

async function ladderSubcommand(lab: CliLab, sub: (typeof SUBCOMMANDS)[number] | string, rest: string[], v: LadderValues, ctx: CommandContext): Promise<number> {
  if (sub === 'status') {
    const { notCounted, ...status } = await lab.ladder();
    ctx.stdout.write(v.json ? `${JSON.stringify(status, null, 2)}\n` : formatLadderStatus(status));
    for (const n of notCounted) ctx.stderr.write(`edgelab: not counted (not verified): ${n.file}${n.reason !== null ? `: ${n.reason}` : ''}\n`);
    if (notCounted.length > 0) ctx.stderr.write('  See `edgelab runs verify`.\n');
    return ExitCode.ok;
  }

  if (sub === 'assess') {
    let answers: boolean[];
    if (v.yes !== undefined) answers = answersFromYesList(v.yes);
    else if (process.stdin.isTTY) answers = await askAssessmentQuestions(process.stdin, ctx.stdout);
    else {
      throw new LabError('usage', 'edgelab ladder assess: no answers given and stdin is not a terminal.', `Pass the questions you answer yes to, e.g. --yes 1,3 (or --yes none). The questions:\n${ASSESSMENT_QUESTIONS.map((q, i) => `  ${i + 1}. ${q}`).join('\n')}`);
    }
    const { phaseTitle, advice, savedTo, ...assessment } = await lab.assess(answers);
    if (v.json) ctx.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
    else ctx.stdout.write(`${assessment.yesCount} of ${answers.length} yes → start in the ${phaseTitle} phase.\n${advice}\nSaved to ${savedTo}.\n`);
    return ExitCode.ok;
  }

  if (sub === 'attest') {
    const itemId = exactlyOne('attest', rest, 'item', 'edgelab ladder attest ITEM --note TEXT [--link URL]');
    const attestation = (await lab.attest(itemId, requiredNote('attest', v.note), v.link, v.date || undefined)) as { itemId: string; id: string };
    ctx.stdout.write(`Attested ${attestation.itemId} as ${attestation.id} (your word, recorded in the ledger, not checked by edgelab).\n`);
    return ExitCode.ok;
  }

  if (sub === 'explain') {
    const runId = exactlyOne('explain', rest, 'run id', 'edgelab ladder explain RUN --note TEXT [--link URL]');
    const attestation = (await lab.explainProfile(runId, requiredNote('explain', v.note), v.link)) as { itemId: string; id: string };
    ctx.stdout.write(`Attached your explanation to run ${attestation.itemId.split('/')[1]} as ${attestation.id}.\n`);
    return ExitCode.ok;
  }

  if (sub === 'labs') {
    const labs = await lab.labs();
    ctx.stdout.write(v.json ? `${JSON.stringify(labs, null, 2)}\n` : formatLabs(labs));
    return ExitCode.ok;
  }

  const protect = { workspace: v.workspace, env: ctx.env };
  const { request } = LabRequestSchemas.exportLadder.parse({ request: { format: formatExport(v.format, v.out), ...(v['no-charts'] ? { charts: false } : {}) } });
  if (v.out) await checkOutputPath('--out', v.out, protect);
  const record = await lab.exportLadder(request);
  if (v.out) {
    await writeOutput('--out', v.out, record.content, '', protect);
    ctx.stdout.write(`Wrote the evidence record (${request.format}) to ${v.out}.\n`);
  } else ctx.stdout.write(record.content);
  return ExitCode.ok;
}
