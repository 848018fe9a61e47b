import { exitCodeForVerdict, type ExitCode } from './exit-codes.js';
import type { Verdict } from './run-record.js';

export type VerdictSummary = 'pass' | 'fail' | 'inconclusive' | 'none';

/**
 * The run's overall verdict. One failed target fails the run even if others are inconclusive,
 * because a CI gate must stop on a bound that is known to be broken; 'none' means no targets were set.
 */
export function verdictSummary(verdicts: readonly Verdict[]): VerdictSummary {
  if (verdicts.length === 0) return 'none';
  if (verdicts.some((v) => v.status === 'fail')) return 'fail';
  if (verdicts.some((v) => v.status === 'inconclusive')) return 'inconclusive';
  return 'pass';
}

/** The CLI's exit code for a completed run's verdicts (core/api/exit-codes.ts). */
export function exitCodeForVerdicts(verdicts: readonly Verdict[]): ExitCode {
  return exitCodeForVerdict(verdictSummary(verdicts));
}
