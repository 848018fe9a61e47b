import path from 'node:path';
import { ExitCode } from '../api/exit-codes.js';
import { noRateFound } from '../api/no-rate-found.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import type { LabApi } from '../api/lab-api.js';
import type { RunSpec } from '../api/run-spec.js';
import { exitCodeForVerdicts } from '../api/verdict-summary.js';
import { describeMeasureHolder } from '../api/measure-holder.js';
import { formatRunSummary } from '../present/run-summary.js';
import { openCliLab } from './open-cli-lab.js';
import type { CommandContext } from './context.js';
import { measureThroughLab, type MeasuredRun } from './measure-through-lab.js';
import { checkOutputPath, writeOutput } from './output-file.js';
import { ProgressBar } from './progress-bar.js';

export interface OutputOptions {
  json: boolean;
  out?: string;
  workspace?: string;
  save: boolean;
  /** false with --no-wait: measure at once even if the machine is busy. */
  wait?: boolean;
  /** The command, as the machine's other edgelab processes are told who measures. */
  command?: string;
}

/**
 * Shared by `bench`, `profile` and `demo`: the run through the lab's LabApi (measured in this
 * process, saved by the lab as an app run is), printed, and its verdicts turned into an exit code.
 */
export async function runAndReport(specOrAsk: RunSpec | ((lab: LabApi) => Promise<RunSpec>), output: OutputOptions, ctx: CommandContext): Promise<number> {
  const protectFor = (spec: RunSpec) => ({ workspace: output.workspace, env: ctx.env, inputs: [spec.model, ...(spec.inputs.kind === 'images' ? spec.inputs.paths : [])] });
  // --out is checked before anything is opened, when the spec is known already (all but `demo`, which asks the lab).
  if (output.out && typeof specOrAsk !== 'function') await checkOutputPath('--out', output.out, protectFor(specOrAsk));
  const lab = await openCliLab(ctx, { workspace: output.workspace, command: output.command ?? 'edgelab', readOnly: !output.save });
  try {
    const spec = typeof specOrAsk === 'function' ? await specOrAsk(lab) : specOrAsk;
    const protect = protectFor(spec);
    const bar = new ProgressBar(ctx.stderr);
    let run: MeasuredRun;
    try {
      run = await measureThroughLab(lab, spec, { save: output.save, wait: output.wait !== false }, ctx, bar);
    } finally {
      bar.clear();
    }
    if (run.kind === 'wait-cancelled') {
      // Ctrl-C while waiting for the machine: nothing was measured; the lab keeps the request's record.
      const kept = run.record ? `; nothing was measured. The request is recorded as cancelled: ${run.record.id} in ${lab.workspace.dir}.` : '; nothing was measured or recorded.';
      ctx.stderr.write(`edgelab: Cancelled while waiting for the machine (${describeMeasureHolder(run.behind)} was measuring)${kept}\n`);
      return ExitCode.cancelled;
    }
    return await report(run, output, ctx, { dir: lab.workspace.dir, protect });
  } finally {
    await lab.close();
  }
}

async function report(run: Extract<MeasuredRun, { kind: 'ended' }>, output: OutputOptions, ctx: CommandContext, where: { dir: string; protect: Parameters<typeof writeOutput>[4] }): Promise<number> {
  const { record } = run;
  const saved = output.save;
  if (output.out) await writeOutput('--out', output.out, JSON.stringify(record, null, 2) + '\n', record.state === 'completed' && saved ? `The run itself is recorded as ${record.id}.` : '', where.protect);
  if (output.json) {
    ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  } else {
    ctx.stdout.write(formatRunSummary(record) + '\n');
    if (run.tracePath) ctx.stdout.write(`\nProfile trace (opens in Perfetto): ${run.tracePath}\n`);
    if (!saved && run.artifactPaths?.length) ctx.stdout.write(`\ntrtexec's logs and exports: ${path.dirname(run.artifactPaths[0] as string)}\n`);
    ctx.stdout.write(saved ? `\nRecorded as ${record.id} in ${where.dir}\n` : '\nNot recorded (--no-save).\n');
  }
  return exitCode(record, ctx);
}

function exitCode(record: RunRecord, ctx: CommandContext): number {
  if (record.state !== 'completed') {
    if (record.state === 'cancelled') return ExitCode.cancelled;
    if (record.state === 'observed') return ExitCode.ok;
    const failure = failureOf(record);
    ctx.stderr.write(`edgelab: ${failure.message}${failure.hint ? `\n  ${failure.hint}` : ''}\n`);
    return failure.kind === 'usage' || failure.kind === 'input' ? ExitCode.usage : ExitCode.runtime;
  }
  // A max-QPS search where no rate held is a failed target, whatever the verdicts at the last rate.
  const noRate = noRateFound(record);
  if (noRate) {
    ctx.stderr.write(`edgelab: ${noRate.message}\n  ${noRate.hint}\n`);
    return ExitCode.targetFailed;
  }
  return exitCodeForVerdicts(record.verdicts);
}
