import { writeFile } from 'node:fs/promises';
import type { BuilderDtype } from '../../models/onnx-builder.js';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { DecoderSpecSchema, type DecoderSpecInput, type Prediction } from '../../core/api/predictions.js';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import type { ClassMap } from '../../core/evaluate/decoders/classes.js';
import { decodeOutputs } from '../../core/evaluate/decoders/decode.js';
import type { ImageGeometry } from '../../core/evaluate/decoders/geometry.js';
import { decoderOutputs } from '../../core/evaluate/decoders/ort-outputs.js';
import { ort } from '../../core/runtime/ort.js';
import { createSession } from '../../core/runtime/session.js';

export interface ConstantOutput {
  name: string;
  dtype: BuilderDtype & ('float32' | 'int32' | 'int64');
  dims: number[];
  values: number[];
}

/**
 * A model that takes an image tensor and answers with fixed outputs (Identity of constants), the way
 * an exported detector answers with its head: decoders are run on what ONNX Runtime really returns
 * (dtypes, int64 as bigint, dims), not on arrays a test made up in the decoder's own terms.
 */
export async function writeConstantOutputModel(file: string, input: { height: number; width: number }, outputs: readonly ConstantOutput[]): Promise<void> {
  const b = new ModelBuilder({ graphName: 'constant_head' });
  b.input('images', 'float32', [1, 3, input.height, input.width]);
  for (const o of outputs) {
    const c = b.initializer(`${o.name}_value`, o.dtype, o.dims, o.dtype === 'int64' ? o.values.map(BigInt) : o.values);
    b.node('Identity', [c], o.name);
    b.output(o.name, o.dtype, o.dims);
  }
  await writeFile(file, b.toBytes());
}

/** Runs the model once on `images` through a real ONNX Runtime session and decodes what it returned. */
export async function runAndDecode(model: string, images: Float32Array, input: { height: number; width: number }, spec: DecoderSpecInput, geometry: ImageGeometry, classes?: ClassMap): Promise<Prediction> {
  const { session } = await createSession(model, SessionSettingsSchema.parse({}));
  try {
    const outputs = await session.run({ images: new ort.Tensor('float32', images, [1, 3, input.height, input.width]) });
    return decodeOutputs(DecoderSpecSchema.parse(spec), decoderOutputs(outputs, session.outputNames), geometry, classes);
  } finally {
    await session.release();
  }
}
