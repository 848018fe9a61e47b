import { inDisplayUnit, type Target } from './target.js';

/** A stream of a video pipeline and the average FPS its own tool printed for it (DeepStream's "Avg"). */
export interface PipelineStreamFps {
  stream: string;
  averageFps: number;
}

/**
 * `fps` on a pipeline run is a bound on every stream: it holds when the worst stream meets it (the
 * slowest for `>=`, the fastest for `<=`), and the method names the streams that do not.
 * `pipeline-fps` bounds the sum over streams: frames the whole pipeline delivered per second.
 */
export function pipelineFpsEvidence(target: Target, streams: readonly PipelineStreamFps[]): { observed: number; method: string } {
  const list = streams.map((s) => `stream ${s.stream} ${inDisplayUnit(target, s.averageFps)}`).join(', ');
  if (target.metric === 'pipeline-fps') {
    const total = streams.reduce((sum, s) => sum + s.averageFps, 0);
    return { observed: total, method: `sum of the ${streams.length} streams' average FPS as the pipeline printed them (${list})` };
  }
  const atLeast = target.comparator === '>=' || target.comparator === '>';
  const worst = streams.reduce((w, s) => ((atLeast ? s.averageFps < w.averageFps : s.averageFps > w.averageFps) ? s : w));
  const meets = (fps: number) => {
    switch (target.comparator) {
      case '>=': return fps >= target.threshold;
      case '>': return fps > target.threshold;
      case '<=': return fps <= target.threshold;
      case '<': return fps < target.threshold;
    }
  };
  const failing = streams.filter((s) => !meets(s.averageFps)).map((s) => `stream ${s.stream} (${inDisplayUnit(target, s.averageFps)})`);
  const verdictText = failing.length === 0 ? `every stream meets it; the ${atLeast ? 'slowest' : 'fastest'} is stream ${worst.stream}` : `not met by ${failing.join(', ')}`;
  return { observed: worst.averageFps, method: `every stream's average FPS as the pipeline printed it (${list}): ${verdictText}` };
}
