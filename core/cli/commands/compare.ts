import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { formatTradeoffTable, tradeoffTable } from '../../evaluate/tradeoff-table.js';
import { compareRuns } from '../../report/compare.js';
import { isPipelineRun, pipelineOverhead } from '../../present/pipeline-overhead.js';
import type { RunRecord } from '../../api/run-record.js';
import { formatComparison } from '../../report/comparison-text.js';
import { compareStated, formatStatedComparison, hasFigures } from '../../report/compare-stated.js';
import { refuseSelfComparison } from '../../report/compare-inputs.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { openWorkspaceToRead, workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { resolveRun } from './report.js';
import { compareRunSet } from '../../lab/compare-runs.js';

export const compareHelp = `Usage: edgelab compare A B [C ...] [--json]
       edgelab compare A B [C ...] --as-variants [--json]

Two runs: B against A, each metric with the ratio B/A and whether the difference is significant
(Mann–Whitney U test on the latency samples, two-sided, α = 0.05); warns when the model, hardware
or software fingerprints differ. A run compared with itself is refused. Three or more runs: each
against the first (A), as the app's Compare screen sets them. A summary-only run (an OpenVINO or
trtexec-log import) or an observed pipeline (a DeepStream import) has no samples to test: the
figures both runs state are set side by side with their ratio, not tested.

  --as-variants           the runs are of variants of one model (fp32, fp16, int8 …): add a tradeoff
                          table — top-1 accuracy, p50/p99, throughput, model size, peak memory — with the
                          Pareto-optimal variants marked ★ and each row's runs named. A variant's accuracy
                          comes from its \`edgelab eval --images\` run, its speed from its bench run. Two or
                          more runs; without it, different models are compared as two runs, not as variants.
  --json                  print the comparison (and the tradeoff rows) as JSON
  -h, --help              this help
${workspaceHelp}`;

/** A DeepStream pipeline and a run of its model alone, in either order: the pipeline's overhead. */
function overheadOfPair(runs: readonly RunRecord[]) {
  const [a, b] = runs;
  if (runs.length !== 2 || !a || !b) return null;
  if (isPipelineRun(a) && b.state === 'completed') return pipelineOverhead(a, b);
  if (isPipelineRun(b) && a.state === 'completed') return pipelineOverhead(b, a);
  return null;
}

export async function compareCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('compare', argv, {
    json: { type: 'boolean' }, 'as-variants': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption,
  });
  if (v.help) {
    ctx.stdout.write(compareHelp);
    return ExitCode.ok;
  }
  const asVariants = v['as-variants'] === true;
  if (positionals.length < 2) throw new LabError('usage', `edgelab compare: expected at least two run ids, got ${positionals.length}.`, 'Usage: edgelab compare A B (ids from `edgelab runs`).');
  const workspace = await openWorkspaceToRead(v.workspace, ctx);
  const runs = await Promise.all(positionals.map((id) => resolveRun(workspace, id)));
  refuseSelfComparison(runs.map((r) => r.id));
  if (runs.length > 2 && !asVariants) {
    // The run set LabApi.compareRuns answers the app with: each run against the first.
    const set = compareRunSet(runs);
    ctx.stdout.write(v.json ? JSON.stringify({ comparison: set }, null, 2) + '\n' : set.text + '\n');
    return ExitCode.ok;
  }
  const pairwise = runs.length === 2 && runs.every((r) => r.state === 'completed') ? compareRuns(runs[0]!, runs[1]!) : null;
  const overhead = overheadOfPair(runs);
  // A summary-only import (OpenVINO) has no samples to test: its stated figures are set beside the other run's.
  const [ra, rb] = runs;
  const stated = !pairwise && !overhead && runs.length === 2 && ra && rb && hasFigures(ra) && hasFigures(rb) ? compareStated(ra, rb) : null;
  const variants = asVariants ? tradeoffTable(runs, { baselineId: runs[0]!.id }) : [];
  if (asVariants && variants.length < 2) {
    throw new LabError('usage', 'edgelab compare --as-variants: the runs are all of one model file on one provider, so there is one variant.', 'Name runs of two or more model files (or providers), e.g. the fp32 and int8 exports.');
  }
  const showVariants = variants.length >= 2;
  if (v.json) {
    ctx.stdout.write(JSON.stringify({ comparison: pairwise ?? stated, tradeoff: showVariants ? variants : null, ...(overhead ? { pipelineOverhead: overhead } : {}) }, null, 2) + '\n');
    return ExitCode.ok;
  }
  const parts = [pairwise ? formatComparison(pairwise) : stated ? formatStatedComparison(stated) : '', overhead ? overhead.text : '', showVariants ? `Variants\n${formatTradeoffTable(variants)}` : ''].filter(Boolean);
  if (parts.length === 0) throw new LabError('usage', 'edgelab compare: nothing to compare.', 'Compare two completed runs, or runs of two or more model variants with --as-variants.');
  ctx.stdout.write(parts.join('\n\n') + '\n');
  return ExitCode.ok;
}
