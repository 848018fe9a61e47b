import { startRssPeak, type RssPeakSampler } from '../telemetry/rss-peak.js';
import { LabError, toErrorInfo, type ErrorInfo } from '../api/errors.js';
import type { RunEventListener } from '../api/events.js';
import type { ModelInfo } from '../api/model-info.js';
import type { CompletedRun, FailedRun, LatencyStats, RunRecord } from '../api/run-record.js';
import { DEFAULT_DURATION_S, DEFAULT_ITERATIONS, RunSpecSchema, type ImagesInputs, type RunSpecInput } from '../api/run-spec.js';
import { newRunId } from '../evidence/evidence-id.js';
import { topK } from '../evaluate/classification.js';
import { tensorValues } from '../evaluate/tensor-values.js';
import { listImageFiles } from '../inputs/images/image-files.js';
import { checkImagesDecode, imageBatchTensor, readImages, resolveImageInput, type EncodedImage, type ImageInputTarget } from '../inputs/images/image-input.js';
import { inspectModel } from '../model/inspect.js';
import { onnxRuntimeVersion, type Feeds, type InferenceSession, type OrtTensor } from '../runtime/ort.js';
import { createSession } from '../runtime/session.js';
import { summarizeLatency } from '../stats/index.js';
import { analyzeRun } from './analyze-run.js';
import { monotonicClock, type Clock } from './clock.js';
import { memoryExtras, recordBase } from '../evidence/record-base.js';

/** What happens to the model's outputs in the postprocess stage. */
export type Postprocess =
  /** Classification: softmax unless already a distribution, then the k best with labels. */
  | { kind: 'top-k'; k: number; labels?: readonly string[] }
  /** Every output read out as numbers, as an application consuming raw tensors would. */
  | { kind: 'raw' };

export interface PipelineOptions {
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  clock?: Clock;
  modelInfo?: ModelInfo;
  runId?: string;
  postprocess?: Postprocess;
}

/** What `extras.pipeline` holds: each stage timed alone, and their sum per frame. */
export interface PipelineStats {
  frames: number;
  imagesPerFrame: number;
  imageCount: number;
  postprocess: 'top-k' | 'raw';
  preprocessMs: LatencyStats;
  inferenceMs: LatencyStats;
  postprocessMs: LatencyStats;
  totalMs: LatencyStats;
  /** Per frame, in frame order. */
  preprocessSamplesMs: number[];
  inferenceSamplesMs: number[];
  postprocessSamplesMs: number[];
}

interface FrameTimes {
  pre: number[];
  infer: number[];
  post: number[];
}

/**
 * End-to-end single-stream benchmark on real images: per frame, preprocess (decode from memory,
 * resize, normalise), inference (`session.run`) and postprocess each sit alone between their own
 * clock reads. Files are read once beforehand so disk I/O is not measured. The record's latency
 * and targets are end-to-end (the sum of the three stages per frame); each stage is in
 * `extras.pipeline`.
 */
