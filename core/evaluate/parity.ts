import { formatShape } from '../inputs/shapes.js';
import { LabError } from '../api/errors.js';
import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun, LatencyStats } from '../api/run-record.js';
import { RunSpecSchema, type ExecutionProvider } from '../api/run-spec.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import { checkInputBudget, synthesizeFeeds } from '../inputs/synthetic.js';
import { loadTestDataFeeds } from '../inputs/test-data/test-data-set.js';
import { inspectModel } from '../model/inspect.js';
import type { Feeds, OrtTensor } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { summarizeLatency } from '../stats/index.js';
import { compareValues, DEFAULT_TOLERANCE, type OutputDrift, type Tolerance } from './compare-outputs.js';
import { completedRecord } from './evaluation-record.js';
import { timedRun } from './session-run.js';
import { castFloatTensor, tensorValues } from './tensor-values.js';

export interface ParityOptions {
  /** A second variant of the model (fp16, int8 …); default: the same model. */
  candidateModel?: string;
  /** Reference provider, then candidate provider; default cpu for both. */
  providers?: readonly ExecutionProvider[];
  /** ONNX test-data inputs; default synthetic inputs from `seed`. */
  testData?: string;
  seed?: number;
  /** Synthetic input sets when no test data is given. */
  inputSets?: number;
  dims?: Record<string, number>;
  tolerance?: Tolerance;
  label?: string;
}

export interface ParitySide {
  model: string;
  executionProvider: ExecutionProvider;
  latencyMs: LatencyStats;
}

/** What `extras.parity` holds: drift per output over all input sets, worst case kept. */
export interface ParityResult {
  reference: ParitySide;
  candidate: ParitySide;
  tolerance: Tolerance;
  inputSets: number;
  outputs: OutputDrift[];
  /**
   * For score outputs shaped [batch, classes]: how often both pick the same top class. A quantised
   * variant can drift beyond tolerance and still agree on nearly every prediction, which is what
   * decides whether it ships.
   */
  top1Agreement: Array<{ name: string; rows: number; agreeing: number }>;
  verdict: 'pass' | 'fail';
}

/**
 * The same inputs through a reference and a candidate (another provider, or another variant of
 * the model) → how far the candidate's outputs drift. Inputs are cast to each variant's float type,
 * outputs compared in float64.
 */
export async function runParity(model: string, options: ParityOptions = {}): Promise<CompletedRun> {
  const startedAt = new Date().toISOString();
  const candidateModel = options.candidateModel ?? model;
  const [refEp = 'cpu', candEp = refEp] = options.providers ?? [];
  if (candidateModel === model && refEp === candEp) {
    throw new LabError('usage', `Parity of ${model} with itself on ${refEp} compares nothing.`, 'Give a second model (a fp16 or int8 variant) or two providers with --ep A --ep B.');
  }
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const refInfo = await inspectModel(model);
  const candInfo = candidateModel === model ? refInfo : await inspectModel(candidateModel);
  checkSameSignature(model, refInfo, candidateModel, candInfo);
  const refFeeds = await parityInputs(model, refInfo, options);
  const candFeeds = refFeeds.map((f) => castFeeds(f, candInfo));

  const spec = RunSpecSchema.parse({
    model,
    ...(options.label ? { label: options.label } : {}),
    tags: ['parity'],
    inputs: options.testData ? { kind: 'test-data', dir: options.testData } : { kind: 'synthetic', seed: options.seed ?? 1, poolSize: refFeeds.length, dims: options.dims ?? {} },
    session: { executionProviders: [refEp] },
    scenario: { kind: 'single-stream', warmup: { iterations: 0 }, iterations: refFeeds.length },
  });
  const ref = await createSession(model, spec.session);
  const cand = await createSession(candidateModel, { ...spec.session, executionProviders: [candEp] }).catch(async (e: unknown) => {
    await ref.session.release();
    throw e;
  });
  try {
    const refMs: number[] = [];
    const candMs: number[] = [];
    const drift = new Map<string, OutputDrift>();
    const agreement = new Map<string, { name: string; rows: number; agreeing: number }>();
    const started = performance.now();
    for (let i = 0; i < refFeeds.length; i++) {
      const a = await timedRun(ref.session, refFeeds[i] as Feeds);
      const b = await timedRun(cand.session, candFeeds[i] as Feeds);
      refMs.push(a.ms);
      candMs.push(b.ms);
      refInfo.outputs.forEach((o, k) => {
        const candName = candInfo.outputs[k]?.name ?? o.name;
        const refTensor = a.outputs[o.name] as OrtTensor;
        const refValues = tensorValues(refTensor);
        const candValues = tensorValues(b.outputs[candName] as OrtTensor);
        drift.set(o.name, worse(drift.get(o.name), compareValues(o.name, candValues, refValues, tolerance)));
        const classes = refTensor.dims.length === 2 ? (refTensor.dims[1] ?? 0) : 0;
        if (classes > 1 && candValues.length === refValues.length) {
          const tally = agreement.get(o.name) ?? { name: o.name, rows: 0, agreeing: 0 };
          for (let row = 0; row < refValues.length / classes; row++) {
            tally.rows++;
            if (argmax(refValues, row * classes, classes) === argmax(candValues, row * classes, classes)) tally.agreeing++;
          }
          agreement.set(o.name, tally);
        }
      });
    }
    const elapsedMs = performance.now() - started;
    const outputs = [...drift.values()];
    const parity: ParityResult = {
      reference: { model, executionProvider: refEp, latencyMs: summarizeLatency(refMs) },
      candidate: { model: candidateModel, executionProvider: candEp, latencyMs: summarizeLatency(candMs) },
      tolerance,
      inputSets: refFeeds.length,
      outputs,
      top1Agreement: [...agreement.values()],
      verdict: outputs.every((o) => o.passed) ? 'pass' : 'fail',
    };
    return completedRecord(spec, refInfo, {
      startedAt, sessionCreateMs: ref.sessionCreateMs, firstInferenceMs: refMs[0] ?? 0, warmupIterations: 0, warmupMs: 0,
      samplesMs: refMs, elapsedMs, distinctInputSets: refFeeds.length, inputs: refFeeds[0] as Feeds,
    }, { parity });
  } finally {
    await ref.session.release();
    await cand.session.release();
  }
}

