import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/**
 * Compares output with test/golden/<name>. `UPDATE_GOLDEN=1` rewrites the file instead: review the
 * diff of the golden files in the commit, that diff is what the change does to every report.
 */
export function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(name, import.meta.url));
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`No golden file ${path}; run the test with UPDATE_GOLDEN=1 to create it.`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
