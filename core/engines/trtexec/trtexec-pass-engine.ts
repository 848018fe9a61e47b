import path from 'node:path';
import { LabError } from '../../api/errors.js';
import type { LabelledImage } from '../../api/labelled-set.js';
import type { TrtexecEngineSpec } from '../../api/run-spec.js';
import { imageGeometry } from '../../evaluate/decoders/geometry.js';
import { inDeclaredOrder } from '../../evaluate/decoders/tensors.js';
import { loadLabelledSet } from '../../evaluate/labels/load-labelled-set.js';
import type { ImageOutputs, PassEngine } from '../../evaluate/pass/engine-outputs.js';
import type { OpenPassEngine } from '../../evaluate/pass/run-labelled-pass.js';
import { fromFloat16Bits } from '../../inputs/float16.js';
import { imageBatchTensor, readImages, resolveImageInput } from '../../inputs/images/image-input.js';
import { inspectModel } from '../../model/inspect.js';
import { openTrtexecAccuracy } from './trtexec-accuracy.js';

export interface TrtexecPassOptions {
  /** Scratch folder for the engine and the exchanged files. */
  workDir: string;
  /** Images per trtexec call for a model whose batch dim is symbolic (the engine profile's max). */
  maxBatch?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TRTEXEC_PASS_BATCH = 8;

/**
 * trtexec behind the accuracy pass's engine seam. The pass asks for one image at a time, in the
 * set's order; trtexec is a process per call, so the engine reads ahead: the image asked for and the
 * next ones up to the engine's batch go in one --loadInputs file, and the others' outputs wait until
 * they are asked for. The decoders and metrics after it are the pass's, the same as for ONNX Runtime.
 */
export function trtexecPassEngine(spec: TrtexecEngineSpec, options: TrtexecPassOptions): OpenPassEngine {
  return async (request, preprocessing): Promise<PassEngine> => {
    const info = await inspectModel(request.model);
    const target = resolveImageInput(request.model, info.inputs, preprocessing);
    const batchDim = info.inputs[0]?.shape?.[0];
    const dynamicBatch = typeof batchDim !== 'number' || batchDim < 0;
    const set = await loadLabelledSet(request.labels);
    const accuracy = await openTrtexecAccuracy({
      engine: spec,
      model: request.model,
      modelInfo: info,
      input: { name: target.name, type: target.dtype, imageDims: [dynamicBatch ? 1 : target.batch, ...target.shape.slice(1)] },
      dynamicBatch,
      maxBatch: options.maxBatch ?? DEFAULT_TRTEXEC_PASS_BATCH,
      workDir: path.resolve(options.workDir),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const one = { ...target, batch: 1, shape: [1, ...target.shape.slice(1)] };
    const tensorOf = async (image: LabelledImage): Promise<ArrayLike<number>> => {
      const data = (await imageBatchTensor(await readImages([image.file]), one, preprocessing)).data as ArrayLike<number>;
      // float16 tensors hold binary16 bits; the input file writer takes values.
      return target.dtype === 'float16' ? Array.from(data, fromFloat16Bits) : data;
    };
    const ready = new Map<number, ImageOutputs>();
    return {
      engine: `TensorRT ${accuracy.tensorrtVersion ?? '(version not stated)'} (trtexec, ${spec.precision ?? 'fp32'})`,
      executionProvider: 'tensorrt',
      sessionCreateMs: null,
      async outputsFor(image) {
        if (!ready.has(image.id)) {
          const at = set.images.findIndex((i) => i.id === image.id);
          const batch = at >= 0 ? set.images.slice(at, at + accuracy.batch) : [image];
          const outputs = await accuracy.outputsFor(await Promise.all(batch.map(tensorOf)));
          batch.forEach((im, k) => ready.set(im.id, {
            // trtexec's JSON lists bindings in the engine's order; the decoders take the model's.
            outputs: inDeclaredOrder(outputs[k]!, info.outputs.map((o) => o.name)),
            geometry: imageGeometry({ width: im.width, height: im.height }, { width: target.width, height: target.height }, preprocessing.resize),
          }));
        }
        const got = ready.get(image.id);
        if (!got) throw new LabError('runtime', `trtexec gave no outputs for ${image.file}.`);
        ready.delete(image.id);
        return got;
      },
      close: () => accuracy.close(),
    };
  };
}
