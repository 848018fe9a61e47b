import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { reportFormatForOutput } from '../../api/report-formats.js';
import { TRADEOFF_FORMATS, type TradeoffRequest } from '../../api/tradeoff.js';
import type { CommandContext } from '../context.js';
import { labRequest, withoutUndefined } from '../lab-request.js';
import { withCliLab } from '../open-cli-lab.js';
import { checkOutputPath, writeOutput } from '../output-file.js';

export interface TradeoffFlags {
  format?: string | undefined;
  out?: string | undefined;
  family?: string | undefined;
  workspace?: string | undefined;
}

/** `edgelab report --tradeoff`: each model family's variants, through LabApi's tradeoff. */
export async function reportTradeoff(v: TradeoffFlags, positionals: readonly string[], ctx: CommandContext): Promise<number> {
  if (positionals.length > 0) {
    throw new LabError('usage', `edgelab report --tradeoff reports every model family in the workspace; it takes no run ids (got ${positionals.join(' ')}).`, 'Narrow it with --family NAME.');
  }
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env: ctx.env });
  const format = v.out ? reportFormatForOutput('--out', v.out, v.format) : (v.format ?? 'md');
  if (!(TRADEOFF_FORMATS as readonly string[]).includes(format)) {
    throw new LabError('usage', `--format ${format}: the tradeoff report is written as ${TRADEOFF_FORMATS.join(', ')}.`, 'Choose one of them.');
  }
  const request = labRequest('tradeoff', { request: withoutUndefined({ format, family: v.family }) }, { format: '--format', family: '--family' }, 'See `edgelab report --help`.').request as TradeoffRequest;
  const result = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab report --tradeoff', readOnly: true }, (lab) => lab.tradeoff(request));
  if (result.view.families.length === 0) {
    throw new LabError('input', 'No accuracy pass in this workspace: the tradeoff report needs at least one (its accuracy), paired with a timed run of the same model on the same machine (its speed).',
      'Run `edgelab eval MODEL --labels … --decoder …` and `edgelab bench MODEL` for each variant, then report again.');
  }
  const text = result.content ?? '';
  if (!v.out) {
    ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return ExitCode.ok;
  }
  await writeOutput('--out', v.out, text, '', { workspace: v.workspace, env: ctx.env });
  const variants = result.view.families.reduce((n, f) => n + f.variants.length, 0);
  const families = result.view.families.length;
  ctx.stderr.write(`Wrote ${format} tradeoff report (${families} famil${families === 1 ? 'y' : 'ies'}, ${variants} variant${variants === 1 ? '' : 's'}) to ${v.out}\n`);
  ctx.stderr.write(`Evidence ledger head (pin it; check with \`edgelab runs verify --head HASH\`): ${result.view.ledgerHead ?? '(empty)'}\n`);
  return ExitCode.ok;
}
