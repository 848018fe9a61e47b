import type { Feeds, InferenceSession, OrtTensor } from '../runtime/ort.js';

export interface TimedRun {
  outputs: Record<string, OrtTensor>;
  ms: number;
}

/** One inference with only `session.run` between the clock reads. */
export async function timedRun(session: InferenceSession, feeds: Feeds): Promise<TimedRun> {
  const t0 = performance.now();
  const outputs = await session.run(feeds);
  const ms = performance.now() - t0;
  return { outputs, ms };
}
