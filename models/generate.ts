import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog, catalogNames } from './catalog.js';
import type { CatalogName } from './catalog.js';
import { writeFileAtomic } from './write-file-atomic.js';

export const DEFAULT_MODELS_DIR = 'models/generated';

/** Builds one catalog model into `dir` (created if missing) and returns its absolute path. */
export async function generateModel(name: CatalogName, dir: string = DEFAULT_MODELS_DIR): Promise<string> {
  const entry = catalog[name];
  const path = resolve(dir, entry.fileName);
  await writeFileAtomic(path, entry.build());
  return path;
}

/**
 * Writes every catalog model into `dir` and returns name → absolute path. Safe to call from
 * several processes at once, and a no-op for files that already hold the same bytes.
 */
export async function generateAll(dir: string = DEFAULT_MODELS_DIR): Promise<Record<CatalogName, string>> {
  const paths = {} as Record<CatalogName, string>;
  for (const name of catalogNames) paths[name] = await generateModel(name, dir);
  return paths;
}

async function main(): Promise<void> {
  const paths = await generateAll(process.argv[2] ?? DEFAULT_MODELS_DIR);
  for (const name of catalogNames) console.log(`${name.padEnd(16)} ${paths[name]}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
