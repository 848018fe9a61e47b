import { LabError } from '../../api/errors.js';
import { parseJsonText } from '../../inputs/json-text.js';

/**
 * trtexec `--exportLayerInfo=FILE`: the engine's layers and bindings. With
 * `--profilingVerbosity=detailed` each layer is an object (LayerType, Inputs/Outputs with
 * dimensions and "Format/Datatype", Origin, TacticName); at the default verbosity only names.
 */
export interface LayerDetail {
  name: string;
  /** TensorRT's layer type (`CaskConvolution`, `Reformat`, `Myelin`, `NoOp` …), null at default verbosity. */
  layerType: string | null;
  /**
   * `FP16`, `FP32`, `INT8` … of the layer's first input, as TensorRT's engine explorer (TREx,
   * trex/layer.py: `self.precision = self.inputs[0].precision`) reads it; null for a layer without
   * inputs or when not stated. The output format says what a layer hands on, not what it computes
   * in: a QAT convolution takes INT8 and may write FP16 or FP32 for the next layer.
   */
  precision: string | null;
  /** `DLA` when TensorRT placed the layer on a DLA core, else `GPU`. */
  device: 'GPU' | 'DLA';
  inputs: string[];
  outputs: string[];
}

export interface LayerInfo {
  detailed: boolean;
  layers: LayerDetail[];
  bindings: string[];
}

const PRECISION = /\b(FP32|FP16|BF16|BFloat16|FP8|INT8|INT32|INT64|Int64|Int32|Int16|Int8|Half|Float|Double|Bool|BOOL|UInt8|FP4)\b/;
const PRECISION_NAMES: Record<string, string> = { Half: 'FP16', Float: 'FP32', Double: 'FP64', BFloat16: 'BF16', Int8: 'INT8', Int16: 'INT16', Int32: 'INT32', Int64: 'INT64', BOOL: 'BOOL', Bool: 'BOOL', UInt8: 'UINT8' };

function tensorText(t: unknown): string {
  const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
  const dims = Array.isArray(o['Dimensions']) ? `[${(o['Dimensions'] as unknown[]).join(',')}]` : '';
  const format = typeof o['Format/Datatype'] === 'string' ? precisionOf(o['Format/Datatype']) ?? '' : '';
  return `${format}${dims}` || String(o['Name'] ?? '?');
}

function precisionOf(format: string): string | null {
  const match = PRECISION.exec(format);
  return match ? PRECISION_NAMES[match[1]!] ?? match[1]!.toUpperCase() : null;
}

export function parseLayerInfo(text: string, file: string): LayerInfo {
  const data = parseJsonText(text, (problem) => new LabError('input', `${file} is not JSON (${problem}).`, 'Pass the file trtexec wrote with --exportLayerInfo=FILE, as it wrote it.'));
  const root = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (!Array.isArray(root['Layers'])) {
    throw new LabError('input', `${file} is not a trtexec --exportLayerInfo file: no "Layers" list.`, 'Pass the file trtexec wrote with --exportLayerInfo=FILE.');
  }
  const raw = root['Layers'] as unknown[];
  const detailed = raw.some((l) => typeof l === 'object' && l !== null);
  const layers = raw.map((l): LayerDetail => {
    if (typeof l === 'string') return { name: l, layerType: null, precision: null, device: /\bDLA\b|nvm/.test(l) ? 'DLA' : 'GPU', inputs: [], outputs: [] };
    const o = (typeof l === 'object' && l !== null ? l : {}) as Record<string, unknown>;
    const outputs = Array.isArray(o['Outputs']) ? (o['Outputs'] as unknown[]) : [];
    const inputs = Array.isArray(o['Inputs']) ? (o['Inputs'] as unknown[]) : [];
    const firstInput = inputs[0] as Record<string, unknown> | undefined;
    const firstFormat = typeof firstInput?.['Format/Datatype'] === 'string' ? firstInput['Format/Datatype'] : null;
    const layerType = typeof o['LayerType'] === 'string' ? o['LayerType'] : null;
    return {
      name: String(o['Name'] ?? '?'),
      layerType,
      precision: firstFormat ? precisionOf(firstFormat) : null,
      device: layerType !== null && /DLA/i.test(layerType) ? 'DLA' : 'GPU',
      inputs: inputs.map(tensorText),
      outputs: outputs.map(tensorText),
    };
  });
  const bindings = Array.isArray(root['Bindings']) ? (root['Bindings'] as unknown[]).map((b) => (typeof b === 'string' ? b : String((b as Record<string, unknown>)?.['Name'] ?? '?'))) : [];
  return { detailed, layers, bindings };
}
