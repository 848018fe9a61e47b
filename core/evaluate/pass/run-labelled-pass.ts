/**
 * The accuracy pass: a model run on a labelled set image by image, outside any timed region (its
 * latency comes from a separate, timed pass of the same spec), each image's outputs decoded by the
 * named decoder into the original image's pixels, and scored. The record keeps the decoder spec as
 * run (defaults filled in), the labelled set's name, format, SHA-256 and counts, the figures, and
 * names the side file of per-image results by its SHA-256; with a reference run, the drop and its
 * paired bootstrap interval. The engine is a seam: anything that gives each image's outputs.
 */
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import { DECODER_TASK, type ImagePredictions } from '../../api/predictions.js';
import type { ValidOutputCheckRequest } from '../../api/output-check.js';
import { RUN_RECORD_SCHEMA_VERSION, type ObservedRun } from '../../api/run-record.js';
import { ImagesInputsSchema, RunSpecSchema } from '../../api/run-spec.js';
import { newRunId } from '../../evidence/evidence-id.js';
import { modelFingerprint } from '../../evidence/record-base.js';
import { softwareVersions } from '../../evidence/software.js';
import { inspectModel } from '../../model/inspect.js';
import { onnxRuntimeVersion } from '../../runtime/ort.js';
import { evaluateTargets, parseTargets } from '../../targets/index.js';
import { mapClasses, readClassNames } from '../decoders/classes.js';
import { matchDecoder } from '../decoders/decode.js';
import { loadLabelledSet } from '../labels/load-labelled-set.js';
import { ortPassEngine, type PassEngine } from './engine-outputs.js';
import { accuracyPassSummary, passObservations, type ReferencePassFile } from './pass-summary.js';
import { checkPassRequest, taskOfFormat } from './pass-checks.js';
import { passDrop } from './pass-drop.js';
import { scoreDetections, scoreMasks, scoreText } from './pass-scores.js';
import { readPerImageFile, writePerImageFile } from './per-image-file.js';
import { settingsDifferingFromReference } from './reference-settings.js';

export type LabelledPassRequest = Extract<ValidOutputCheckRequest, { kind: 'labelled' }>;
export type { ReferencePassFile };

/** Opens the engine a pass runs on; ONNX Runtime unless a caller plugs in another (trtexec). */
export type OpenPassEngine = (request: LabelledPassRequest, preprocessing: ReturnType<typeof ImagesInputsSchema.parse>) => Promise<PassEngine>;

