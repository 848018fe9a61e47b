import type { CompletedRun, RunRecord } from '../api/run-record.js';
import { formatDurationMs, formatMsWithUnit } from './format-values.js';

/**
 * A trtexec run in trtexec's own terms, for the rows every summary prints: TensorRT builds and
 * loads an engine (its cold start), warms up by time, feeds its own input buffers and has no ONNX
 * Runtime session. What the files do not state is said to be not stated, never filled with an ONNX
 * Runtime default or a zero.
 */
export interface TrtexecRows {
  engine: string;
  coldStart: string;
  warmUp: string;
  inputs: string;
  software: string;
}

interface Measured {
  tensorrtVersion?: string | null;
  precision?: string | null;
  dlaCore?: number | null;
  cudaGraph?: boolean | null;
  spinWait?: boolean | null;
  hostDeviceCopiesIncluded?: boolean | null;
  engineBuildMs?: number | null;
  engineLoadMs?: number | null;
  warmUpMs?: number | null;
  executablePath?: string;
}

const stated = (v: boolean | null | undefined, on: string, off: string, what: string) => (v === true ? on : v === false ? off : `${what} not stated`);

export function isTrtexecRun(run: RunRecord): boolean {
  return run.spec.engine?.kind === 'trtexec';
}

export function trtexecRows(run: CompletedRun): TrtexecRows | null {
  if (!isTrtexecRun(run)) return null;
  const t = (run.extras['trtexec'] ?? {}) as Measured;
  const imported = run.origin?.kind === 'imported';
  const notStated = imported ? 'not stated by the imported files' : "not stated in trtexec's log";
  const version = t.tensorrtVersion ? `TensorRT ${t.tensorrtVersion}` : 'TensorRT (version not stated)';
  const engine = [
    `${version} trtexec`,
    `precision ${t.precision ?? 'not stated'}`,
    t.dlaCore !== null && t.dlaCore !== undefined ? `DLA core ${t.dlaCore} with GPU fallback` : 'GPU',
    stated(t.cudaGraph, 'CUDA graph on', 'CUDA graph off', 'CUDA graph'),
    stated(t.spinWait, 'spin-wait on', 'spin-wait off', 'spin-wait'),
    stated(t.hostDeviceCopiesIncluded, 'host↔device copies in the latency', 'GPU compute only (no host↔device copies)', 'host↔device copies'),
  ].join(', ');
  const cold = [
    t.engineBuildMs !== null && t.engineBuildMs !== undefined ? `engine build ${formatDurationMs(t.engineBuildMs)}` : null,
    t.engineLoadMs !== null && t.engineLoadMs !== undefined ? `engine load ${formatMsWithUnit(t.engineLoadMs)}` : null,
  ].filter((x): x is string => x !== null);
  const shapes = run.inputs.tensors.map((x) => `${x.name} ${x.dtype}[${x.shape.join('x')}]`).join(', ');
  const sw = run.software;
  return {
    engine,
    coldStart: cold.length > 0 ? `${cold.join(' + ')} (trtexec does not time the first inference apart)` : notStated,
    warmUp: t.warmUpMs !== null && t.warmUpMs !== undefined ? `${formatDurationMs(t.warmUpMs)} (trtexec warms up by time)` : notStated,
    inputs: `${shapes || `shapes ${notStated}`}; trtexec's own buffers, the same every iteration`,
    software: imported
      ? `${version} trtexec where the files were made; imported by edgelab ${sw.edgelab}`
      : `${version} trtexec${t.executablePath ? ` (${t.executablePath})` : ''}, edgelab ${sw.edgelab}, node ${sw.node}, ${sw.platform} ${sw.arch}`,
  };
}
