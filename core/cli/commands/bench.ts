import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { executionProviderNames, RunSpecRequestSchema, type RunSpec } from '../../api/run-spec.js';
import { durationSeconds, namedNumbers, namedShapes, oneOf, parseFlags, warmup, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { runAndReport, type OutputOptions } from '../run-and-report.js';
import { applyScenarioFlags, scenarioHelp, scenarioOptions } from '../scenario-flags.js';
import { applyEngineFlags, engineHelp, engineOptions } from '../engine-flags.js';
import { imageFlagOptions, imageFlagsHelp, imageFlagsToSpec } from '../image-flags.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const benchHelp = `Usage: edgelab bench MODEL [flags]

Measures single-stream latency of an ONNX model: cold start, warm-up, then a timed loop.

Run length
  --iterations N          timed iterations (default 100, or more when a --target names a tail percentile:
                          as many as its 95 % interval needs, e.g. 368 for p99; capped at 10 s unless --duration is given)
  --duration S            run for S seconds (10, 10s, 500ms, 2m); with --iterations, the first limit wins
  --warmup N|DURATION     warm-up iterations (default 10) or a duration (500ms, 2s)
Inputs
  --dim NAME=V            value of a symbolic dim (repeatable), e.g. --dim batch=1
  --shape INPUT=AxBxC     whole shape of an input (repeatable), e.g. --shape input=1x3x224x224
  --seed N                seed of the synthetic inputs (default 1)
  --input-pool N          distinct input sets rotated across iterations (default 4)
${imageFlagsHelp.trimEnd()}
ONNX Runtime session
  --ep NAME               execution provider: ${executionProviderNames.join(', ')} (repeatable, in priority order; default cpu)
  --threads N             intraOpNumThreads (0 = ONNX Runtime's default)
  --inter-threads N       interOpNumThreads
  --graph-opt LEVEL       graphOptimizationLevel: disabled, basic, extended, all (default all)
  --execution-mode MODE   executionMode: sequential (default) or parallel
  --no-cpu-arena          enableCpuMemArena = false
  --no-mem-pattern        enableMemPattern = false
  --free-dim NAME=V       freeDimensionOverrides (repeatable)
${scenarioHelp.trimEnd()}
${engineHelp.trimEnd()}
Profiling
  --profile               after the timed run, a separate pass with ONNX Runtime's profiler:
                          per-node breakdown, FLOPs, roofline, bottleneck findings (see edgelab profile)
Targets, evidence and output
  --target EXPR           a target such as p99<=33ms, fps>=30 or realtime-30 (repeatable)
  --label TEXT            a label for the run
  --tag TEXT              a tag for filtering runs (repeatable)
${workspaceHelp.trimEnd()}
  --no-save               measure without recording the run in the workspace
  --no-wait               if another edgelab is measuring on this machine, measure now instead of
                          waiting for it; the record names the measurement it overlapped
  --json                  print the run record as JSON on stdout
  --out FILE              also write the run record as JSON to FILE
`;

const options = {
  iterations: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  dim: { type: 'string', multiple: true },
  shape: { type: 'string', multiple: true },
  seed: { type: 'string' },
  'input-pool': { type: 'string' },
  ep: { type: 'string', multiple: true },
  threads: { type: 'string' },
  'inter-threads': { type: 'string' },
  'graph-opt': { type: 'string' },
  'execution-mode': { type: 'string' },
  'no-cpu-arena': { type: 'boolean' },
  'no-mem-pattern': { type: 'boolean' },
  'free-dim': { type: 'string', multiple: true },
  target: { type: 'string', multiple: true },
  label: { type: 'string' },
  tag: { type: 'string', multiple: true },
  ...imageFlagOptions,
  ...scenarioOptions,
  ...engineOptions,
  profile: { type: 'boolean' },
  'no-save': { type: 'boolean' },
  'no-wait': { type: 'boolean' },
  ...workspaceOption,
  json: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const benchOptions = options;

/** Flags → RunSpec. Validated once, by the same schema the app and the server use. */
export function benchSpecFromArgs(argv: string[], command = 'bench'): { spec: RunSpec; output: OutputOptions; help: boolean } {
  const { values: v, positionals } = parseFlags(command, argv, options);
  const output: OutputOptions = { json: Boolean(v.json), save: !v['no-save'], wait: !v['no-wait'], command: `edgelab ${command}`, ...(v.out ? { out: v.out } : {}), ...(v.workspace ? { workspace: v.workspace } : {}) };
  if (v.help) return { spec: RunSpecRequestSchema.parse({ model: '-' }), output, help: true };
  if (positionals.length !== 1) {
    throw new LabError('usage', positionals.length === 0 ? 'edgelab bench: no model given.' : `edgelab bench: expected one model, got ${positionals.length}: ${positionals.join(' ')}.`, 'Usage: edgelab bench MODEL.onnx [flags]; see `edgelab bench --help`.');
  }
  const spec = RunSpecRequestSchema.parse({
    model: positionals[0],
    ...(v.label ? { label: v.label } : {}),
    tags: v.tag ?? [],
    inputs: imageFlagsToSpec(v) ?? {
      kind: 'synthetic',
      seed: v.seed ? wholeNumber('--seed', v.seed) : 1,
      poolSize: v['input-pool'] ? wholeNumber('--input-pool', v['input-pool'], 1) : 4,
      dims: namedNumbers('--dim', v.dim),
      shapes: namedShapes(v.shape),
    },
    session: {
      executionProviders: (v.ep ?? ['cpu']).map((ep) => oneOf('--ep', ep, executionProviderNames)),
      intraOpNumThreads: v.threads ? wholeNumber('--threads', v.threads) : 0,
      interOpNumThreads: v['inter-threads'] ? wholeNumber('--inter-threads', v['inter-threads']) : 0,
      graphOptimizationLevel: v['graph-opt'] ? oneOf('--graph-opt', v['graph-opt'], ['disabled', 'basic', 'extended', 'all'] as const) : 'all',
      executionMode: v['execution-mode'] ? oneOf('--execution-mode', v['execution-mode'], ['sequential', 'parallel'] as const) : 'sequential',
      enableCpuMemArena: !v['no-cpu-arena'],
      enableMemPattern: !v['no-mem-pattern'],
      freeDimensionOverrides: namedNumbers('--free-dim', v['free-dim']),
    },
    scenario: {
      kind: 'single-stream',
      warmup: v.warmup ? warmup(v.warmup) : { iterations: 10 },
      ...(v.iterations ? { iterations: wholeNumber('--iterations', v.iterations, 1) } : {}),
      ...(v.duration ? { durationS: durationSeconds('--duration', v.duration) } : {}),
    },
    targets: v.target ?? [],
    profile: Boolean(v.profile) || command === 'profile',
  });
  return { spec: applyEngineFlags(applyScenarioFlags(spec, v), v), output, help: false };
}

export async function benchCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const parsed = benchSpecFromArgs(argv);
  if (parsed.help) {
    ctx.stdout.write(benchHelp);
    return ExitCode.ok;
  }
  return runAndReport(parsed.spec, parsed.output, ctx);
}
