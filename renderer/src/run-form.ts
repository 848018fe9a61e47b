import type { ModelInfo } from '../../core/api/model-info.js';
import type { ExecutionProvider, ImagesInputs, InputsSpec, ResizeMode, RunSpecInput, Scenario, SessionSettings } from '../../core/api/run-spec.js';

export type ScenarioKind = Scenario['kind'];
export type InputsKind = InputsSpec['kind'];
/** A server run either holds a rate given here or searches for the highest rate that keeps a bound. */
export type ServerRate = 'fixed' | 'find-max';
export type NormalizePreset = 'unit' | 'imagenet' | 'symmetric' | 'raw' | 'custom';

/** The presets `edgelab bench --normalize` offers, so the app and the CLI write the same spec. */
export const NORMALIZE_PRESETS: Record<Exclude<NormalizePreset, 'custom'>, { label: string } & Pick<ImagesInputs, 'scale' | 'mean' | 'std'>> = {
  unit: { label: 'unit: p/255', scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
  imagenet: { label: 'imagenet: (p/255 − mean) / std, torchvision\'s', scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
  symmetric: { label: 'symmetric: p/127.5 − 1', scale: 1 / 127.5, mean: [1, 1, 1], std: [1, 1, 1] },
  raw: { label: 'raw: p as it is', scale: 1, mean: [0, 0, 0], std: [1, 1, 1] },
};

/** The Run screen's fields as typed; strings until the spec is built, so a half-typed number is not lost. */
export interface RunForm {
  /** Execution providers in priority order, as repeated `--ep` flags: ONNX Runtime tries the first first. */
  providers: ExecutionProvider[];
  /** `NAME=V, …` as `--free-dim`: ONNX Runtime's freeDimensionOverrides. */
  freeDims: string;
  intraOpNumThreads: string;
  interOpNumThreads: string;
  graphOptimizationLevel: SessionSettings['graphOptimizationLevel'];
  executionMode: SessionSettings['executionMode'];
  enableCpuMemArena: boolean;
  enableMemPattern: boolean;
  inputsKind: InputsKind;
  dims: Record<string, string>;
  /** Whole shapes by input name as typed (`1x3x640x640`), as `--shape`; empty means "from the dims". */
  shapes: Record<string, string>;
  testDataDir: string;
  /** `HxW` for images when the model leaves height and width symbolic. */
  imageSize: string;
  imageDtype: ImagesInputs['dtype'];
  padValue: string;
  scale: string;
  mean: string;
  std: string;
  seed: string;
  poolSize: string;
  imagePath: string;
  resize: ResizeMode;
  normalize: NormalizePreset;
  layout: ImagesInputs['layout'];
  channelOrder: ImagesInputs['channelOrder'];
  scenario: ScenarioKind;
  concurrency: string;
  sessions: string;
  serverRate: ServerRate;
  qps: string;
  bound: string;
  trialDurationS: string;
  maxTrials: string;
  scheduleSeed: string;
  warmupIterations: string;
  /** Warm-up as a duration in seconds (`--warmup 2s`); when given, it replaces the iteration count. */
  warmupDurationS: string;
  iterations: string;
  durationS: string;
  trials: string;
  targets: string;
  profile: boolean;
  telemetry: boolean;
  label: string;
  /** Tags as typed, comma-separated (`--tag`, repeatable). */
  tags: string;
  /** The symbolic dim that is the batch (`--batch-dim`): per-sample latency and throughput divide by it. */
  batchDim: string;
}

export function initialRunForm(model: ModelInfo | null): RunForm {
  return {
    providers: ['cpu'],
    freeDims: '',
    intraOpNumThreads: '0',
    interOpNumThreads: '0',
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    enableCpuMemArena: true,
    enableMemPattern: true,
    inputsKind: 'synthetic',
    // Empty, never 1: a symbolic dim is the user's choice, and Start is refused (with the CLI's
    // message) until each has a value, so no run is recorded on a shape nobody chose.
    dims: Object.fromEntries((model?.symbolicDims ?? []).map((d) => [d, ''])),
    shapes: Object.fromEntries((model?.inputs ?? []).map((i) => [i.name, ''])),
    testDataDir: '',
    imageSize: '',
    imageDtype: 'float32',
    padValue: '114',
    scale: String(1 / 255),
    mean: '0, 0, 0',
    std: '1, 1, 1',
    seed: '1',
    poolSize: '4',
    imagePath: '',
    resize: 'stretch',
    normalize: 'unit',
    layout: 'nchw',
    channelOrder: 'rgb',
    scenario: 'single-stream',
    concurrency: '2',
    sessions: '1',
    serverRate: 'fixed',
    qps: '50',
    bound: 'p99<=15ms',
    trialDurationS: '1',
    maxTrials: '12',
    scheduleSeed: '1',
    warmupIterations: '10',
    warmupDurationS: '',
    iterations: '100',
    durationS: '',
    trials: '1',
    targets: '',
    profile: false,
    telemetry: true,
    label: '',
    tags: '',
    batchDim: '',
  };
}

/** Targets as typed: one per line or separated by commas, e.g. `p99<=33ms, realtime-30`. */
export function parseTargetList(text: string): string[] {
  return text.split(/[\n,]/).map((t) => t.trim()).filter((t) => t !== '');
}

const num = (text: string) => Number(text.trim());

/** Comma- or line-separated entries, trimmed, empty ones dropped (tags, targets). */
export function listText(text: string): string[] {
  return text.split(/[\n,]/).map((t) => t.trim()).filter((t) => t !== '');
}

/** `NAME=V` pairs as typed (`batch=1, seq=128`); a value that is not a whole number is passed on as NaN for the schema to name. */
export function namedNumbersText(text: string): Record<string, number> {
  return Object.fromEntries(listText(text).map((pair) => {
    const at = pair.indexOf('=');
    const value = at < 0 ? '' : pair.slice(at + 1).trim();
    return [at < 0 ? pair : pair.slice(0, at).trim(), /^\d+$/.test(value) ? Number(value) : Number.NaN];
  }));
}
/** An empty field means "the schema's default"; anything typed is passed on, even if it is not a number. */
const optional = <K extends string>(key: K, text: string): Partial<Record<K, number>> =>
  text.trim() === '' ? {} : ({ [key]: num(text) } as Record<K, number>);

/** `1x3x640x640` (or with commas or ×) as numbers; a mistyped dim becomes NaN for the schema to name. */
export function parseShapeText(text: string): number[] {
  return text.trim().split(/\s*[x×,]\s*/i).map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN));
}

