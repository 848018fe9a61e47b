import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under a folder (the renderer's sources, or the core it bundles). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests serve dist/renderer. It is built here, once, before any test file runs, and only
 * when it is missing or older than its sources: each e2e file building it in its own beforeAll
 * rewrote the bundle while another file's page was loading it (tests run in parallel), and under
 * vitest's NODE_ENV=test Vite builds React's development bundle over the one `npm run build` made.
 */
export default async function setup(): Promise<void> {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  // All of core, not only core/api and core/present: what those import is bundled too.
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'core')), statSync(path.join(root, 'vite.config.ts')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
