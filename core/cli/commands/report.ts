import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { edgelabVersion } from '../../package-root.js';
import { exporters, parseReportFormat, renderReport, reportFormatForOutput, reportFormats } from '../../report/index.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { openWorkspaceToRead, workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const reportHelp = `Usage: edgelab report RUN... [--format FORMAT] [--out FILE]

Writes a report of one or more recorded runs (ids or unique prefixes; \`latest\` for the newest).

  --format FORMAT         ${reportFormats.map((f) => `${f} (${exporters[f].description})`).join('\n                          ')}
                          default: from --out's extension (.md, .html, .json, .csv, .xml or .junit for JUnit),
                          else md; another extension is refused
  --out FILE              write to FILE instead of stdout
  --title TEXT            the report's title
${workspaceHelp}`;

export async function reportCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('report', argv, {
    format: { type: 'string' }, out: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption,
  });
  if (v.help) {
    ctx.stdout.write(reportHelp);
    return ExitCode.ok;
  }
  if (positionals.length === 0) throw new LabError('usage', 'edgelab report: name at least one run.', 'List run ids with `edgelab runs`, or use `latest`.');
  // The evidence is protected before the extension is judged: `--out ledger.jsonl` is refused as evidence.
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env: ctx.env });
  const format = v.out ? reportFormatForOutput('--out', v.out, v.format) : v.format ? parseReportFormat(v.format) : 'md';
  const workspace = await openWorkspaceToRead(v.workspace, ctx);
  const runs = await Promise.all(positionals.map((id) => resolveRun(workspace, id)));
  const pin = await workspace.headPin();
  const text = await renderReport(format, runs, { generatedAt: new Date(), edgelabVersion: edgelabVersion(), ...(v.title ? { title: v.title } : {}), ...pin });
  if (v.out) {
    await writeOutput('--out', v.out, text, '', { workspace: v.workspace, env: ctx.env });
    ctx.stderr.write(`Wrote ${format} report of ${runs.length} run${runs.length === 1 ? '' : 's'} to ${v.out}\n`);
    ctx.stderr.write(`Evidence ledger head (pin it; check with \`edgelab runs verify --head HASH\`): ${pin.ledgerHead ?? '(empty)'}\n`);
    if (pin.signedHead) ctx.stderr.write(`Signed head: ${pin.signedHead.entryHash} (seq ${pin.signedHead.seq}; check with \`edgelab runs verify --allowed-signers FILE\`)\n`);
  } else {
    ctx.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
  return ExitCode.ok;
}

/** A run id, a unique prefix, or `latest`. */
export async function resolveRun(workspace: Awaited<ReturnType<typeof openWorkspaceToRead>>, id: string) {
  return workspace.getRun(id); // `latest` included: the workspace resolves it wherever an id is taken.
}
