import { LabError } from '../api/errors.js';
import type { SessionSettings } from '../api/run-spec.js';
import { inspectModel } from '../model/inspect.js';
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
    // A model whose external data is missing or escapes its folder is bad input, like any unloadable
    // model, not a runtime failure: say which file, found by reading the model only on this path.
    const problems = await inspectModel(modelPath).then((info) => info.externalDataProblems ?? [], () => []);
    if (problems.length > 0) {
      throw new LabError('input', `${modelPath} cannot be loaded: its external data ${problems[0]}.`, 'Copy the weight files next to the .onnx file as they were saved (onnx.save_model(..., save_as_external_data=True)), or re-export the model.', { cause: e });
    }
    throw sessionCreateError(modelPath, settings.executionProviders, e);
  }
  return { session, sessionCreateMs: performance.now() - started };
}