export async function runLabelledPass(request: LabelledPassRequest, reference?: ReferencePassFile, openEngine?: OpenPassEngine): Promise<{ record: ObservedRun; artifactPaths: string[] }> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const targets = checkPassRequest(request);
  const task = DECODER_TASK[request.decoder.name];
  const set = await loadLabelledSet(request.labels);
  if (taskOfFormat(set.format) !== task) {
    throw new LabError('usage', `Decoder ${request.decoder.name} gives ${task}, but ${set.format} labels hold ${taskOfFormat(set.format)}.`, 'Choose a decoder for the labels\' task: yolo-v5, yolo-v8, nms-rows, efficient-nms or torchvision for boxes; saliency or class-logits for masks; dbnet for text.', { field: { path: 'decoder.name', names: [] } });
  }
  const modelNames = request.decoder.classes ?? (request.labels.classes && task === 'detections' ? await readClassNames(request.labels.classes) : { file: null, names: set.categories.map((c) => c.name) });
  const classes = mapClasses(modelNames, set.categories, set.name);
  const decoder = { ...request.decoder, classes: modelNames };
  const info = await inspectModel(request.model);
  const preprocessing = ImagesInputsSchema.parse({ ...request.preprocessing, kind: 'images', paths: [request.labels.images] });
  const session = RunSpecSchema.parse({ model: request.model, session: { executionProviders: [request.ep ?? 'cpu'] } }).session;
  // The trtexec engine lives above this floor: its caller (the runner) plugs it in.
  if (!openEngine && request.engine?.kind === 'trtexec') throw new Error('an accuracy pass on trtexec needs its engine plugged in (trtexecPassEngine)');
  const engine = openEngine ? await openEngine(request, preprocessing) : await ortPassEngine(request.model, info, preprocessing, session, onnxRuntimeVersion());
  const predictions: ImagePredictions[] = [];
  // The output the decoder read (the one named, or the first that fits in the model's order), which the record names.
  let readOutput: string | undefined;
  try {
    for (const image of set.images) {
      const { outputs, geometry } = await engine.outputsFor(image);
      const matched = matchDecoder(decoder, outputs);
      readOutput ??= matched.output;
      predictions.push({ imageId: image.id, width: image.width, height: image.height, prediction: matched.decode({ spec: decoder, geometry, classes }) });
    }
  } finally {
    await engine.close();
  }
  const categoryOf = (k: number) => classes.categoryIds[k] ?? null;
  const classIndexOf = (k: number) => {
    const id = categoryOf(k);
    const index = id === null ? -1 : set.categories.findIndex((c) => c.id === id);
    return index === -1 ? null : index;
  };
  const scores = task === 'detections' ? scoreDetections(set, predictions, categoryOf) : task === 'mask' ? await scoreMasks(set, predictions, classIndexOf) : scoreText(set, predictions);
  const perImage = { ...scores.perImage, set: { name: set.name, sha256: set.sha256 }, images: set.images.map((im) => ({ id: im.id, file: path.relative(set.source.images, im.file) })) };
  const written = await writePerImageFile(perImage);
  const drop = reference
    ? passDrop(perImage, await readPerImageFile(reference.file, reference.sha256, reference.runId), reference.runId, set.categories, {
        ...(request.resamples !== undefined ? { resamples: request.resamples } : {}),
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
      })
    : null;
  const summary = accuracyPassSummary({ set, decoder: readOutput !== undefined ? { ...decoder, output: readOutput } : decoder, engine, metrics: scores.metrics, perImage: { name: path.basename(written.path), sha256: written.sha256, bytes: written.bytes }, drop, predictions });
  const spec = RunSpecSchema.parse({
    model: request.model,
    ...(request.label ? { label: request.label } : {}),
    tags: ['accuracy'],
    inputs: preprocessing,
    session,
    ...(request.engine ? { engine: request.engine } : {}),
    targets,
  });
  const differing = reference ? settingsDifferingFromReference(reference, { decoder: summary.decoder, inputs: spec.inputs }) : [];
  const record: ObservedRun = {
    schemaVersion: RUN_RECORD_SCHEMA_VERSION,
    id: newRunId(new Date(startedAt)),
    startedAt,
    finishedAt: new Date().toISOString(),
    spec,
    model: modelFingerprint(info),
    software: softwareVersions(onnxRuntimeVersion()),
    hardware: null,
    extras: { accuracyPass: summary },
    state: 'observed',
    durationMs: performance.now() - started,
    samplesMs: [],
    warnings: [
      {
        code: 'accuracy-pass-untimed',
        message: `Accuracy pass: ${set.images.length} image${set.images.length === 1 ? '' : 's'} run one by one on ${engine.engine}, outside any timed region; no latency is measured here.`,
        advice: 'Time the same spec in a separate run (edgelab bench) for its latency; compare the two runs side by side.',
      },
      ...scores.warnings.map((message) => ({ code: 'accuracy-pass', message, advice: 'See the message.' })),
      ...(reference && differing.length > 0
        ? [{ code: 'accuracy-reference-settings', message: `This pass decoded or preprocessed otherwise than its reference ${reference.runId} (${differing.join(', ')}): the drop measures those settings as well as the model and engine.`, advice: 'Run the reference and the variant with the same decoder and preprocessing flags, so the drop is the variant\'s alone.' }]
        : []),
    ],
    verdicts: evaluateTargets(parseTargets(targets), passObservations(summary)),
  };
  return { record, artifactPaths: [written.path] };
}
