/**
 * What an accuracy pass needs from an engine: each labelled image's model outputs, as the decoders
 * read them, and where the preprocessing put the image in the model's input. ONNX Runtime gives them
 * in-process (below); an engine run as a child process (trtexec with --loadInputs and --exportOutput)
 * gives the same map per image, so the decoding and the metrics never know which engine ran.
 * Nothing here is timed: latency comes from a separate, timed pass of the same spec.
 */
import { LabError } from '../../api/errors.js';
import type { LabelledImage } from '../../api/labelled-set.js';
import type { ModelInfo } from '../../api/model-info.js';
import type { ImagesInputs, SessionSettings } from '../../api/run-spec.js';
import { imageBatchTensor, readImages, resolveImageInput } from '../../inputs/images/image-input.js';
import type { Feeds } from '../../runtime/ort.js';
import { createSession } from '../../runtime/session.js';
import { imageGeometry, type ImageGeometry } from '../decoders/geometry.js';
import { decoderOutputs } from '../decoders/ort-outputs.js';
import type { DecoderOutputs } from '../decoders/tensors.js';

export interface ImageOutputs {
  outputs: DecoderOutputs;
  geometry: ImageGeometry;
}

/** An engine opened for a pass: outputs per image, then closed. */
export interface PassEngine {
  /** What the record names as the engine, e.g. "onnxruntime 1.22.0 (cpu)". */
  engine: string;
  executionProvider: string;
  sessionCreateMs: number | null;
  outputsFor(image: LabelledImage): Promise<ImageOutputs>;
  close(): Promise<void>;
}

export async function ortPassEngine(model: string, info: ModelInfo, preprocessing: ImagesInputs, session: SessionSettings, ortVersion: string): Promise<PassEngine> {
  const target = resolveImageInput(model, info.inputs, preprocessing);
  if (target.batch !== 1) {
    throw new LabError('input', `${model}: input '${target.name}' has a fixed batch of ${target.batch}; an accuracy pass feeds one image per inference.`, 'Export the model with batch 1 (or a symbolic batch) for the accuracy pass; time the batched model in a separate run.');
  }
  const created = await createSession(model, session);
  const provider = session.executionProviders[0] ?? 'cpu';
  return {
    engine: `onnxruntime ${ortVersion} (${provider})`,
    executionProvider: provider,
    sessionCreateMs: created.sessionCreateMs,
    async outputsFor(image) {
      const [encoded] = await readImages([image.file]);
      const feeds: Feeds = { [target.name]: await imageBatchTensor(encoded ? [encoded] : [], target, preprocessing) };
      const outputs = await created.session.run(feeds);
      const geometry = imageGeometry({ width: image.width, height: image.height }, { width: target.width, height: target.height }, preprocessing.resize);
      return { outputs: decoderOutputs(outputs, created.session.outputNames), geometry };
    },
    close: () => created.session.release(),
  };
}
