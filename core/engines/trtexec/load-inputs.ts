import { writeFile } from 'node:fs/promises';
import { LabError } from '../../api/errors.js';
import { toFloat16Bits } from '../../inputs/float16.js';

/**
 * Input files for `trtexec --loadInputs=name:file`. trtexec reads each file whole into the input
 * binding's host buffer (sampleUtils.cpp loadFromFile), so a file is the tensor's raw bytes in the
 * engine's input type, little-endian as the GPU's host is, row-major, no header; its size must be
 * exactly the binding's (volume × element size) or trtexec refuses it.
 */
export type EngineInputType = 'float32' | 'float16' | 'int32' | 'int64' | 'int8' | 'uint8' | 'bool';

const ELEMENT_BYTES: Record<EngineInputType, number> = { float32: 4, float16: 2, int32: 4, int64: 8, int8: 1, uint8: 1, bool: 1 };

export function elementBytes(type: EngineInputType): number {
  return ELEMENT_BYTES[type];
}

/** Values as the bytes trtexec loads for a binding of `type`; float16 given as numbers is rounded to nearest even. */
export function loadInputsBytes(type: EngineInputType, values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * ELEMENT_BYTES[type]);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    switch (type) {
      case 'float32': view.setFloat32(4 * i, v, true); break;
      case 'float16': view.setUint16(2 * i, toFloat16Bits(v), true); break;
      case 'int32': view.setInt32(4 * i, v, true); break;
      case 'int64': view.setBigInt64(8 * i, BigInt(Math.trunc(v)), true); break;
      case 'int8': view.setInt8(i, v); break;
      case 'uint8': view.setUint8(i, v); break;
      case 'bool': view.setUint8(i, v ? 1 : 0); break;
    }
  }
  return out;
}

/** Several images' tensors (each `perImage` values) as one batch file, image after image along dim 0. */
export async function writeLoadInputsFile(file: string, type: EngineInputType, images: readonly ArrayLike<number>[], perImage: number): Promise<void> {
  const batch = new Float64Array(perImage * images.length);
  images.forEach((image, k) => {
    if (image.length !== perImage) throw new RangeError(`image ${k} of the batch has ${image.length} values, not ${perImage}`);
    for (let i = 0; i < perImage; i++) batch[k * perImage + i] = image[i]!;
  });
  await writeFile(file, loadInputsBytes(type, batch));
}

/**
 * The `--loadInputs` value: `name:file` pairs, comma-separated. trtexec splits on ',' and on the
 * last ':' unless the name is in single quotes, so a name or path holding ':' is quoted, and a path holding ',' or a
 * quote could not be read back: such a path is refused here rather than misread there.
 */
export function loadInputsFlag(files: Readonly<Record<string, string>>): string {
  return Object.entries(files).map(([name, file]) => {
    if (/[,']/.test(file)) {
      throw new LabError('usage', `trtexec cannot load the input file ${file}: its --loadInputs list is split at commas and quotes.`, 'Use a scratch folder whose path has no comma or single quote.');
    }
    // Unquoted, trtexec takes everything before the last ':' as the name; quoted, a path may hold ':' too.
    return `${name.includes(':') || file.includes(':') ? `'${name}'` : name}:${file}`;
  }).join(',');
}
