import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { TradeoffPoint } from '../../api/run-comparison.js';
import { formatTradeoffTable } from '../../present/sections/tradeoff-section.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { labRequest } from '../lab-request.js';
import { withCliLab, type CliLab } from '../open-cli-lab.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const compareHelp = `Usage: edgelab compare A B [C ...] [--json]
       edgelab compare A B [C ...] --as-variants [--json]

Two runs: B against A, each metric with the ratio B/A and whether the difference is significant
(Mann–Whitney U test on the latency samples, two-sided, α = 0.05); warns when the model, hardware
or software fingerprints differ. Two accuracy passes on the same images: B's drop against A, by a
paired bootstrap over images (1000 resamples, seed 1). A run compared with itself is refused. Three or more runs: each
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
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab compare', readOnly: true }, (lab) => compareIn(lab, positionals, asVariants, v.json === true, ctx));
}

async function compareIn(lab: CliLab, ids: string[], asVariants: boolean, json: boolean, ctx: CommandContext): Promise<number> {
  if (ids.length > 2) {
    const set = await lab.compareRuns(labRequest('compareRuns', { ids }, { ids: 'RUN' }, 'See `edgelab compare --help`.').ids);
    if (!asVariants) {
      // The run set LabApi.compareRuns answers the app with: each run against the first, its tradeoff points as before.
      const printed = { ...set, tradeoff: set.tradeoff.map(({ modelSha256: _sha, top5: _top5, ...point }) => point) };
      ctx.stdout.write(json ? JSON.stringify({ comparison: printed }, null, 2) + '\n' : set.text + '\n');
      return ExitCode.ok;
    }
    return printComparison({ text: '', data: null, pipelineOverhead: null }, variantsOf(set.tradeoff), json, ctx);
  }
  const request = labRequest('compare', { a: ids[0], b: ids[1] }, { a: 'A', b: 'B' }, 'See `edgelab compare --help`.');
  const pair = await lab.compare(request.a, request.b);
  return printComparison(pair, asVariants ? variantsOf(pair.tradeoff) : [], json, ctx);
}

/** With --as-variants: the tradeoff rows, refused when the runs are of one variant only. */
function variantsOf(rows: TradeoffPoint[]): TradeoffPoint[] {
  if (rows.length < 2) {
    throw new LabError('usage', 'edgelab compare --as-variants: the runs are all of one model file on one provider, so there is one variant.', 'Name runs of two or more model files (or providers), e.g. the fp32 and int8 exports.');
  }
  return rows;
}

function printComparison(pair: { text: string; data: unknown; pipelineOverhead: unknown; accuracyDrop?: unknown }, variants: TradeoffPoint[], json: boolean, ctx: CommandContext): number {
  const showVariants = variants.length >= 2;
  if (json) {
    ctx.stdout.write(JSON.stringify({ comparison: pair.data, tradeoff: showVariants ? variants : null, ...(pair.pipelineOverhead ? { pipelineOverhead: pair.pipelineOverhead } : {}), ...(pair.accuracyDrop ? { accuracyDrop: pair.accuracyDrop } : {}) }, null, 2) + '\n');
    return ExitCode.ok;
  }
  const parts = [pair.text, showVariants ? `Variants\n${formatTradeoffTable(variants)}` : ''].filter(Boolean);
  if (parts.length === 0) throw new LabError('usage', 'edgelab compare: nothing to compare.', 'Compare two completed (timed) runs, two accuracy passes (edgelab eval MODEL --labels …) over the same labelled set, or runs of two or more model variants with --as-variants; an accuracy pass and a timed run have no figure in common.');
  ctx.stdout.write(parts.join('\n\n') + '\n');
  return ExitCode.ok;
}
