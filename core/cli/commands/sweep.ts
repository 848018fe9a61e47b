import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { executionProviderNames, type ExecutionProvider } from '../../api/run-spec.js';
import type { LabApi, QueuedBehind } from '../../api/lab-api.js';
import { describeMeasureHolder } from '../../api/measure-holder.js';
import type { RunRecord } from '../../api/run-record.js';
import type { SweepAxesRequest, SweepRunView } from '../../api/sweep-run.js';
import { applyScenarioFlags, extractScenarioFlags, scenarioHelp } from '../scenario-flags.js';
import { engineHelp } from '../engine-flags.js';
import { oneOf, wholeNumber } from '../args.js';
import { machineWaitNotice } from '../measure-lock-flags.js';
import { openCliLab } from '../open-cli-lab.js';
import type { CommandContext } from '../context.js';
import { formatSweepTable } from '../../present/sweep-table.js';
import { benchSpecFromArgs } from './bench.js';
import { workspaceOption } from '../workspace-flag.js';
import { joinNegativeValues, registerFlags } from '../numeric-flags.js';
import { benchOptions } from './bench.js';
import { scenarioOptions } from '../scenario-flags.js';

// sweep reads its axes by hand (they are lists here) and hands the rest to bench's parser; its
// whole flag set is declared here so the flag boundary test sees every flag sweep takes.
const sweepOptions = registerFlags('sweep', { ...benchOptions, ...scenarioOptions, ...workspaceOption, batch: { type: 'string', multiple: true }, threads: { type: 'string', multiple: true } } as const);

export const sweepHelp = `Usage: edgelab sweep MODEL --batch 1,4,8 --threads 1,2 [--ep cpu,cuda] [bench flags]

Runs one benchmark per combination of the axes given (any subset), records each run with a shared
extras.sweep (sweepId, axes, index) and a sweep:<id> tag, prints a table and the best configuration
under the targets (highest samples/s among runs that pass every --target).

Axes
  --batch LIST            values of the batch dim (comma-separated or repeated)
  --threads LIST          intraOpNumThreads values
  --ep LIST               execution providers: ${executionProviderNames.join(', ')}
  --dim NAME              the batch dim (default: the first symbolic dim of the first input);
                          --dim NAME=V still sets other symbolic dims
${scenarioHelp}${engineHelp}  With --engine trtexec, --batch is the axis (one engine per batch); --threads and --ep are ONNX Runtime's.
Every other flag of \`edgelab bench\` (run length, inputs, session options, --target, --workspace,
--no-save, --json) applies to each run.
`;

function listOf(flag: string, values: readonly string[]): string[] {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '').map((v) => {
    if (v.startsWith('-') && !/^-[\d.]/.test(v)) throw new LabError('usage', `${flag} ${v}: expected a comma-separated list.`, `For example ${flag} 1,4,8.`);
    return v;
  });
}

/** Takes the axis flags out of argv (they are lists here, single values for bench) and leaves the rest. */
export function extractSweepAxes(argv: readonly string[]): { axes: SweepAxesRequest; rest: string[] } {
  const batch: string[] = [];
  const threads: string[] = [];
  const eps: string[] = [];
  let batchDim: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') && !arg.startsWith('--dim=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new LabError('usage', `${name} needs a value.`, 'See `edgelab sweep --help`.');
      return next;
    };
    if (name === '--batch') batch.push(take());
    else if (name === '--threads') threads.push(take());
    else if (name === '--ep') eps.push(take());
    else if (arg === '--dim' && argv[i + 1] !== undefined && !(argv[i + 1] as string).includes('=')) batchDim = argv[++i];
    else rest.push(arg);
  }
  const axes: SweepAxesRequest = {
    ...(batch.length ? { batch: listOf('--batch', batch).map((v) => wholeNumber('--batch', v, 1)) } : {}),
    ...(threads.length ? { threads: listOf('--threads', threads).map((v) => wholeNumber('--threads', v)) } : {}),
    ...(eps.length ? { executionProviders: listOf('--ep', eps).map((v) => oneOf('--ep', v, executionProviderNames) as ExecutionProvider) } : {}),
    ...(batchDim !== undefined ? { batchDim } : {}),
  };
  return { axes, rest };
}

