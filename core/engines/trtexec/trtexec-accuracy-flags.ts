import { LabError } from '../../api/errors.js';
import type { TrtexecEngineSpec } from '../../api/run-spec.js';
import { shapesFlag, type TrtexecCapabilities } from './trtexec-flags.js';

const PRECISION_FLAGS = { fp32: null, fp16: 'fp16', int8: 'int8', best: 'best' } as const;

function need(caps: TrtexecCapabilities, flag: string, why: string): void {
  if (caps.flags.has(flag)) return;
  throw new LabError(
    'unavailable',
    `This trtexec (TensorRT ${caps.tensorrtVersion ?? 'of unknown version'}) does not accept --${flag}, which ${why} needs.`,
    flag === 'calib'
      ? 'TensorRT 11 dropped implicit INT8 calibration: give a Q/DQ-quantised ONNX model instead of a calibration cache.'
      : 'Use a TensorRT release that has it (8.x and later have --loadInputs and --exportOutput).',
  );
}

export interface AccuracyBuild {
  model: string;
  enginePath: string;
  input: string;
  /** One image's dims after the batch dim. */
  perImage: number[];
  /** The optimisation profile's max batch, for a model whose batch dim is symbolic; null when fixed. */
  maxBatch: number | null;
}

/** Build the engine once, for every batch of the pass: batch 1 to maxBatch, tuned for maxBatch. */
export function accuracyBuildArgs(engine: TrtexecEngineSpec, caps: TrtexecCapabilities, b: AccuracyBuild): string[] {
  need(caps, 'saveEngine', 'building the engine once for the accuracy pass');
  const args = [`--onnx=${b.model}`, `--saveEngine=${b.enginePath}`];
  const precision = PRECISION_FLAGS[engine.precision ?? 'fp32'];
  if (precision) {
    need(caps, precision, `--precision ${engine.precision}`);
    args.push(`--${precision}`);
  }
  if (engine.calib !== undefined) {
    need(caps, 'calib', '--calib');
    args.push(`--calib=${engine.calib}`);
  }
  if (engine.dlaCore !== undefined) {
    need(caps, 'useDLACore', '--dla');
    args.push(`--useDLACore=${engine.dlaCore}`);
    if (caps.flags.has('allowGPUFallback')) args.push('--allowGPUFallback');
  }
  if (b.maxBatch !== null) {
    const at = (n: number) => shapesFlag({ [b.input]: [n, ...b.perImage] }) as string;
    args.push(`--minShapes=${at(1)}`, `--optShapes=${at(b.maxBatch)}`, `--maxShapes=${at(b.maxBatch)}`);
  }
  // The build needs no inference: --skipInference where the release has it, else one short one.
  args.push(...(caps.flags.has('skipInference') ? ['--skipInference'] : ['--iterations=1', '--warmUp=0', '--duration=0']));
  return args;
}

export interface AccuracyInfer {
  enginePath: string;
  loadInputs: string;
  exportOutput: string;
  /** `--shapes` for a dynamic batch, null for a fixed one. */
  shapes: string | null;
  dlaCore: number | undefined;
}

/** One inference of the built engine on the loaded inputs, its outputs written as JSON. */
export function accuracyInferArgs(caps: TrtexecCapabilities, r: AccuracyInfer): string[] {
  need(caps, 'loadInputs', 'feeding preprocessed images');
  need(caps, 'exportOutput', 'reading the outputs back');
  const args = [`--loadEngine=${r.enginePath}`, `--loadInputs=${r.loadInputs}`, `--exportOutput=${r.exportOutput}`, '--iterations=1', '--warmUp=0', '--duration=0'];
  if (r.shapes) args.push(`--shapes=${r.shapes}`);
  if (r.dlaCore !== undefined) args.push(`--useDLACore=${r.dlaCore}`);
  return args;
}
