import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { parseReportFormat, REPORT_FORMATS, reportFormatForOutput, reportFormats } from '../../api/report-formats.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { labRequest } from '../lab-request.js';
import { withCliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { reportFleet } from './report-fleet.js';
import { reportTradeoff } from './report-tradeoff.js';

export const reportHelp = `Usage: edgelab report RUN... [--format FORMAT] [--out FILE]
       edgelab report --fleet [--format md|html|csv|json] [--out FILE] [--model NAME] [--unit LABEL]
       edgelab report --tradeoff [--family NAME] [--format md|html|csv|json] [--out FILE]

Writes a report of one or more recorded runs (ids or unique prefixes; \`latest\` for the newest).
With --fleet: every run in the workspace as a unit × model × engine/precision matrix per hardware
kind (p50, p99, throughput, J/inference, verdicts, power mode and clocks, measured/merged/imported),
the spread between sibling units, and units significantly slower than their siblings (Mann–Whitney U,
one-sided, α = 0.01 divided among the units tested).
With --tradeoff: one table and chart per model family: each variant's accuracy (an accuracy pass's
mAP, mIoU or hmean, its drop against a reference with the interval), p50/p99, throughput, J/inference
and the hardware price the user stated (edgelab price set), with the Pareto front marked.

  --format FORMAT         ${reportFormats.map((f) => `${f} (${REPORT_FORMATS[f].description})`).join('\n                          ')}
                          default: from --out's extension (.md, .html, .json, .csv, .xml or .junit for JUnit),
                          else md; another extension is refused
  --out FILE              write to FILE instead of stdout
  --title TEXT            the report's title
  --fleet                 the fleet report of the whole workspace instead of the runs named
  --model NAME            with --fleet: only runs of this model (file name, path or SHA-256 prefix)
  --unit LABEL            with --fleet: only runs of this unit (its label or id)
  --tradeoff              the tradeoff report of every model family in the workspace
  --family NAME           with --tradeoff: only this family (a family:NAME tag, or a labelled set's name)
${workspaceHelp}`;

export async function reportCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('report', argv, {
    format: { type: 'string' }, out: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption,
    fleet: { type: 'boolean' }, model: { type: 'string' }, unit: { type: 'string' }, tradeoff: { type: 'boolean' }, family: { type: 'string' },
  });
  if (v.help) {
    ctx.stdout.write(reportHelp);
    return ExitCode.ok;
  }
  if (v.fleet && v.title !== undefined) throw new LabError('usage', 'edgelab report --fleet: --title names a report of runs; the fleet report is titled by what it shows.', 'Drop --title.');
  if (v.fleet && v.tradeoff) throw new LabError('usage', 'edgelab report: --fleet and --tradeoff are two reports; ask for one at a time.', 'Drop one of them.');
  if (v.fleet) return reportFleet(v, positionals, ctx);
  if (v.tradeoff) {
    if (v.title !== undefined || v.model !== undefined || v.unit !== undefined) {
      throw new LabError('usage', `edgelab report --tradeoff: ${v.title !== undefined ? '--title' : v.model !== undefined ? '--model' : '--unit'} does not apply to the tradeoff report.`, 'Narrow it with --family NAME.');
    }
    return reportTradeoff(v, positionals, ctx);
  }
  if (v.family !== undefined) throw new LabError('usage', 'edgelab report: --family narrows the tradeoff report only.', 'Add --tradeoff.');
  if (v.model !== undefined || v.unit !== undefined) throw new LabError('usage', `edgelab report: ${v.model !== undefined ? '--model' : '--unit'} narrows the fleet report only.`, 'Add --fleet, or name the runs to report.');
  if (positionals.length === 0) throw new LabError('usage', 'edgelab report: name at least one run.', 'List run ids with `edgelab runs`, or use `latest`.');
  // The evidence is protected before the extension is judged: `--out ledger.jsonl` is refused as evidence.
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env: ctx.env });
  const format = v.out ? reportFormatForOutput('--out', v.out, v.format) : v.format ? parseReportFormat(v.format) : 'md';
  const request = labRequest('exportReport', { ids: positionals, format, ...(v.title ? { title: v.title } : {}) }, { ids: 'RUN', title: '--title' }, 'See `edgelab report --help`.');
  const report = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab report', readOnly: true }, (lab) => lab.exportReport(request.ids, request.format, request.title));
  const text = report.content;
  if (v.out) {
    const runs = request.ids.length;
    await writeOutput('--out', v.out, text, '', { workspace: v.workspace, env: ctx.env });
    ctx.stderr.write(`Wrote ${format} report of ${runs} run${runs === 1 ? '' : 's'} to ${v.out}\n`);
    ctx.stderr.write(`Evidence ledger head (pin it; check with \`edgelab runs verify --head HASH\`): ${report.ledgerHead ?? '(empty)'}\n`);
    if (report.signedHead) ctx.stderr.write(`Signed head: ${report.signedHead.entryHash} (seq ${report.signedHead.seq}; check with \`edgelab runs verify --allowed-signers FILE\`)\n`);
  } else {
    ctx.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
  return ExitCode.ok;
}