export async function sweepCommand(argv: string[], ctx: CommandContext): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    ctx.stdout.write(sweepHelp);
    return ExitCode.ok;
  }
  const { axes, rest: afterAxes } = extractSweepAxes(joinNegativeValues(argv, sweepOptions));
  const { values, rest } = extractScenarioFlags(afterAxes);
  const parsed = benchSpecFromArgs(rest, 'sweep');
  const spec = applyScenarioFlags(parsed.spec, values);
  if (spec.engine?.kind === 'trtexec' && (axes.threads || axes.executionProviders)) {
    throw new LabError('usage', `edgelab sweep: ${axes.threads ? '--threads' : '--ep'} is an ONNX Runtime axis; the trtexec engine has neither threads nor execution providers.`, 'Sweep --batch with --engine trtexec, or drop --engine trtexec.');
  }
  if (!axes.batch && !axes.threads && !axes.executionProviders) {
    throw new LabError('usage', 'edgelab sweep: no axis given.', 'Give at least one of --batch 1,4,8, --threads 1,2 or --ep cpu,cuda.');
  }
  const save = parsed.output.save;
  const lab = await openCliLab(ctx, { workspace: parsed.output.workspace, command: 'edgelab sweep', readOnly: !save });
  try {
    const watched = watchSweep(lab, ctx);
    let result: SweepRunView;
    try {
      result = await lab.runSweep(spec, axes, { save });
    } finally {
      watched.stop();
    }
    if (watched.waitCancelled()) {
      // Ctrl-C while a point waited for the machine: the points measured before it are recorded.
      ctx.stderr.write(`edgelab: Cancelled while waiting for the machine (${describeMeasureHolder(watched.behind())} was measuring); nothing more was measured.\n`);
      return ExitCode.cancelled;
    }
    const records = watched.records;
    if (parsed.output.json) {
      ctx.stdout.write(JSON.stringify({ sweepId: result.sweepId, best: result.bestRunId, bestReason: result.bestReason, records: result.points.map((p) => records.get(p.runId)) }, null, 2) + '\n');
    } else {
      ctx.stdout.write(formatSweepTable(result, records) + '\n');
      ctx.stdout.write(save ? `\nRecorded ${result.points.length} run${result.points.length === 1 ? '' : 's'} tagged sweep:${result.sweepId} in ${lab.workspace.dir}\n` : '\nNot recorded (--no-save).\n');
    }
    if (ctx.signal.aborted) return ExitCode.cancelled;
    if (result.points.some((p) => p.state === 'failed')) return ExitCode.runtime;
    return result.bestRunId ? ExitCode.ok : ExitCode.targetFailed;
  } finally {
    await lab.close();
  }
}

/**
 * A sweep's events as the CLI shows them: `run i/n: point` as each point gets in line, whom a point
 * waits for, every point's record (a sweep with --no-save has no other copy), and Ctrl-C as a
 * cancel of the point in progress, which ends the sweep.
 */
function watchSweep(lab: LabApi, ctx: CommandContext) {
  const records = new Map<string, RunRecord>();
  let current: string | undefined;
  let started = false;
  let behind: QueuedBehind | null = null;
  const off = lab.onEvent((event) => {
    if (event.type === 'sweep-point') {
      current = event.runId;
      started = false;
      ctx.stderr.write(`run ${event.index + 1}/${event.count}: ${event.point === 'defaults' ? '' : event.point}\n`);
      if (ctx.signal.aborted) cancel();
      return;
    }
    if (!('runId' in event) || event.runId !== current) return;
    if (event.type === 'queued') {
      behind = event.behind;
      ctx.stderr.write(machineWaitNotice(true, event.behind));
    } else if (event.type === 'done' || event.type === 'failed') {
      if (event.record) records.set(event.runId, event.record);
    } else if (event.type !== 'exported') {
      started = true;
    }
  });
  const cancel = () => {
    if (current !== undefined) lab.cancelRun(current).catch(() => undefined);
  };
  ctx.signal.addEventListener('abort', cancel, { once: true });
  return {
    records,
    behind: () => behind,
    waitCancelled: () => ctx.signal.aborted && !started,
    stop: () => {
      off();
      ctx.signal.removeEventListener('abort', cancel);
    },
  };
}
