import { edgelabVersion } from '../package-root.js';

/**
 * The software a run depends on: compare warns when these differ between two runs. The ONNX Runtime
 * version is passed in by what loaded it (core/runtime/ort.ts), so that a run ONNX Runtime had no
 * part in (trtexec) neither loads it nor names it.
 */
export function softwareVersions(onnxruntime: string) {
  return {
    edgelab: edgelabVersion(),
    onnxruntime,
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
  };
}

/** What a trtexec run records for ONNX Runtime: TensorRT measured it, named in extras.trtexec. */
export const ONNXRUNTIME_NOT_USED = 'not used (the trtexec engine ran the model)';
