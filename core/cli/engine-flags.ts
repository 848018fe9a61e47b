import { LabError } from '../api/errors.js';
import { DEFAULT_TRTEXEC_TIMEOUT_S, EngineSchema, RunSpecSchema, trtexecPrecisionNames, type EngineSpec, type RunSpec } from '../api/run-spec.js';
import { durationSeconds, oneOf, wholeNumber } from './args.js';

/** `--calib FILE`: INT8 scales for trtexec, which an accuracy pass at int8 or best cannot do without. */
export const calibHelp = `  --calib FILE            trtexec: an INT8 calibration cache (trtexec --calib=FILE); an INT8 or best
                          accuracy pass needs it unless the model has QuantizeLinear/DequantizeLinear nodes
`;

/** parseArgs definitions of the engine flags `edgelab bench`, `profile` and `sweep` share. */
export const engineOptions = {
  engine: { type: 'string' },
  precision: { type: 'string' },
  dla: { type: 'string' },
  trtexec: { type: 'string' },
  'spin-wait': { type: 'boolean' },
  'cuda-graph': { type: 'boolean' },
  'no-data-transfers': { type: 'boolean' },
  'trtexec-timeout': { type: 'string' },
  calib: { type: 'string' },
} as const;

export const engineHelp = `Engine
  --engine NAME           ort (default: ONNX Runtime in this process) or trtexec (TensorRT's trtexec as
                          a child process: the GPU and DLA of a Jetson or an NVIDIA GPU)
  --precision P           trtexec: fp32 (default), fp16, int8 or best (trtexec --fp16/--int8/--best)
${calibHelp}  --dla N                 trtexec: run on DLA core N, with GPU fallback (trtexec --useDLACore=N)
  --trtexec PATH          trtexec: the executable (default: PATH, then /usr/src/tensorrt/bin/trtexec)
  --trtexec-timeout T     trtexec: stop a trtexec process that runs longer than T (30m, 3600s), engine build
                          included, and record the run as failed (default ${DEFAULT_TRTEXEC_TIMEOUT_S} s)
  --spin-wait             trtexec: busy-wait on completion, which steadies short iterations (trtexec --useSpinWait)
  --cuda-graph            trtexec: enqueue the whole network as one CUDA graph (trtexec --useCudaGraph)
  --no-data-transfers     trtexec: time GPU compute only, without host↔device copies (trtexec --noDataTransfers)
`;


type EngineFlagValues = { engine?: string; precision?: string; dla?: string; trtexec?: string; 'spin-wait'?: boolean; 'cuda-graph'?: boolean; 'no-data-transfers'?: boolean; 'trtexec-timeout'?: string; calib?: string; ep?: string | string[] };

export function applyEngineFlags(spec: RunSpec, v: EngineFlagValues): RunSpec {
  const engine = engineFromFlags(v);
  return engine === undefined ? spec : RunSpecSchema.parse({ ...spec, engine });
}

/** The engine the flags name; undefined when no --engine is given (the caller's default). */
export function engineFromFlags(v: EngineFlagValues): EngineSpec | undefined {
  const engine = v.engine === undefined ? undefined : oneOf('--engine', v.engine, ['ort', 'trtexec'] as const);
  const trtexecOnly = (['precision', 'dla', 'trtexec', 'spin-wait', 'cuda-graph', 'no-data-transfers', 'trtexec-timeout', 'calib'] as const).filter((f) => v[f] !== undefined);
  if (engine !== 'trtexec') {
    if (trtexecOnly.length > 0) {
      throw new LabError('usage', `--${trtexecOnly[0]} belongs to the trtexec engine.`, `Add --engine trtexec, or drop --${trtexecOnly.join(', --')}.`);
    }
    return engine === 'ort' ? { kind: 'ort' } : undefined;
  }
  if (v.ep !== undefined) {
    throw new LabError('usage', '--ep chooses an ONNX Runtime execution provider; the trtexec engine always runs TensorRT.', 'Drop --ep, or use --engine ort.');
  }
  return EngineSchema.parse({
    kind: 'trtexec',
    precision: v.precision === undefined ? 'fp32' : oneOf('--precision', v.precision, trtexecPrecisionNames),
    ...(v.dla !== undefined ? { dlaCore: wholeNumber('--dla', v.dla) } : {}),
    ...(v.trtexec !== undefined ? { trtexecPath: v.trtexec } : {}),
    ...(v['spin-wait'] ? { spinWait: true } : {}),
    ...(v['cuda-graph'] ? { cudaGraph: true } : {}),
    ...(v['no-data-transfers'] ? { noDataTransfers: true } : {}),
    ...(v['trtexec-timeout'] !== undefined ? { timeoutS: durationSeconds('--trtexec-timeout', v['trtexec-timeout']) } : {}),
    ...(v.calib !== undefined ? { calib: v.calib } : {}),
  });
}
