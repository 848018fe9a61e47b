import type { OrtTensor } from '../../runtime/ort.js';
import { tensorValues } from '../tensor-values.js';
import { inDeclaredOrder, type DecoderOutputs } from './tensors.js';

/**
 * ONNX Runtime's outputs as the decoders read them: numbers (int64 and float16 converted), dims,
 * element type, in `outputNames`' order (the session's, which is the model's declared order).
 */
export function decoderOutputs(outputs: Readonly<Record<string, OrtTensor>>, outputNames: readonly string[]): DecoderOutputs {
  return inDeclaredOrder(Object.fromEntries(Object.entries(outputs).map(([name, t]) => [name, { dims: [...t.dims], data: tensorValues(t), dtype: t.type }])), outputNames);
}
