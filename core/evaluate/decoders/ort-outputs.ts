import type { OrtTensor } from '../../runtime/ort.js';
import { tensorValues } from '../tensor-values.js';
import type { DecoderOutputs } from './tensors.js';

/** ONNX Runtime's outputs as the decoders read them: numbers (int64 and float16 converted), dims, element type. */
export function decoderOutputs(outputs: Readonly<Record<string, OrtTensor>>): DecoderOutputs {
  return Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, { dims: [...t.dims], data: tensorValues(t), dtype: t.type }]));
}