/** Three per-channel numbers as typed (`0.485, 0.456, 0.406`); anything else is passed on for the schema to name. */
function perChannel(text: string): [number, number, number] {
  const values = text.split(/[\s,]+/).filter((v) => v !== '').map(Number);
  return values as [number, number, number];
}

function normalisation(form: RunForm): Pick<ImagesInputs, 'scale' | 'mean' | 'std'> {
  if (form.normalize !== 'custom') {
    const { scale, mean, std } = NORMALIZE_PRESETS[form.normalize];
    return { scale, mean, std };
  }
  return { scale: num(form.scale), mean: perChannel(form.mean), std: perChannel(form.std) };
}

function inputsFromForm(form: RunForm): NonNullable<RunSpecInput['inputs']> {
  if (form.inputsKind === 'test-data') return { kind: 'test-data', dir: form.testDataDir.trim() };
  if (form.inputsKind === 'images') {
    const path = form.imagePath.trim();
    const size = form.imageSize.trim();
    return {
      kind: 'images',
      paths: path === '' ? [] : [path],
      resize: form.resize,
      layout: form.layout,
      channelOrder: form.channelOrder,
      dtype: form.imageDtype,
      ...(form.resize === 'letterbox' ? optional('padValue', form.padValue) : {}),
      ...(size === '' ? {} : { size: parseShapeText(size) as [number, number] }),
      ...normalisation(form),
    };
  }
  const shapes = Object.entries(form.shapes).filter(([, text]) => text.trim() !== '');
  return {
    kind: 'synthetic',
    ...(shapes.length > 0 ? { shapes: Object.fromEntries(shapes.map(([name, text]) => [name, parseShapeText(text)])) } : {}),
    // A dim left empty is not sent: the server then refuses the run and names every missing dim.
    dims: Object.fromEntries(Object.entries(form.dims).filter(([, value]) => value.trim() !== '').map(([name, value]) => [name, num(value)])),
    ...optional('seed', form.seed),
    ...optional('poolSize', form.poolSize),
  };
}

function scenarioFromForm(form: RunForm): NonNullable<RunSpecInput['scenario']> {
  const common = {
    // As `--warmup 2s`: a duration replaces the iteration count.
    warmup: form.warmupDurationS.trim() === '' ? { iterations: num(form.warmupIterations || '0') } : { iterations: 0, durationMs: num(form.warmupDurationS) * 1000 },
    ...optional('iterations', form.iterations),
    ...optional('durationS', form.durationS),
    // One trial is what a run without the field does; leaving it out keeps such specs as they were.
    ...(form.trials.trim() === '' || num(form.trials) === 1 ? {} : { trials: num(form.trials) }),
    ...(form.batchDim.trim() === '' ? {} : { batchDim: form.batchDim.trim() }),
  };
  if (form.scenario === 'throughput') {
    return { kind: 'throughput', ...common, ...optional('concurrency', form.concurrency), ...optional('sessions', form.sessions) };
  }
  if (form.scenario === 'server') {
    const rate =
      form.serverRate === 'find-max'
        ? { findMaxQps: { bound: form.bound.trim(), ...optional('trialDurationS', form.trialDurationS), ...optional('maxTrials', form.maxTrials) } }
        : optional('qps', form.qps);
    return { kind: 'server', ...common, ...rate, ...optional('seed', form.scheduleSeed), ...optional('sessions', form.sessions) };
  }
  return { kind: 'single-stream', ...common };
}

/**
 * The RunSpec the form describes. Numbers are passed as typed (an empty field is left out, 'abc'
 * becomes NaN) so the server's schema, the same one the CLI uses, names the bad field in its own
 * words. Fields of a scenario or input kind not chosen are not sent.
 */
export function runSpecFromForm(modelPath: string, form: RunForm): RunSpecInput {
  const label = form.label.trim();
  const targets = parseTargetList(form.targets);
  const tags = listText(form.tags);
  const scenario = scenarioFromForm(form);
  // As `edgelab bench --find-max-qps --bound` does: the bound the search kept is also judged on the
  // final run at the rate it found, so the record says whether that run held it.
  const bound = scenario.kind === 'server' ? scenario.findMaxQps?.bound : undefined;
  return {
    model: modelPath,
    ...(label !== '' ? { label } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    inputs: inputsFromForm(form),
    session: {
      executionProviders: form.providers,
      freeDimensionOverrides: namedNumbersText(form.freeDims),
      intraOpNumThreads: num(form.intraOpNumThreads || '0'),
      interOpNumThreads: num(form.interOpNumThreads || '0'),
      graphOptimizationLevel: form.graphOptimizationLevel,
      executionMode: form.executionMode,
      enableCpuMemArena: form.enableCpuMemArena,
      enableMemPattern: form.enableMemPattern,
    },
    scenario,
    targets: bound && !targets.includes(bound) ? [...targets, bound] : targets,
    profile: form.profile,
    telemetry: form.telemetry,
  };
}
