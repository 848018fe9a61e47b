import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../api/errors.js';
import type { TensorDtype } from '../api/model-info.js';
import type { SessionSettings, SyntheticInputs } from '../api/run-spec.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import { synthesizeFeeds } from '../inputs/synthetic.js';
import type { Feeds, InferenceSession } from '../runtime/ort.js';
import { shortOrtMessage } from '../runtime/provider-errors.js';
import { createSession } from '../runtime/session.js';
import type { ProfileBreakdown } from './breakdown.js';
import { loadGraphIndex } from './graph-nodes.js';
import { parseOrtProfile } from './parse-ort-profile.js';
import { findTraceFile } from './trace-file.js';

export interface ProfiledPassOptions {
  modelPath: string;
  settings: SessionSettings;
  /** Input sets to rotate through; when absent, synthesised from `inputs`. */
  feeds?: readonly Feeds[];
  inputs?: Pick<SyntheticInputs, 'seed' | 'poolSize' | 'dims' | 'shapes'>;
  /** Profiled inferences counted in the breakdown. Default 10. */
  iterations?: number;
  /** Profiled inferences before them, left out of the breakdown (the first pays one-off costs). Default 1. */
  warmupIterations?: number;
  /** Where the trace is kept, e.g. the run's artifact folder; created if missing. */
  outDir: string;
  /** File name of the kept trace. Default 'ort-profile.json'. */
  traceFileName?: string;
}

export interface ProfiledPass {
  /** ONNX Runtime's Chrome-trace JSON, byte for byte as it wrote it. */
  tracePath: string;
  breakdown: ProfileBreakdown;
}

/** Input sets for a fresh session: the caller's, or synthesised from the session's inputs and the spec. */
export function feedsFor(options: Pick<ProfiledPassOptions, 'feeds' | 'inputs' | 'modelPath'>, session: InferenceSession): Feeds[] {
  if (options.feeds && options.feeds.length > 0) return [...options.feeds];
  const inputs = session.inputMetadata.map((m) => ({
    name: m.name,
    dtype: (m.isTensor ? m.type : 'unknown') as TensorDtype,
    shape: m.isTensor ? m.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : null)) : null,
  }));
  const spec = options.inputs ?? { seed: 1, poolSize: 1, dims: {}, shapes: {} };
  const resolved = resolveInputShapes(options.modelPath, inputs, spec.dims, spec.shapes);
  return synthesizeFeeds(resolved, spec.seed, spec.poolSize);
}

/**
 * A profiled pass, separate from the timed run so that the headline numbers carry no profiler
 * overhead: a fresh session with ONNX Runtime's profiler on, a few inferences, the trace kept as
 * is in `outDir`, and its breakdown.
 */
export async function runProfiledPass(options: ProfiledPassOptions): Promise<ProfiledPass> {
  const iterations = options.iterations ?? 10;
  const warmup = options.warmupIterations ?? 1;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new LabError('usage', `Profile iterations must be a whole number ≥ 1, got ${iterations}.`, 'Use e.g. 10: enough to average, short enough not to matter.');
  }
  await mkdir(options.outDir, { recursive: true });
  // A prefix unique to this pass, so that concurrent passes in one folder never pick each other's file.
  const prefix = join(options.outDir, `edgelab-profile-${process.pid}-${Date.now().toString(36)}`);
  const { session } = await createSession(options.modelPath, options.settings, { enableProfiling: true, profileFilePrefix: prefix });
  let inputShapes = new Map<string, number[]>();
  try {
    const pool = feedsFor(options, session);
    // The graph's own shapes for these inputs give the FLOPs; the first set stands for all, as the
    // pool's sets share their shapes.
    inputShapes = new Map(Object.entries(pool[0] ?? {}).map(([name, tensor]) => [name, tensor.dims.map(Number)]));
    for (let i = 0; i < warmup + iterations; i++) {
      try {
        await session.run(pool[i % pool.length] as Feeds);
      } catch (e) {
        throw new LabError('runtime', `${options.modelPath}: inference failed during the profiled pass: ${shortOrtMessage(e)}`, undefined, { cause: e });
      }
    }
    session.endProfiling();
  } finally {
    await session.release();
  }
  const written = await findTraceFile(prefix);
  const tracePath = join(options.outDir, options.traceFileName ?? 'ort-profile.json');
  await rename(written, tracePath);
  const breakdown = parseOrtProfile(await readFile(tracePath, 'utf8'), {
    skipRuns: warmup,
    graph: await loadGraphIndex(options.modelPath, inputShapes),
    source: tracePath,
  });
  return { tracePath, breakdown };
}
