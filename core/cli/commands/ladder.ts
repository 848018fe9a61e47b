import { createInterface } from 'node:readline/promises';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import {
  answersFromYesList,
  assess,
  attestItem,
  checkLabs,
  evaluateLadder,
  explainProfile,
  exportPortfolio,
  levelById,
  loadAssessment,
  loadLadderEvidence,
  PORTFOLIO_FORMATS,
  saveAssessment,
  type PortfolioFormat,
} from '../../ladder/index.js';
import { ASSESSMENT_QUESTIONS, PHASE_ADVICE } from '../../present/assessment-questions.js';
import { formatLabs, formatLadderStatus } from '../../present/format-ladder-status.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';

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

/** Asks the five questions on a terminal; anything but y/yes counts as no. */
export async function askAssessmentQuestions(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<boolean[]> {
  const rl = createInterface({ input, output, terminal: false });
  try {
    const answers: boolean[] = [];
    for (const [i, question] of ASSESSMENT_QUESTIONS.entries()) {
      const reply = await rl.question(`${i + 1}/${ASSESSMENT_QUESTIONS.length} ${question} [y/N] `);
      answers.push(/^\s*y(es)?\s*$/i.test(reply));
    }
    return answers;
  } finally {
    rl.close();
  }
}

function formatExport(format: string | undefined, out: string | undefined): PortfolioFormat {
  if (format !== undefined) return oneOf('--format', format, PORTFOLIO_FORMATS);
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
  const workspace = await openWorkspace(v.workspace, ctx);

  if (sub === 'status') {
    const status = evaluateLadder(await loadLadderEvidence(workspace), await loadAssessment(workspace.dir));
    ctx.stdout.write(v.json ? `${JSON.stringify(status, null, 2)}\n` : formatLadderStatus(status));
    await noteUnverifiedEvidence(workspace, ctx);
    return ExitCode.ok;
  }

  if (sub === 'assess') {
    let answers: boolean[];
    if (v.yes !== undefined) answers = answersFromYesList(v.yes);
    else if (process.stdin.isTTY) answers = await askAssessmentQuestions(process.stdin, ctx.stdout);
    else {
      throw new LabError('usage', 'edgelab ladder assess: no answers given and stdin is not a terminal.', `Pass the questions you answer yes to, e.g. --yes 1,3 (or --yes none). The questions:\n${ASSESSMENT_QUESTIONS.map((q, i) => `  ${i + 1}. ${q}`).join('\n')}`);
    }
    const assessment = assess(answers);
    const path = await saveAssessment(workspace.dir, assessment);
    if (v.json) ctx.stdout.write(`${JSON.stringify(assessment, null, 2)}\n`);
    else ctx.stdout.write(`${assessment.yesCount} of ${answers.length} yes → start in the ${levelById(assessment.phase).title} phase.\n${PHASE_ADVICE[assessment.phase]}\nSaved to ${path}.\n`);
    return ExitCode.ok;
  }

  if (sub === 'attest') {
    const itemId = exactlyOne('attest', rest, 'item', 'edgelab ladder attest ITEM --note TEXT [--link URL]');
    const attestation = await attestItem(workspace, { itemId, note: requiredNote('attest', v.note), link: v.link ?? null, ...(v.date ? { date: v.date } : {}) });
    ctx.stdout.write(`Attested ${attestation.itemId} as ${attestation.id} (your word, recorded in the ledger, not checked by edgelab).\n`);
    return ExitCode.ok;
  }

  if (sub === 'explain') {
    const runId = exactlyOne('explain', rest, 'run id', 'edgelab ladder explain RUN --note TEXT [--link URL]');
    const attestation = await explainProfile(workspace, { runId, note: requiredNote('explain', v.note), link: v.link ?? null });
    ctx.stdout.write(`Attached your explanation to run ${attestation.itemId.split('/')[1]} as ${attestation.id}.\n`);
    return ExitCode.ok;
  }

  if (sub === 'labs') {
    const results = checkLabs(await loadLadderEvidence(workspace));
    if (v.json) {
      const plain = results.map(({ lab, check }) => ({ id: lab.id, title: lab.title, goal: lab.goal, serves: lab.serves, steps: lab.steps, done: check.done, detail: check.detail }));
      ctx.stdout.write(`${JSON.stringify(plain, null, 2)}\n`);
    } else ctx.stdout.write(formatLabs(results));
    return ExitCode.ok;
  }

  const format = formatExport(v.format, v.out);
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env: ctx.env });
  const text = await exportPortfolio(workspace, { format, charts: !v['no-charts'] });
  if (v.out) {
    await writeOutput('--out', v.out, text, '', { workspace: v.workspace, env: ctx.env });
    ctx.stdout.write(`Wrote the evidence record (${format}) to ${v.out}.\n`);
  } else ctx.stdout.write(text);
  return ExitCode.ok;
}

/** Evidence that fails the check counts for nothing on the ladder; say so, so nothing vanishes silently. */
async function noteUnverifiedEvidence(workspace: Awaited<ReturnType<typeof openWorkspace>>, ctx: CommandContext): Promise<void> {
  const runs = (await workspace.listRuns()).filter((r) => r.notVerified);
  const attestations = await workspace.unverifiedAttestations();
  for (const r of runs) ctx.stderr.write(`edgelab: not counted (not verified): runs/${r.id}.json: ${r.notVerified}\n`);
  for (const a of attestations) ctx.stderr.write(`edgelab: not counted (not verified): ${a.file}\n`);
  if (runs.length + attestations.length > 0) ctx.stderr.write('  See `edgelab runs verify`.\n');
}
