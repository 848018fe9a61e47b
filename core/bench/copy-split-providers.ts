/** Providers on which the download of outputs is timed apart from the inference (copy-split.ts). Apart from it, so checking needs no ONNX Runtime. */
export const COPY_SPLIT_PROVIDERS = new Set(['webgpu', 'cuda']);