function argmax(values: Float64Array, from: number, count: number): number {
  let best = 0;
  for (let i = 1; i < count; i++) if ((values[from + i] as number) > (values[from + best] as number)) best = i;
  return best;
}

function worse(a: OutputDrift | undefined, b: OutputDrift): OutputDrift {
  if (!a) return b;
  return {
    name: a.name,
    elementCount: a.elementCount + b.elementCount,
    maxAbsError: Math.max(a.maxAbsError, b.maxAbsError),
    maxRelError: Math.max(a.maxRelError, b.maxRelError),
    cosineSimilarity: Math.min(a.cosineSimilarity, b.cosineSimilarity),
    mismatchCount: a.mismatchCount + b.mismatchCount,
    passed: a.passed && b.passed,
  };
}

function checkSameSignature(model: string, a: ModelInfo, candidate: string, b: ModelInfo): void {
  const names = (info: ModelInfo, side: 'inputs' | 'outputs') => info[side].map((v) => v.name).join(', ');
  for (const side of ['inputs', 'outputs'] as const) {
    if (a[side].length !== b[side].length) {
      throw new LabError('input', `${candidate} has ${b[side].length} ${side} (${names(b, side)}) but ${model} has ${a[side].length} (${names(a, side)}).`, 'Parity compares two variants of one model: same inputs and outputs, in the same order.');
    }
  }
  // Precision may differ between variants (float32 vs float16); shapes may not: the same tensors go into both.
  a.inputs.forEach((input, k) => {
    const other = b.inputs[k];
    if (!other || input.shape === null || other.shape === null) return;
    const clash = input.shape.length !== other.shape.length || input.shape.some((d, i) => typeof d === 'number' && typeof other.shape?.[i] === 'number' && d !== other.shape[i]);
    if (clash) {
      throw new LabError('input', `Input ${k + 1} is ${formatShape(input.shape)} in ${model} ('${input.name}') but ${formatShape(other.shape)} in ${candidate} ('${other.name}'): the same inputs cannot go through both.`,
        'Parity compares two variants of one model (fp32 vs fp16/int8, or one model on two providers): same inputs, same shapes.');
    }
  });
}

async function parityInputs(model: string, info: ModelInfo, options: ParityOptions): Promise<Feeds[]> {
  if (options.testData) return loadTestDataFeeds(model, info.inputs, options.testData);
  const shapes = resolveInputShapes(model, info.inputs, options.dims ?? {}, {});
  // Checked against memory before allocating, as bench does: --sets and --dim are the user's numbers.
  checkInputBudget(model, shapes, options.inputSets ?? 4, { poolFlag: '--sets' });
  return synthesizeFeeds(shapes, options.seed ?? 1, options.inputSets ?? 4);
}

function castFeeds(feeds: Feeds, info: ModelInfo): Feeds {
  const out: Feeds = {};
  info.inputs.forEach((input, k) => {
    const t = Object.values(feeds)[k] as OrtTensor;
    out[input.name] = castFloatTensor(t, input.dtype);
  });
  return out;
}
