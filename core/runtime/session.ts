import type { SessionSettings } from '../api/run-spec.js';
import { ort, type InferenceSession } from './ort.js';
import { sessionCreateError } from './provider-errors.js';
import { toSessionOptions } from './session-options.js';

export interface CreatedSession {
  session: InferenceSession;
  /** Wall time of InferenceSession.create: file read, graph optimisation, kernel setup. */
  sessionCreateMs: number;
}

/**
 * Creates an ONNX Runtime session, translating its failures into LabErrors that say what to do.
 * A requested provider that does not start is an error, never a quiet CPU fallback: ONNX Runtime
 * only adds CPU as a per-node fallback after the requested providers, which the profile reports.
 */
export async function createSession(
  modelPath: string,
  settings: SessionSettings,
  extra: Partial<ort.InferenceSession.SessionOptions> = {},
): Promise<CreatedSession> {
  const options = toSessionOptions(settings, extra);
  const started = performance.now();
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(modelPath, options);
  } catch (e) {
    throw sessionCreateError(modelPath, settings.executionProviders, e);
  }
  return { session, sessionCreateMs: performance.now() - started };
}