export async function runPipelineBenchmark(specInput: RunSpecInput, options: PipelineOptions = {}): Promise<RunRecord> {
  const spec = RunSpecSchema.parse(specInput);
  if (spec.inputs.kind !== 'images') {
    throw new LabError('usage', `A pipeline benchmark needs image inputs, not '${spec.inputs.kind}'.`, 'Give --images PATH.');
  }
  if (spec.scenario.kind !== 'single-stream') {
    throw new LabError('usage', `Image pipelines run as a single stream, one frame after another; the '${spec.scenario.kind}' scenario is for synthetic inputs.`, 'Use the single-stream scenario for images; measure throughput and server scenarios with synthetic inputs.');
  }
  const images = spec.inputs;
  const clock = options.clock ?? monotonicClock;
  const runId = options.runId ?? newRunId();
  const emit = options.onEvent ?? (() => {});
  const startedAt = new Date().toISOString();
  emit({ type: 'phase', runId, phase: 'load', detail: spec.model });
  const info = options.modelInfo ?? (await inspectModel(spec.model));
  const target = resolveImageInput(spec.model, info.inputs, images);
  const encoded = await readImages(await listImageFiles(images.paths));
  await checkImagesDecode(encoded, target, images);
  const postprocess = options.postprocess ?? defaultPostprocess(info);
  const base = recordBase(runId, startedAt, spec, info, onnxRuntimeVersion());
  const totals: number[] = [];
  const failed = (state: 'failed' | 'cancelled', error: ErrorInfo): FailedRun => ({ ...base, finishedAt: new Date().toISOString(), state, error, samplesMs: totals });

  let session: InferenceSession | undefined;
  let rssPeak: RssPeakSampler | undefined;
  try {
    const rssBeforeLoadBytes = process.memoryUsage.rss();
    // Peak of this run, sampled off the timed region as the single-stream benchmark does; the
    // process's lifetime maxRSS would include everything before it.
    rssPeak = startRssPeak();
    emit({ type: 'phase', runId, phase: 'session' });
    const created = await createSession(spec.model, spec.session);
    session = created.session;
    const rssAfterSessionBytes = process.memoryUsage.rss();
    const frame = frameRunner(session, encoded, target, images, postprocess, clock);

    emit({ type: 'phase', runId, phase: 'first-inference' });
    const first = await frame(0);
    const firstInferenceMs = first.infer;

    emit({ type: 'phase', runId, phase: 'warmup' });
    const warmStarted = clock.now();
    let warmed = 0;
    for (; warmed < spec.scenario.warmup.iterations || (spec.scenario.warmup.durationMs !== undefined && clock.now() - warmStarted < spec.scenario.warmup.durationMs); warmed++) {
      if (options.signal?.aborted) return failed('cancelled', { kind: 'runtime', message: 'Cancelled during warm-up.' });
      await frame(warmed + 1);
    }
    const warmupMs = clock.now() - warmStarted;

    emit({ type: 'phase', runId, phase: 'measure' });
    const { iterations, durationS } = spec.scenario;
    const neither = iterations === undefined && durationS === undefined;
    const maxFrames = iterations ?? (neither ? DEFAULT_ITERATIONS : Number.POSITIVE_INFINITY);
    const maxMs = durationS !== undefined ? durationS * 1000 : neither ? DEFAULT_DURATION_S * 1000 : Number.POSITIVE_INFINITY;
    const times: FrameTimes = { pre: [], infer: [], post: [] };
    const started = clock.now();
    let elapsedMs = 0;
    let lastProgressMs = 0;
    for (let i = 0; i < maxFrames && elapsedMs < maxMs; i++) {
      if (options.signal?.aborted) return failed('cancelled', { kind: 'runtime', message: `Cancelled after ${totals.length} frames.` });
      const t = await frame(i);
      times.pre.push(t.pre);
      times.infer.push(t.infer);
      times.post.push(t.post);
      totals.push(t.pre + t.infer + t.post);
      elapsedMs = clock.now() - started;
      if (elapsedMs - lastProgressMs < 100) continue;
      lastProgressMs = elapsedMs;
      emit({ type: 'progress', runId, phase: 'measure', iterations: totals.length, elapsedMs, fraction: Math.min(1, Math.max(totals.length / maxFrames, elapsedMs / maxMs)), lastMs: totals[totals.length - 1] ?? 0 });
    }
    const peakRssBytes = rssPeak.stop().peakRssBytes;
    rssPeak = undefined;
    const pipeline: PipelineStats = {
      frames: totals.length,
      imagesPerFrame: target.batch,
      imageCount: encoded.length,
      postprocess: postprocess.kind,
      preprocessMs: summarizeLatency(times.pre),
      inferenceMs: summarizeLatency(times.infer),
      postprocessMs: summarizeLatency(times.post),
      totalMs: summarizeLatency(totals),
      preprocessSamplesMs: times.pre,
      inferenceSamplesMs: times.infer,
      postprocessSamplesMs: times.post,
    };
    base.extras.memory = memoryExtras(rssBeforeLoadBytes, rssAfterSessionBytes, peakRssBytes);
    base.extras.pipeline = pipeline;
    const analysis = analyzeRun({
      samplesMs: totals, elapsedMs, sessionCreateMs: created.sessionCreateMs, firstInferenceMs,
      warmupIterations: warmed, poolSize: Math.min(encoded.length, totals.length), targets: spec.targets, peakRssBytes,
    });
    const record: CompletedRun = {
      ...base,
      finishedAt: new Date().toISOString(),
      state: 'completed',
      executionProvider: spec.session.executionProviders[0] ?? 'cpu',
      coldStart: { sessionCreateMs: created.sessionCreateMs, firstInferenceMs },
      warmup: { iterations: warmed, durationMs: warmupMs },
      iterations: totals.length,
      durationMs: elapsedMs,
      samplesMs: totals,
      inputs: { distinctSets: encoded.length, seed: 0, tensors: [{ name: target.name, dtype: target.dtype, shape: target.shape }] },
      ...analysis,
    };
    emit({ type: 'phase', runId, phase: 'done' });
    return record;
  } catch (e) {
    return failed('failed', toErrorInfo(e));
  } finally {
    rssPeak?.stop();
    await session?.release();
  }
}

function defaultPostprocess(info: ModelInfo): Postprocess {
  const shape = info.outputs[0]?.shape;
  // One output of [batch, classes] is a classifier's score vector; anything else is left raw.
  return info.outputs.length === 1 && shape?.length === 2 ? { kind: 'top-k', k: 5 } : { kind: 'raw' };
}

/** Frame i: its images (rotating over the set), each stage alone between its clock reads. */
function frameRunner(session: InferenceSession, encoded: readonly EncodedImage[], target: ImageInputTarget, spec: ImagesInputs, post: Postprocess, clock: Clock) {
  const outputName = session.outputNames[0] ?? '';
  return async (i: number): Promise<{ pre: number; infer: number; post: number }> => {
    const start = (i * target.batch) % encoded.length;
    const batch = Array.from({ length: target.batch }, (_, k) => encoded[(start + k) % encoded.length] as EncodedImage);

    const t0 = clock.now();
    const tensor = await imageBatchTensor(batch, target, spec);
    const t1 = clock.now();

    const feeds: Feeds = { [target.name]: tensor };
    const t2 = clock.now();
    const outputs = await session.run(feeds);
    const t3 = clock.now();

    const t4 = clock.now();
    if (post.kind === 'top-k') {
      const scores = tensorValues(outputs[outputName] as OrtTensor);
      const per = scores.length / target.batch;
      for (let k = 0; k < target.batch; k++) topK(scores.subarray(k * per, (k + 1) * per), post.k, post.labels ?? null);
    } else {
      for (const name of session.outputNames) tensorValues(outputs[name] as OrtTensor);
    }
    const t5 = clock.now();
    return { pre: t1 - t0, infer: t3 - t2, post: t5 - t4 };
  };
}
