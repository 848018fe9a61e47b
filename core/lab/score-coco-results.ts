import { COCO_STAT_NAMES, type CocoIouType, type CocoScoreAnswer, type CocoScoreRequest } from '../api/coco-score.js';
import { isLabError, LabError } from '../api/errors.js';
import { RUN_RECORD_SCHEMA_VERSION, type ObservedRun } from '../api/run-record.js';
import { RunSpecSchema } from '../api/run-spec.js';
import { evaluateCoco, type CocoEvaluation } from '../evaluate/coco/coco-eval.js';
import { isRecord, readGroundTruth } from '../evaluate/coco/dataset.js';
import { readResults } from '../evaluate/coco/results.js';
import type { Workspace } from '../evidence/index.js';
import { edgelabVersion } from '../package-root.js';
import { readImportSources, recordImportedRun, type ReadSource } from './record-imported-run.js';

/**
 * A COCO results file made elsewhere (a training framework's val loop, another runtime) scored
 * against its ground truth by the COCOeval port, and recorded as an imported accuracy run: both
 * files copied beside the record with their SHA-256, the 12 stats, per-class AP and the counts in
 * its extras. Imported evidence never ticks a measured ladder item.
 */
function parseJson(source: ReadSource): unknown {
  try {
    return JSON.parse(source.text);
  } catch (e) {
    throw new LabError('input', `${source.given} ${source.path}: not JSON (${(e as Error).message}).`, 'Give the JSON file the tool wrote, whole.');
  }
}

/**
 * bbox when the entries carry boxes only, segm when they carry segmentation; a file where some do
 * and some do not is refused, since either reading would score part of it as something it is not.
 */
export function iouTypeOfResults(json: unknown[], given: string): CocoIouType {
  const withMask = json.findIndex((v) => isRecord(v) && v.segmentation !== undefined);
  if (withMask === -1) return 'bbox';
  const without = json.findIndex((v) => !isRecord(v) || v.segmentation === undefined);
  if (without === -1) return 'segm';
  throw new LabError('input', `${given}: results[${withMask}] carries a segmentation and results[${without}] does not, so the file is neither bbox nor segm results.`,
    'Give one kind of result per file: every entry with a segmentation (segm; a box beside it may be kept), or every entry with a box only (bbox).');
}

/** A refusal while reading one of the two files, tagged with the request field it is about, so the app shows it there. */
async function about<T>(field: 'annotations' | 'predictions', read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isLabError(e) && !e.field) throw new LabError(e.kind, e.message, e.hint, { cause: e, field: { path: field } });
    throw e;
  }
}

export async function scoreCocoResults(workspace: Workspace, request: CocoScoreRequest): Promise<CocoScoreAnswer> {
  const given = { annotations: `--annotations ${request.annotations}`, predictions: `--predictions ${request.predictions}` };
  const [gtFile] = await about('annotations', () => readImportSources([{ role: 'annotations', path: request.annotations, given: '--annotations' }])) as [ReadSource];
  let [dtFile] = await about('predictions', () => readImportSources([{ role: 'predictions', path: request.predictions, given: '--predictions' }])) as [ReadSource];
  // Two files of one base name are kept apart by role, as one read of both would.
  if (dtFile.name === gtFile.name) dtFile = { ...dtFile, name: `predictions-${dtFile.name}` };
  const gt = await about('annotations', () => readGroundTruth(parseJson(gtFile), given.annotations));
  const dtJson = await about('predictions', () => {
    const json = parseJson(dtFile);
    if (!Array.isArray(json)) {
      throw new LabError('input', `${given.predictions}: a COCO results file is a JSON array of detections, not ${isRecord(json) ? 'an object' : typeof json}.`,
        isRecord(json) && Array.isArray(json.annotations) ? 'This looks like an instances file: give it as --annotations, and the detections as --predictions.' : 'Write one object per detection: {image_id, category_id, score, bbox or segmentation}.');
    }
    if (json.length === 0) throw new LabError('input', `${given.predictions}: the file holds no detections, so there is nothing to score.`, 'Give the results the model wrote for the annotated images.');
    return json as unknown[];
  });
  // A mixed file is refused even with --iou-type given: pycocotools reads every entry the way it reads the first.
  const fromFile = await about('predictions', () => iouTypeOfResults(dtJson, given.predictions));
  const iouType = request.iouType ?? fromFile;
  const detections = await about('predictions', () => readResults(dtJson, gt, given.predictions));
  const evaluation = evaluateCoco(gt, detections, iouType);
  const counts = { images: gt.images.length, annotations: gt.annotations.length, detections: dtJson.length };
  const classes = evaluation.categories.map((c) => ({ categoryId: c.categoryId, name: c.name, objects: c.objects, detections: c.detections, ap: c.ap, ap50: c.ap50, ar100: c.ar100 }));
  const imported = await recordImportedRun({
    tool: 'coco-results',
    sources: [gtFile, dtFile],
    build: (_files, { runId, startedAt }) => ({ statedHardware: null, record: accuracyRecord(request, evaluation, { runId, startedAt, counts, classes }) }),
  }, { workspace });
  return {
    runId: imported.record.id,
    iouType,
    iouTypeFrom: request.iouType ? 'request' : 'results',
    stats: evaluation.stats,
    classes,
    counts,
    files: imported.record.origin?.files ?? [],
    warnings: evaluation.warnings,
    workspace: workspace.dir,
  };
}

function accuracyRecord(request: CocoScoreRequest, e: CocoEvaluation, o: { runId: string; startedAt: string; counts: CocoScoreAnswer['counts']; classes: CocoScoreAnswer['classes'] }): ObservedRun {
  const stats = Object.fromEntries(COCO_STAT_NAMES.map((name) => [name, e.stats[name]]));
  return {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: o.runId,
    startedAt: o.startedAt,
    finishedAt: o.startedAt,
    // No model ran here: the results file is what the run is of.
    spec: RunSpecSchema.parse({ model: request.predictions, label: request.label ?? `COCO ${e.iouType} results`, tags: ['accuracy', ...(request.tags ?? [])], telemetry: false }),
    model: null,
    software: { edgelab: edgelabVersion(), onnxruntime: 'none (imported COCO results)', node: process.version, platform: 'unknown', arch: 'unknown' },
    hardware: null,
    extras: { cocoEval: { iouType: e.iouType, stats, classes: o.classes, counts: o.counts } },
    state: 'observed',
    durationMs: null,
    samplesMs: [],
    warnings: [
      {
        code: 'accuracy-imported',
        message: `Accuracy only: ${o.counts.detections} detection${o.counts.detections === 1 ? '' : 's'} made elsewhere, scored against ${o.counts.images} image${o.counts.images === 1 ? '' : 's'} of ground truth; no model ran here and nothing was timed.`,
        advice: 'To tie accuracy to a model and engine, score the model with edgelab on the device.',
      },
      ...e.warnings.map((message) => ({ code: 'coco-annotation-id-zero', message, advice: 'Number annotation ids from 1.' })),
    ],
    verdicts: [],
  };
}
