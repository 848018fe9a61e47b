import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { executionProviderNames, type ExecutionProvider } from '../../api/run-spec.js';
import { applyScenarioFlags, extractScenarioFlags, scenarioHelp } from '../scenario-flags.js';
import { engineHelp } from '../engine-flags.js';
import { pointLabel, rateOf, runSweep, type SweepAxes, type SweepResult } from '../../measure/sweep.js';
import { oneOf, wholeNumber } from '../args.js';
import { measureLockFlags } from '../measure-lock-flags.js';
import { MeasureWaitCancelled, measureInTurn } from '../../measure/measure-lock.js';
import type { CommandContext } from '../context.js';
import { benchSpecFromArgs } from './bench.js';
import { openWorkspace, workspaceOption } from '../workspace-flag.js';
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
export function extractSweepAxes(argv: readonly string[]): { axes: SweepAxes; rest: string[] } {
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
  const axes: SweepAxes = {
    ...(batch.length ? { batch: listOf('--batch', batch).map((v) => wholeNumber('--batch', v, 1)) } : {}),
    ...(threads.length ? { threads: listOf('--threads', threads).map((v) => wholeNumber('--threads', v)) } : {}),
    ...(eps.length ? { executionProviders: listOf('--ep', eps).map((v) => oneOf('--ep', v, executionProviderNames) as ExecutionProvider) } : {}),
    ...(batchDim !== undefined ? { batchDim } : {}),
  };
  return { axes, rest };
}

const fixed = (n: number | undefined, digits = 2) => (n === undefined ? '–' : n.toFixed(digits));

export function formatSweepTable(result: SweepResult): string {
  const header = ['#', 'configuration', 'p50 ms', 'p99 ms', 'per-sample p50 ms', 'inferences/s', 'samples/s', 'targets', 'run'];
  const rows = result.runs.map(({ point, record }) => {
    const mark = result.best?.record.id === record.id ? '*' : '';
    if (record.state !== 'completed') return [`${point.index + 1}${mark}`, pointLabel(point) || '(base)', '–', '–', '–', '–', '–', record.state, record.id];
    const perSample = record.extras.perSample as { p50Ms?: number } | undefined;
    const verdicts = record.verdicts.length === 0 ? '–' : record.verdicts.every((v) => v.status === 'pass') ? 'pass' : record.verdicts.some((v) => v.status === 'fail') ? 'fail' : 'inconclusive';
    return [`${point.index + 1}${mark}`, pointLabel(point) || '(base)', fixed(record.latencyMs.p50, 3), fixed(record.latencyMs.p99, 3), fixed(perSample?.p50Ms, 3), fixed(record.throughputPerS, 1), fixed(rateOf(record), 1), verdicts, record.id];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 || c >= 7 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join('  ').trimEnd();
  const best = result.best ? `Best: ${pointLabel(result.best.point) || '(base)'} (${result.best.record.id}): ${result.bestReason}` : `Best: none. ${result.bestReason}`;
  return [`Sweep ${result.sweepId}`, line(header), ...rows.map(line), '', best].join('\n');
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
  const workspace = parsed.output.save ? await openWorkspace(parsed.output.workspace, ctx) : undefined;
  let result: SweepResult;
  try {
    result = await runSweep(spec, axes, {
      signal: ctx.signal,
      ...(workspace ? { workspace } : {}),
      onRunStart: (point, total) => ctx.stderr.write(`run ${point.index + 1}/${total}: ${pointLabel(point)}\n`),
      inTurn: measureInTurn({ ...measureLockFlags({ command: 'edgelab sweep', wait: true }, ctx), workspace: workspace?.dir ?? null, signal: ctx.signal }),
    });
  } catch (e) {
    // Ctrl-C while a point waited for the machine: the points measured before it are recorded.
    if (!(e instanceof MeasureWaitCancelled)) throw e;
    ctx.stderr.write(`edgelab: ${e.message}\n`);
    return ExitCode.cancelled;
  }
  if (parsed.output.json) {
    ctx.stdout.write(JSON.stringify({ sweepId: result.sweepId, best: result.best?.record.id ?? null, bestReason: result.bestReason, records: result.runs.map((r) => r.record) }, null, 2) + '\n');
  } else {
    ctx.stdout.write(formatSweepTable(result) + '\n');
    ctx.stdout.write(workspace ? `\nRecorded ${result.runs.length} run${result.runs.length === 1 ? '' : 's'} tagged sweep:${result.sweepId} in ${workspace.dir}\n` : '\nNot recorded (--no-save).\n');
  }
  if (ctx.signal.aborted) return ExitCode.cancelled;
  if (result.runs.some((r) => r.record.state === 'failed')) return ExitCode.runtime;
  return result.best ? ExitCode.ok : ExitCode.targetFailed;
}
