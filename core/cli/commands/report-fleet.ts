import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { FleetReportRequest } from '../../api/fleet-report.js';
import { reportFormatForOutput } from '../../api/report-formats.js';
import type { CommandContext } from '../context.js';
import { labRequest, withoutUndefined } from '../lab-request.js';
import { withCliLab } from '../open-cli-lab.js';
import { checkOutputPath, writeOutput } from '../output-file.js';

const FLEET_FORMATS = ['md', 'html', 'csv', 'json'] as const;

export interface FleetFlags {
  format?: string | undefined;
  out?: string | undefined;
  model?: string | undefined;
  unit?: string | undefined;
  workspace?: string | undefined;
}

/** `edgelab report --fleet`: the fleet matrix of this workspace's runs, through LabApi's fleetReport. */
export async function reportFleet(v: FleetFlags, positionals: readonly string[], ctx: CommandContext): Promise<number> {
  if (positionals.length > 0) {
    throw new LabError('usage', `edgelab report --fleet reports every run in the workspace; it takes no run ids (got ${positionals.join(' ')}).`, 'Narrow it with --model NAME or --unit LABEL, or drop --fleet to report the runs named.');
  }
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env: ctx.env });
  const format = v.out ? reportFormatForOutput('--out', v.out, v.format) : (v.format ?? 'md');
  if (!(FLEET_FORMATS as readonly string[]).includes(format)) {
    throw new LabError('usage', `--format ${format}: the fleet report is written as ${FLEET_FORMATS.join(', ')}.`, 'JUnit reports a suite\'s verdicts: use `edgelab run SUITE --junit FILE` for that.');
  }
  const request = labRequest('fleetReport', { request: withoutUndefined({ format, model: v.model, unit: v.unit }) }, { format: '--format', model: '--model', unit: '--unit' }, 'See `edgelab report --help`.').request as FleetReportRequest;
  const result = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab report --fleet', readOnly: true }, (lab) => lab.fleetReport(request));
  const text = result.content ?? '';
  if (!v.out) {
    ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return ExitCode.ok;
  }
  await writeOutput('--out', v.out, text, '', { workspace: v.workspace, env: ctx.env });
  const cells = result.fleet.cells.length;
  ctx.stderr.write(`Wrote ${format} fleet report (${cells} cell${cells === 1 ? '' : 's'} from ${result.fleet.runsConsidered} run${result.fleet.runsConsidered === 1 ? '' : 's'}) to ${v.out}\n`);
  ctx.stderr.write(`Evidence ledger head (pin it; check with \`edgelab runs verify --head HASH\`): ${result.fleet.ledgerHead ?? '(empty)'}\n`);
  if (result.signedHead) ctx.stderr.write(`Signed head: ${result.signedHead.entryHash} (seq ${result.signedHead.seq}; check with \`edgelab runs verify --allowed-signers FILE\`)\n`);
  return ExitCode.ok;
}
