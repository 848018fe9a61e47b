import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../files/regular-file.js';
import type { InferenceTrace } from '../api/inference-trace.js';
import type { Workspace } from '../evidence/index.js';
import { inferenceTimeline } from '../profile/inference-timeline.js';
import { layerTimeline, profiledLayers } from '../profile/layer-timeline.js';

/**
 * LabApi.inferenceTrace: the trace a profiled run wrote beside its record, checked against the
 * SHA-256 the record holds (an edited trace is never shown as the run's), and one inference of it.
 */
export async function readInferenceTrace(workspace: Workspace, runId: string, inference?: number): Promise<InferenceTrace> {
  const record = await workspace.getRun(runId);
  const profile = record.extras['profile'] as { traceFile?: unknown; traceSha256?: unknown } | undefined;
  if (typeof profile?.traceFile !== 'string') {
    throw new LabError('usage', `Run ${record.id} has no op profile, so it has no trace.`, 'Run it again with "Op-level profile" ticked (edgelab bench --profile, or edgelab profile).');
  }
  if ((profile as { engine?: unknown }).engine === 'openvino') {
    throw new LabError('usage', `Run ${record.id}'s profile is OpenVINO's per-layer counters: each layer's time per inference, not a timeline of one inference.`, 'Open the run on the Graph screen to see where the time goes.');
  }
  const path = join(workspace.artifactDir(record.id), profile.traceFile);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, { what: `The profile trace of run ${record.id}`, hint: 'Run `edgelab verify`; profile the model again to get a new trace.' });
  } catch (e) {
    if (isLabError(e)) throw e;
    throw new LabError('input', `The profile trace of run ${record.id} is missing: ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, 'Run `edgelab verify`; profile the model again to get a new trace.', { cause: e });
  }
  if (typeof profile.traceSha256 === 'string' && createHash('sha256').update(bytes).digest('hex') !== profile.traceSha256) {
    throw new LabError('input', `The profile trace of run ${record.id} (${path}) is not the one its record holds: its SHA-256 differs.`, 'An edited trace is never used as evidence. Run `edgelab verify`, then profile the model again.');
  }
  // An imported trace may be kept gzipped as it came (.json.gz): its hash is of those bytes, and the
  // timeline and the download are of the JSON inside.
  const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const content = gzipped ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  const fileName = `${record.id}-${gzipped ? profile.traceFile.replace(/\.gz$/i, '') : profile.traceFile}`;
  // A trtexec run's trace file is TensorRT's layer profile, not an ONNX Runtime trace.
  const layers = (profile as { engine?: unknown }).engine === 'trtexec' ? profiledLayers(profile) : null;
  if (layers) {
    const runs = (profile as { profiledRuns?: unknown }).profiledRuns;
    return {
      runId: record.id, inference: 0, inferences: 1, timeBase: 'device', ...layerTimeline(layers),
      averagedOver: { runs: typeof runs === 'number' ? runs : 0, source: 'tensorrt-layer-profile' },
      file: { fileName, mediaType: 'application/json', content },
    };
  }
  const timeline = inferenceTimeline(content, path, inference);
  return { runId: record.id, ...timeline, file: { fileName, mediaType: 'application/json', content } };
}
