/**
 * The one place that loads onnxruntime-node, so the rest of the core can name ONNX Runtime's types
 * without caring how the package is imported.
 */
import ort from 'onnxruntime-node';

/**
 * float16 workaround (microsoft/onnxruntime#26791): where `globalThis.Float16Array` exists (Node 23+,
 * Electron), onnxruntime-common 1.30 wraps float16 data in a Float16Array, which the native binding
 * reads as zero bytes ("not enough space: expected N, got 0"). The library checks for the type once,
 * when it builds its first tensor; building that tensor with the global hidden keeps float16 data as
 * raw Uint16Array bits in both directions, which the binding reads correctly.
 */
function pinFloat16AsUint16(): void {
  const g = globalThis as { Float16Array?: unknown };
  const saved = g.Float16Array;
  if (saved === undefined) return;
  delete g.Float16Array;
  try {
    new ort.Tensor('float32', new Float32Array(1), [1]);
  } finally {
    g.Float16Array = saved;
  }
}
pinFloat16AsUint16();

// ONNX Runtime's default logger prints provider load failures to stderr in red on top of the
// exception it throws; edgelab turns the exception into its own message, so only fatal logs remain.
ort.env.logLevel = 'fatal';

export { ort };
export type InferenceSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;

export function onnxRuntimeVersion(): string {
  return ort.env.versions.node ?? ort.env.versions.common;
}
