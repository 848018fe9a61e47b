import { fileURLToPath } from 'node:url';
import type { CatalogName } from '../../models/catalog.js';
import { generateModel } from '../../models/generate.js';

export type { CatalogName } from '../../models/catalog.js';

/** models/generated at the repository root, wherever vitest was started from. */
export const generatedModelsDir = fileURLToPath(new URL('../../models/generated/', import.meta.url));

const pending = new Map<CatalogName, Promise<string>>();

/**
 * Absolute path of a catalog model, generated on first use. Several vitest workers may ask at
 * once: each writes through a temp file and an atomic rename, so none ever reads a partial file.
 */
export function modelPath(name: CatalogName): Promise<string> {
  let path = pending.get(name);
  if (!path) {
    path = generateModel(name, generatedModelsDir);
    pending.set(name, path);
  }
  return path;
}
