import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { isLabError, LabError } from '../api/errors.js';
import { readRegularFile } from '../files/regular-file.js';
import type { ModelGraph } from '../api/model-graph.js';
import type { RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';
import { buildModelGraph } from '../model/model-graph.js';
import { loadModelProto } from '../model/load-model.js';
import { overlayProfile } from '../profile/graph-overlay.js';
import { overlayLayers } from '../profile/layer-overlay.js';

const OpenvinoLayers = z.array(z.looseObject({ name: z.string(), averageMs: z.number(), device: z.string(), graphNodes: z.array(z.string()) }));

/** The fields of `extras.profile` the overlay reads; the rest of the summary is not needed here. */
const ProfileRef = z.looseObject({
  traceFile: z.string().min(1),
  skippedRuns: z.number().int().min(0),
  traceSha256: z.string().optional(),
  peaks: z.strictObject({
    provider: z.string(), threads: z.number(), computeGflopsPerS: z.number(), bandwidthGBPerS: z.number(), ridgeFlopsPerByte: z.number(), method: z.string(),
  }).nullable().optional(),
});

/**
 * LabApi.modelGraph: the graph of a model file and, when a run is named, that run's profile on it.
 * A run alone names its model (the path it measured). The overlay is refused rather than drawn
 * wrong: when the run has no profile, its trace was edited or is gone, or the model file at that
 * path is no longer the one the run measured.
 */
export async function readModelGraph(workspace: Workspace, request: { path?: string | undefined; runId?: string | undefined }): Promise<ModelGraph> {
  const record = request.runId !== undefined ? await workspace.getRun(request.runId) : null;
  const path = request.path ?? record?.model?.path ?? record?.spec.model;
  if (path === undefined) throw new LabError('usage', 'modelGraph: give a model path or a run id.', 'Open a model on the Models screen, or a profiled run from History.');
  const loaded = await loadModelProto(path);
  // A completed run fixed every input's dims: the graph shows its shapes, not the model's symbols.
  const runShapes = record?.state === 'completed' ? new Map(record.inputs.tensors.map((t) => [t.name, t.shape])) : undefined;
  const graph = buildModelGraph(loaded, runShapes);
  if (!record) return { ...graph, profile: null };

  const profile = ProfileRef.safeParse(record.extras['profile']);
  if (!profile.success) {
    throw new LabError('usage', `Run ${record.id} has no op profile to show on the graph.`, 'Run it again with "Op-level profile" ticked (edgelab bench --profile, or edgelab profile).');
  }
  checkSameModel(record, loaded.bytes, path);
  const tracePath = join(workspace.artifactDir(record.id), profile.data.traceFile);
  let traceBytes: Buffer;
  try {
    traceBytes = await readRegularFile(tracePath, { what: `The profile trace of run ${record.id}`, hint: 'Run `edgelab verify`; profile the model again to get a new trace.' });
  } catch (e) {
    if (isLabError(e)) throw e;
    throw new LabError('input', `The profile trace of run ${record.id} is missing: ${tracePath} (${(e as NodeJS.ErrnoException).code ?? String(e)}).`, 'Run `edgelab verify`; profile the model again to get a new trace.', { cause: e });
  }
  if (profile.data.traceSha256 !== undefined && createHash('sha256').update(traceBytes).digest('hex') !== profile.data.traceSha256) {
    throw new LabError('input', `The profile trace of run ${record.id} (${tracePath}) is not the one its record holds: its SHA-256 differs.`, 'An edited trace is never used as evidence. Run `edgelab verify`, then profile the model again.');
  }
  const raw = record.extras['profile'] as { engine?: unknown; layers?: unknown };
  if (raw.engine === 'openvino') {
    // OpenVINO's counters already name each layer's graph nodes; the copied counters file was checked above.
    const layers = OpenvinoLayers.safeParse(raw.layers);
    if (!layers.success) throw new LabError('input', `Run ${record.id}: its OpenVINO profile has no layers in the form this edgelab reads.`, 'Import the run again with this edgelab.');
    return overlayLayers(graph, layers.data, { runId: record.id, traceFile: profile.data.traceFile, timeKind: layers.data.some((l) => !/^CPU/i.test(l.device)) ? 'device' : 'host' });
  }
  return overlayProfile(graph, loaded.model, {
    runId: record.id,
    traceFile: profile.data.traceFile,
    // An imported trace may be kept gzipped as it came: its hash is of those bytes.
    traceText: traceBytes.length >= 2 && traceBytes[0] === 0x1f && traceBytes[1] === 0x8b ? gunzipSync(traceBytes).toString('utf8') : traceBytes.toString('utf8'),
    skippedRuns: profile.data.skippedRuns,
    peaks: profile.data.peaks ?? null,
  });
}

function checkSameModel(record: RunRecord, bytes: Buffer, path: string): void {
  const measured = record.model?.sha256;
  if (measured === undefined) return;
  const now = createHash('sha256').update(bytes).digest('hex');
  if (now !== measured) {
    throw new LabError(
      'input',
      `${path} is not the model run ${record.id} profiled: its SHA-256 is ${now.slice(0, 16)}…, the run measured ${measured.slice(0, 16)}….`,
      'The file changed since the run. Open the model version that was profiled, or profile the current file again.',
    );
  }
}
