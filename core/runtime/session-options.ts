import type { ort } from './ort.js';
import type { SessionSettings } from '../api/run-spec.js';

/**
 * SessionSettings → ONNX Runtime's SessionOptions. The names are ONNX Runtime's own, so this is a
 * copy with one exception: 0 threads means "let ONNX Runtime decide", which it expresses by leaving
 * the option unset.
 */
export function toSessionOptions(
  settings: SessionSettings,
  extra: Partial<ort.InferenceSession.SessionOptions> = {},
): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [...settings.executionProviders],
    graphOptimizationLevel: settings.graphOptimizationLevel,
    executionMode: settings.executionMode,
    enableCpuMemArena: settings.enableCpuMemArena,
    enableMemPattern: settings.enableMemPattern,
    // Warnings from ONNX Runtime's native logger go straight to stderr and would tear the progress
    // bar; errors still surface as exceptions with their message.
    logSeverityLevel: 3,
    ...extra,
  };
  if (settings.intraOpNumThreads > 0) options.intraOpNumThreads = settings.intraOpNumThreads;
  if (settings.interOpNumThreads > 0) options.interOpNumThreads = settings.interOpNumThreads;
  if (Object.keys(settings.freeDimensionOverrides).length > 0) {
    options.freeDimensionOverrides = { ...settings.freeDimensionOverrides };
  }
  return options;
}
