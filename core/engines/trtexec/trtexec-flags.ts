import { LabError } from '../../api/errors.js';
import type { TrtexecEngineSpec } from '../../api/run-spec.js';

/**
 * What a trtexec build accepts, read from its own `--help`: the `&&&& RUNNING … [TensorRT vN]` line
 * gives the release, the usage text the flags. Flags differ between releases (TensorRT 11 dropped
 * the weakly-typed precision flags and separates profiling from the timed run by default), so
 * edgelab passes only flags the installed trtexec lists, and says so when a wish cannot be met.
 */
export interface TrtexecCapabilities {
  tensorrtVersion: string | null;
  major: number | null;
  flags: Set<string>;
}

export function parseTrtexecHelp(text: string, versionOf: (digits: string) => string): TrtexecCapabilities {
  const running = /&&&& \w+ TensorRT\.trtexec \[TensorRT v(\d+)\]/.exec(text);
  const tensorrtVersion = running ? versionOf(running[1]!) : null;
  const flags = new Set([...text.matchAll(/(?:^|\s)--([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!));
  return { tensorrtVersion, major: tensorrtVersion ? Number(tensorrtVersion.split('.')[0]) : null, flags };
}

export interface TimedPassPlan {
  modelPath: string;
  enginePath: string;
  timesPath: string;
  layerInfoPath: string;
  /** Shapes for inputs with symbolic dims, `name` → dims. */
  shapes: Record<string, number[]>;
  warmupMs: number;
  iterations: number | undefined;
  durationS: number | undefined;
}

const PRECISION_FLAGS: Record<NonNullable<TrtexecEngineSpec['precision']>, string | null> = { fp32: null, fp16: 'fp16', int8: 'int8', best: 'best' };

function need(caps: TrtexecCapabilities, flag: string, why: string): void {
  if (caps.flags.has(flag)) return;
  throw new LabError(
    'unavailable',
    `This trtexec (TensorRT ${caps.tensorrtVersion ?? 'of unknown version'}) does not accept --${flag}, which ${why} needs.`,
    flag === 'fp16' || flag === 'int8' || flag === 'best'
      ? 'Newer TensorRT builds strongly typed networks: the precision is the model\'s own. Export the model in that precision (e.g. an FP16 or Q/DQ-quantized ONNX) and run with --precision fp32.'
      : 'Use a TensorRT release that has it, or drop the option.',
  );
}

export function shapesFlag(shapes: Record<string, number[]>): string | null {
  const entries = Object.entries(shapes);
  // Input names may contain ':' (TensorFlow-exported models); trtexec then wants them quoted.
  return entries.length === 0 ? null : entries.map(([name, dims]) => `${name.includes(':') ? `'${name}'` : name}:${dims.join('x')}`).join(',');
}

/** Build the engine once and time it: per-iteration times and layer info, no profiler attached. */
export function timedPassArgs(engine: TrtexecEngineSpec, plan: TimedPassPlan, caps: TrtexecCapabilities): string[] {
  const args = [`--onnx=${plan.modelPath}`, `--saveEngine=${plan.enginePath}`, `--exportTimes=${plan.timesPath}`];
  need(caps, 'exportTimes', 'recording every iteration');
  if (caps.flags.has('exportLayerInfo')) {
    args.push(`--exportLayerInfo=${plan.layerInfoPath}`);
    if (caps.flags.has('profilingVerbosity')) args.push('--profilingVerbosity=detailed');
  }
  const precision = PRECISION_FLAGS[engine.precision ?? 'fp32'];
  if (precision) {
    need(caps, precision, `--precision ${engine.precision ?? 'fp32'}`);
    args.push(`--${precision}`);
  }
  // The timed engine is built with the same INT8 scales as the accuracy pass's, so both measure one engine.
  if (engine.calib !== undefined) {
    need(caps, 'calib', '--calib');
    args.push(`--calib=${engine.calib}`);
  }
  if (engine.dlaCore !== undefined) {
    need(caps, 'useDLACore', '--dla');
    args.push(`--useDLACore=${engine.dlaCore}`);
    if (caps.flags.has('allowGPUFallback')) args.push('--allowGPUFallback');
  }
  const options: Array<[boolean | undefined, string, string]> = [
    [engine.spinWait, 'useSpinWait', '--spin-wait'],
    [engine.cudaGraph, 'useCudaGraph', '--cuda-graph'],
    [engine.noDataTransfers, 'noDataTransfers', '--no-data-transfers'],
  ];
  for (const [wanted, flag, ours] of options) {
    if (!wanted) continue;
    need(caps, flag, ours);
    args.push(`--${flag}`);
  }
  const shapes = shapesFlag(plan.shapes);
  if (shapes) args.push(`--shapes=${shapes}`);
  args.push(`--warmUp=${Math.round(plan.warmupMs)}`);
  // trtexec runs until both --iterations and --duration are reached; edgelab's "first limit wins"
  // is iterations with no minimum duration, or a duration with one minimum iteration.
  if (plan.iterations !== undefined && plan.durationS === undefined) args.push(`--iterations=${plan.iterations}`, '--duration=0');
  else if (plan.durationS !== undefined) args.push(`--iterations=${plan.iterations ?? 1}`, `--duration=${Math.max(1, Math.round(plan.durationS))}`);
  return args;
}

/** Profile the built engine in a separate process, so the profiler's synchronisation never touches the timed iterations. */
export function profilePassArgs(enginePath: string, profilePath: string, caps: TrtexecCapabilities, engine: TrtexecEngineSpec, shapes: Record<string, number[]>): string[] {
  need(caps, 'exportProfile', 'the layer profile');
  const args = [`--loadEngine=${enginePath}`, `--exportProfile=${profilePath}`, '--iterations=50', '--duration=0', '--warmUp=100'];
  if (caps.flags.has('dumpProfile') && (caps.major ?? 0) < 11) args.push('--dumpProfile');
  if (engine.dlaCore !== undefined) args.push(`--useDLACore=${engine.dlaCore}`);
  const s = shapesFlag(shapes);
  if (s) args.push(`--shapes=${s}`);
  return args;
}
