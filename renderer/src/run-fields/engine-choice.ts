import type { RunSpecInput, TrtexecEngineSpec } from '../../../core/api/run-spec.js';

/**
 * The Run screen's engine: ONNX Runtime in the runner process, or TensorRT's trtexec (the GPU and
 * DLA of a Jetson or an NVIDIA GPU). Kept apart from the rest of the form; it writes the same
 * `engine` field of the RunSpec as `edgelab bench --engine trtexec --precision … --dla … --trtexec …`.
 */
export interface EngineChoice {
  kind: 'ort' | 'trtexec';
  precision: 'fp32' | 'fp16' | 'int8' | 'best';
  /** A DLA core number as typed; empty means the GPU. */
  dlaCore: string;
  /** Empty: PATH, then /usr/src/tensorrt/bin/trtexec. */
  trtexecPath: string;
  spinWait: boolean;
  cudaGraph: boolean;
  noDataTransfers: boolean;
  /** Seconds each trtexec process may run, as typed; empty: the default (STATED_TRTEXEC_TIMEOUT_S). */
  timeoutS: string;
  /** An INT8 calibration cache (trtexec --calib=FILE), as typed; empty: none. */
  calib: string;
}

export const defaultEngineChoice: EngineChoice = { kind: 'ort', precision: 'fp32', dlaCore: '', trtexecPath: '', spinWait: false, cudaGraph: false, noDataTransfers: false, timeoutS: '', calib: '' };

/** The spec with the chosen engine; ONNX Runtime leaves the spec as it was (the default engine). */
export function withEngine(spec: RunSpecInput, choice: EngineChoice): RunSpecInput {
  const engine = trtexecEngineOf(choice);
  if (!engine) return spec;
  // trtexec has no execution providers; the spec keeps the default so it validates as the CLI's does.
  return { ...spec, session: { ...spec.session, executionProviders: ['cpu'] }, engine };
}

/** The trtexec engine as `--engine trtexec --precision … --calib …` writes it; null for ONNX Runtime. */
export function trtexecEngineOf(choice: EngineChoice): TrtexecEngineSpec | null {
  if (choice.kind === 'ort') return null;
  const dla = choice.dlaCore.trim();
  const timeout = choice.timeoutS.trim();
  return {
    kind: 'trtexec',
    precision: choice.precision,
    ...(dla !== '' ? { dlaCore: Number(dla) } : {}),
    ...(choice.trtexecPath.trim() !== '' ? { trtexecPath: choice.trtexecPath.trim() } : {}),
    ...(choice.spinWait ? { spinWait: true } : {}),
    ...(choice.cudaGraph ? { cudaGraph: true } : {}),
    ...(choice.noDataTransfers ? { noDataTransfers: true } : {}),
    ...(timeout !== '' ? { timeoutS: Number(timeout) } : {}),
    ...(choice.calib.trim() !== '' ? { calib: choice.calib.trim() } : {}),
  };
}
