import type { RunRecord } from '../api/run-record.js';

/**
 * What kind of run a record is, read from what it carries: an output check (`eval`), a `parity`
 * check, an `accuracy` evaluation, an image `pipeline`, a point of a `sweep`, or a benchmark named
 * by its scenario. The run list sorts and filters on it, so a failed parity check is not hidden
 * among latency runs.
 */
export function runKindOf(record: Pick<RunRecord, 'extras' | 'spec'>): string {
  const extras = record.extras;
  if (extras['parity'] !== undefined) return 'parity';
  if (extras['evaluation'] !== undefined) return 'eval';
  if (extras['accuracy'] !== undefined) return 'accuracy';
  if (extras['pipeline'] !== undefined) return 'pipeline';
  if (extras['sweep'] !== undefined) return `sweep ${record.spec.scenario.kind}`;
  return record.spec.scenario.kind;
}

/**
 * The pass/fail of a check the record made besides its targets (outputs against expected, parity
 * between variants); null when it made none. Such a run has no latency targets, and showing "–"
 * for a failed check would read as "nothing to judge".
 */
export function checkVerdictOf(record: Pick<RunRecord, 'extras'>): 'pass' | 'fail' | null {
  for (const key of ['parity', 'evaluation'] as const) {
    const value = record.extras[key];
    if (typeof value === 'object' && value !== null && 'verdict' in value) {
      const verdict = (value as { verdict: unknown }).verdict;
      if (verdict === 'pass' || verdict === 'fail') return verdict;
    }
  }
  return null;
}
