import { LabError } from '../../api/errors.js';
import type { RunRecord } from '../../api/run-record.js';
import type { ExportedRecord } from '../export-selection.js';

/**
 * The name a run's files go under in a DVC export: its label, else model and provider, as a file
 * name. Runs, not run ids, name the files so that re-running a suite and exporting again changes the
 * same files: `dvc metrics diff` and a pull request's diff then compare like with like.
 */
export function dvcRunKey(record: RunRecord): string {
  const provider = record.state === 'completed' ? record.executionProvider : (record.spec.session.executionProviders[0] ?? 'cpu');
  const model = (record.model?.fileName ?? record.spec.model.split(/[\\/]/).pop() ?? 'model').replace(/\.onnx$/i, '');
  const base = record.spec.label ?? `${model}-${provider}`;
  const slug = base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').replace(/-{2,}/g, '-');
  return slug || 'run';
}

/**
 * Named runs must have distinct keys (two files cannot share a name); with no runs named, the
 * newest run of each key is exported, which is the state a model repo wants to review.
 */
export function keyRuns(records: readonly ExportedRecord[], named: boolean): Array<{ key: string; exported: ExportedRecord }> {
  const byKey = new Map<string, ExportedRecord>();
  for (const exported of records) {
    const key = dvcRunKey(exported.record);
    const other = byKey.get(key);
    if (other && named) {
      throw new LabError('usage', `Runs ${other.record.id} and ${exported.record.id} would both be exported as "${key}".`,
        'Export one of them, or give the runs distinct labels (--label in bench, `label:` in a suite).');
    }
    if (!other || newer(exported.record, other.record)) byKey.set(key, exported);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, exported]) => ({ key, exported }));
}

function newer(a: RunRecord, b: RunRecord): boolean {
  return a.startedAt > b.startedAt || (a.startedAt === b.startedAt && a.id > b.id);
}
