/**
 * The CLI's exit codes. A CI job gates on them, so they are part of the contract and listed in the
 * README. 1 is kept for "a target failed" because that is what a CI gate most often checks.
 */
export const ExitCode = {
  ok: 0,
  targetFailed: 1,
  usage: 2,
  runtime: 3,
  inconclusive: 4,
  cancelled: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

import type { LabErrorKind } from './errors.js';

export function exitCodeForError(kind: LabErrorKind): ExitCode {
  // A missing or malformed input is the caller's to fix, like a bad flag; a provider that will not
  // start or an inference that raised is the machine's, so CI can tell the two apart.
  return kind === 'usage' || kind === 'input' ? ExitCode.usage : ExitCode.runtime;
}

/** The exit code for a run's overall verdict (core/targets' verdictSummary): a CI gate stops on fail, and tells inconclusive apart. */
export function exitCodeForVerdict(verdict: 'pass' | 'fail' | 'inconclusive' | 'none'): ExitCode {
  if (verdict === 'fail') return ExitCode.targetFailed;
  if (verdict === 'inconclusive') return ExitCode.inconclusive;
  return ExitCode.ok;
}
