import type { Exporter } from './exporter.js';

/**
 * The records themselves, as a JSON array that `RunRecordSchema.array()` reads back. Keys are sorted
 * at every level so that two exports of the same runs are byte-identical and a diff shows only what
 * changed, whatever order the record was built in.
 */
export const jsonExporter: Exporter = {
  format: 'json',
  extension: '.json',
  mediaType: 'application/json',
  description: 'the run records, keys sorted, for diffs and other tools',
  async render(runs) {
    return JSON.stringify(runs, sortedKeys, 2) + '\n';
  },
};

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
