import { ModelBuilder } from './onnx-builder.js';
import { writeModel } from './write-model.js';

const width = 1024;
const layerBytes = width * width * 4;

export interface LargeModel {
  path: string;
  layers: number;
  parameterBytes: number;
}

/**
 * Writes a chain of width×width MatMul + Relu layers whose float32 weights, all stored inside the
 * .onnx file, total about `targetBytes` (rounded to whole 4 MiB layers, at least one). It exists to
 * measure inspection of big files, so it is not in the catalog; it still runs in ONNX Runtime.
 */
export async function writeLargeModel(path: string, targetBytes: number): Promise<LargeModel> {
  const layers = Math.max(1, Math.round(targetBytes / layerBytes));
  const b = new ModelBuilder({ graphName: 'large_mlp', seed: 100, docString: `${layers} MatMul layers of ${width}×${width}` });
  let x = b.input('x', 'float32', ['batch', width]);
  for (let i = 0; i < layers; i++) {
    x = b.node('MatMul', [x, b.randomInitializer(`layer${i}.weight`, [width, width])], `layer${i}.matmul`, { name: `layer${i}/matmul` });
    x = b.node('Relu', [x], i === layers - 1 ? 'y' : `layer${i}.relu`, { name: `layer${i}/relu` });
  }
  b.output('y', 'float32', ['batch', width]);
  await writeModel(path, b);
  return { path, layers, parameterBytes: layers * layerBytes };
}
