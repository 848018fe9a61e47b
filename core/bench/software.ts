import { edgelabVersion } from '../package-root.js';
import { onnxRuntimeVersion } from '../runtime/ort.js';

/** The software a run depends on: compare warns when these differ between two runs. */
export function softwareVersions() {
  return {
    edgelab: edgelabVersion(),
    onnxruntime: onnxRuntimeVersion(),
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
  };
}
