import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { formatTradeoffTable, tradeoffTable } from '../../evaluate/tradeoff-table.js';
import { compareRuns } from '../../report/compare.js';
import { formatComparison } from '../../report/comparison-text.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { openWorkspaceToRead, workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { resolveRun } from './report.js';

export const compareHelp = `Usage: edgelab compare A B [C ...] [--json]

Two runs: B against A, each metric with the ratio B/A and whether the difference is significant
(Mann–Whitney U test on the latency samples, two-sided, α = 0.05); warns when the model, hardware
or software fingerprints differ.

Runs of two or more model variants (fp32, fp16, int8 …): a tradeoff table — top-1 accuracy, p50/p99,
throughput, model size, peak memory — with the Pareto-optimal variants marked ★. A variant's
accuracy comes from its \`edgelab eval --images\` run, its speed from its bench run.

${workspaceHelp}`;

export async function compareCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('compare', argv, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption });
  if (v.help) {
    ctx.stdout.write(compareHelp);
    return ExitCode.ok;
  }
  if (positionals.length < 2) throw new LabError('usage', `edgelab compare: expected at least two run ids, got ${positionals.length}.`, 'Usage: edgelab compare A B (ids from `edgelab runs`).');
  const workspace = await openWorkspaceToRead(v.workspace, ctx);
  const runs = await Promise.all(positionals.map((id) => resolveRun(workspace, id)));
  const pairwise = runs.length === 2 && runs.every((r) => r.state === 'completed') ? compareRuns(runs[0]!, runs[1]!) : null;
  const variants = tradeoffTable(runs);
  const showVariants = new Set(variants.map((row) => JSON.stringify([row.modelSha256, row.executionProvider]))).size >= 2;
  if (v.json) {
    ctx.stdout.write(JSON.stringify({ comparison: pairwise, tradeoff: showVariants ? variants : null }, null, 2) + '\n');
    return ExitCode.ok;
  }
  const parts = [pairwise ? formatComparison(pairwise) : '', showVariants ? `Variants\n${formatTradeoffTable(variants)}` : ''].filter(Boolean);
  if (parts.length === 0) throw new LabError('usage', 'edgelab compare: nothing to compare.', 'Compare two completed runs, or runs of two or more model variants.');
  ctx.stdout.write(parts.join('\n\n') + '\n');
  return ExitCode.ok;
}
