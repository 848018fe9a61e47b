import type { ExecutionProvider } from './run-spec.js';

/** One execution provider as `edgelab providers` and the app's Run screen show it. */
export interface ProviderStatus {
  name: ExecutionProvider;
  /** Listed by this onnxruntime-node build (listSupportedBackends). */
  inBuild: boolean;
  /** Libraries ship inside the package (false: they must be installed separately, e.g. CUDA). */
  bundled: boolean;
  /** A session with only this provider was created and ran one inference here. */
  starts: boolean;
  probeMs: number | null;
  /** Why it does not start, in ONNX Runtime's words, and what to do. */
  reason?: string;
  advice?: string;
}
