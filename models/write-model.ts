import { dirname, join } from 'node:path';
import type { ModelBuilder } from './onnx-builder.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Writes a built model to `path` and its external data files (if any initializer asked for one)
 * beside it, where ONNX Runtime looks for them: locations are relative to the .onnx file.
 */
export async function writeModel(path: string, builder: ModelBuilder): Promise<void> {
  for (const [location, bytes] of builder.externalFiles()) {
    await writeFileAtomic(join(dirname(path), location), bytes);
  }
  await writeFileAtomic(path, builder.toBytes());
}
