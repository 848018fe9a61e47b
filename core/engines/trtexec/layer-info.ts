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
  /** `FP16`, `FP32`, `INT8` … read from the output format, null when not stated. */
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

const PRECISION = /\b(FP32|FP16|BF16|FP8|INT8|INT32|INT64|Int64|Int32|Int8|Half|Float|Bool|UInt8|FP4)\b/;
const PRECISION_NAMES: Record<string, string> = { Half: 'FP16', Float: 'FP32', Int8: 'INT8', Int32: 'INT32', Int64: 'INT64' };

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
    const firstFormat = outputs.map((t) => (t as Record<string, unknown>)?.['Format/Datatype']).find((f): f is string => typeof f === 'string');
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
