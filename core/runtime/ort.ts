/**
 * The one place that loads onnxruntime-node, so the rest of the core can name ONNX Runtime's types
 * without caring how the package is imported.
 */
import ort from 'onnxruntime-node';

export { ort };
export type InferenceSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;

export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
