import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';

/**
 * An fp32 Gemm and the same weights stored as fp16 (float16 input and output too): two variants of
 * one model whose outputs drift a little, for the parity tests of every face. Written into `dir`.
 */
export async function writeGemmVariants(dir: string): Promise<[string, string]> {
  const w = Array.from({ length: 32 }, (_, i) => Math.sin(i) * 0.7);
  const files: string[] = [];
  for (const dtype of ['float32', 'float16'] as const) {
    const b = new ModelBuilder({ graphName: `gemm_${dtype}` });
    const x = b.input('x', dtype, [1, 8]);
    b.node('Gemm', [x, b.initializer('w', dtype, [4, 8], w)], 'y', { attributes: { transB: attr.int(1) } });
    b.output('y', dtype, [1, 4]);
    const file = path.join(dir, `gemm-${dtype}.onnx`);
    await writeFile(file, b.toBytes());
    files.push(file);
  }
  return files as [string, string];
}
