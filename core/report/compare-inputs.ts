import { LabError } from '../api/errors.js';

/**
 * A run compared with itself shows every metric at ×1.000 and "no significant difference": true,
 * and a mistake (usually the same id pasted twice, or `latest` next to its own id). Refused, with
 * the id, wherever runs are compared (CLI, app, server).
 */
export function refuseSelfComparison(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) {
      throw new LabError('usage', `Run ${id} is named twice: a run compared with itself shows no difference by construction.`, 'Compare two different runs; `edgelab runs` lists them.');
    }
    seen.add(id);
  }
}
