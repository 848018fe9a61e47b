import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { compareRuns } from '../../report/compare.js';
import { formatComparison } from '../../report/comparison-text.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { resolveRun } from './report.js';

export const compareHelp = `Usage: edgelab compare A B [--json]

Compares two recorded runs (B against A): each metric with the ratio B/A and whether the difference
is significant (Mann–Whitney U test on the latency samples, two-sided, α = 0.05). Warns when the
model, hardware or software fingerprints differ.

${workspaceHelp}`;

export async function compareCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('compare', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption });
  if (v.help) {
    ctx.stdout.write(compareHelp);
    return ExitCode.ok;
  }
  if (positionals.length !== 2) throw new LabError('usage', `edgelab compare: expected two run ids, got ${positionals.length}.`, 'Usage: edgelab compare A B (ids from `edgelab runs`).');
  const workspace = await openWorkspace(v.workspace, ctx);
  const [a, b] = await Promise.all(positionals.map((id) => resolveRun(workspace, id)));
  const comparison = compareRuns(a!, b!);
  ctx.stdout.write(v.json ? JSON.stringify(comparison, null, 2) + '\n' : formatComparison(comparison) + '\n');
  return ExitCode.ok;
}
