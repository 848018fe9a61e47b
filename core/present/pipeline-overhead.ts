import type { CompletedRun, RunRecord } from '../api/run-record.js';
import type { PipelineOverheadView } from '../api/run-comparison.js';
import { formatDecimal, formatPercent } from './format-values.js';

/**
 * A DeepStream pipeline against a run of its model alone (trtexec, ONNX Runtime): how much of the
 * pipeline's time per frame is not inference. DeepStream prints frames per second, not inference
 * times, so the comparison is per frame: 1000 / pipeline FPS against the model's time per frame
 * (1000 / (inferences per second × batch)); with latency measurement on, also the frame latency and
 * the nvinfer component against the model's mean latency. The same shape every face receives from
 * LabApi's compare (core/api/run-comparison.ts), declared there once.
 */
export type PipelineOverhead = PipelineOverheadView;

interface PipelineExtras {
  pipelineFps: number | null;
  streams: { stream: string; averageFps: number | null; coefficientOfVariation: number }[];
  latency: { frameLatency: { meanMs: number; basis: string } | null; components: { role: string; meanMs: number; name: string }[] };
  engines: { enginePath: string }[];
}

export function isPipelineRun(run: RunRecord): boolean {
  return run.state === 'observed' && typeof (run.extras['deepstream'] as PipelineExtras | undefined)?.pipelineFps === 'number';
}

export function pipelineOverhead(pipeline: RunRecord, model: CompletedRun): PipelineOverhead | null {
  const d = pipeline.extras['deepstream'] as PipelineExtras | undefined;
  if (pipeline.state !== 'observed' || !d || d.pipelineFps === null || d.pipelineFps <= 0 || model.throughputPerS <= 0) return null;
  const batch = model.batchSize ?? 1;
  const modelFramesPerS = model.throughputPerS * batch;
  const pipelineMsPerFrame = 1000 / d.pipelineFps;
  const inferenceMsPerFrame = 1000 / modelFramesPerS;
  const overheadMsPerFrame = pipelineMsPerFrame - inferenceMsPerFrame;
  const frameLatencyMs = d.latency.frameLatency?.meanMs ?? null;
  const nvinfer = d.latency.components.filter((c) => c.role === 'nvinfer');
  const nvinferComponentMs = nvinfer.length > 0 ? nvinfer[0]!.meanMs : null;
  const f = formatDecimal;
  const lines = [
    `Pipeline ${pipeline.id} against its model alone, run ${model.id} (${model.executionProvider}${batch > 1 ? `, batch ${batch}` : ''})`,
    `  pipeline   ${f(d.pipelineFps)} FPS over ${d.streams.length} stream${d.streams.length === 1 ? '' : 's'} → ${f(pipelineMsPerFrame)} ms of pipeline time per frame`,
    `  model      ${f(modelFramesPerS)} frames/s alone → ${f(inferenceMsPerFrame)} ms of inference per frame`,
    `  overhead   ${f(overheadMsPerFrame)} ms per frame beyond inference (${formatPercent(overheadMsPerFrame / pipelineMsPerFrame)} of the pipeline's time per frame): decode, batching, tracking, OSD, sinks, and any wait for the sources`,
  ];
  if (frameLatencyMs !== null) lines.push(`  latency    frame latency ${f(frameLatencyMs)} ms (${d.latency.frameLatency!.basis === 'measured' ? "DeepStream's" : 'from timestamps'}) against ${f(model.latencyMs.mean)} ms mean inference: ${f(frameLatencyMs - model.latencyMs.mean)} ms beyond it`);
  if (nvinferComponentMs !== null) lines.push(`  nvinfer    ${nvinfer[0]!.name} ${f(nvinferComponentMs)} ms in the pipeline against ${f(model.latencyMs.mean)} ms alone (includes nvinfer's pre- and post-processing)`);
  const paced = d.streams.some((s) => s.averageFps !== null && [15, 25, 30, 50, 60].some((rate) => Math.abs(s.averageFps! - rate) / rate < 0.02) && s.coefficientOfVariation < 0.05);
  if (paced) lines.push('  note       a stream runs steadily at a common source rate: the pipeline may be paced by its sources (sync=1, a display, a live camera), so part of this overhead is waiting, not work');
  const model_ = model.spec.model.split('/').pop() ?? '';
  const engine = d.engines[0]?.enginePath.split('/').pop() ?? '';
  const stem = (name: string) => name.replace(/\.(onnx|engine|plan|trt)$/i, '').split(/[._]/)[0]?.toLowerCase() ?? '';
  if (engine && model_ && stem(engine) !== stem(model_)) lines.push(`  check      the pipeline's engine ${engine} and the model run's ${model_} do not share a name: make sure they are the same model`);
  return {
    pipelineRunId: pipeline.id, modelRunId: model.id, pipelineFps: d.pipelineFps, modelFramesPerS, pipelineMsPerFrame, inferenceMsPerFrame,
    overheadMsPerFrame, overheadShare: overheadMsPerFrame / pipelineMsPerFrame, frameLatencyMs, nvinferComponentMs, modelMeanLatencyMs: model.latencyMs.mean,
    text: lines.join('\n'),
  };
}
