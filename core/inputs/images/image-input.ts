import { isLabError, LabError } from '../../api/errors.js';
import { readRegularFile } from '../../files/regular-file.js';
import type { ValueInfo } from '../../api/model-info.js';
import type { ImagesInputs } from '../../api/run-spec.js';
import { ort, type OrtTensor } from '../../runtime/ort.js';
import { formatShape } from '../shapes.js';
import { decodeAndResize } from './decode-image.js';
import { allocate, pixelsToTensor } from './pixels-to-tensor.js';

/** The model input that images feed, with every dim made concrete. */
export interface ImageInputTarget {
  name: string;
  dtype: ImagesInputs['dtype'];
  /** Images per inference: the fixed batch dim, or 1 when it is symbolic. */
  batch: number;
  height: number;
  width: number;
  shape: number[];
}

export interface EncodedImage {
  file: string;
  bytes: Uint8Array;
}

/**
 * Finds the image input (the model's only input, rank 4, 3 channels where the layout says) and
 * checks that the preprocessing produces what it takes, so a mismatch is a message before any run.
 */
export function resolveImageInput(modelPath: string, inputs: readonly ValueInfo[], spec: ImagesInputs): ImageInputTarget {
  const layoutHint = 'Set --layout nchw or nhwc to match the model, or give --image-size HxW for symbolic sizes.';
  if (inputs.length !== 1) {
    throw new LabError('input', `${modelPath} has ${inputs.length} inputs (${inputs.map((i) => `'${i.name}'`).join(', ')}); images can feed a model with one image input.`, 'Feed several inputs with a test-data set (--test-data DIR) instead.');
  }
  const input = inputs[0] as ValueInfo;
  const shape = input.shape;
  if (!shape || shape.length !== 4) {
    throw new LabError('input', `${modelPath}: input '${input.name}' has shape ${shape ? formatShape(shape) : '[unknown rank]'}, not an image batch of rank 4.`, layoutHint);
  }
  if (input.dtype !== spec.dtype) {
    throw new LabError('usage', `${modelPath}: input '${input.name}' is ${input.dtype} but the image preprocessing produces ${spec.dtype}.`, `Set --image-dtype ${input.dtype === 'float32' || input.dtype === 'float16' || input.dtype === 'uint8' ? input.dtype : 'float32'}.`);
  }
  const [n, a, b, c] = shape;
  const [channels, h, w] = spec.layout === 'nchw' ? [a, b, c] : [c, a, b];
  if (typeof channels === 'number' && channels !== 3) {
    throw new LabError('input', `${modelPath}: input '${input.name}' ${formatShape(shape)} has ${channels} channels in ${spec.layout.toUpperCase()} layout; images give 3.`, layoutHint);
  }
  const height = typeof h === 'number' ? h : spec.size?.[0];
  const width = typeof w === 'number' ? w : spec.size?.[1];
  if (height === undefined || width === undefined) {
    throw new LabError('usage', `${modelPath}: input '${input.name}' ${formatShape(shape)} leaves the image height or width symbolic.`, 'Give the size the model is deployed at with --image-size HxW, e.g. --image-size 224x224.');
  }
  const batch = typeof n === 'number' ? n : 1;
  const concrete = spec.layout === 'nchw' ? [batch, 3, height, width] : [batch, height, width, 3];
  return { name: input.name, dtype: spec.dtype, batch, height, width, shape: concrete };
}

export async function readImages(files: readonly string[]): Promise<EncodedImage[]> {
  return Promise.all(files.map(async (file) => {
    try {
      return { file, bytes: new Uint8Array(await readRegularFile(file, { what: 'Image', hint: 'Give an image file saved on disk, a folder of images, or a text file listing one image path a line.' })) };
    } catch (e) {
      if (isLabError(e)) throw e;
      throw new LabError('input', `Image ${file} cannot be read: ${e instanceof Error ? e.message : String(e)}.`, 'Check the path and its permissions.', { cause: e });
    }
  }));
}

/**
 * Decodes every image once, untimed and before a session exists: an image that does not decode is
 * bad input, refused before anything is measured, rather than a failed run, or one never found
 * because the run ended before reaching it in the set.
 */
export async function checkImagesDecode(images: readonly EncodedImage[], target: ImageInputTarget, spec: ImagesInputs): Promise<void> {
  for (const image of images) await decodeAndResize(image.bytes, image.file, target.height, target.width, spec);
}

/** Decode, resize and normalise `target.batch` images into one tensor (the preprocess stage). */
export async function imageBatchTensor(images: readonly EncodedImage[], target: ImageInputTarget, spec: ImagesInputs): Promise<OrtTensor> {
  const perImage = target.height * target.width * 3;
  const data = allocate(spec.dtype, perImage * target.batch);
  for (let i = 0; i < target.batch; i++) {
    const image = images[i % images.length] as EncodedImage;
    const rgb = await decodeAndResize(image.bytes, image.file, target.height, target.width, spec);
    pixelsToTensor(rgb.pixels, rgb.height, rgb.width, spec, data, i * perImage);
  }
  return new ort.Tensor(spec.dtype, data, target.shape);
}
