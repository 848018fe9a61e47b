import { noRateFound } from '../api/no-rate-found.js';
import type { ErrorInfo } from '../api/errors.js';
import { ExitCode } from '../api/exit-codes.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import { verdictSummary, type VerdictSummary } from '../targets/index.js';

export interface SuiteEntryResult {
  index: number;
  label: string;
  /** The recorded run, or null when the request itself was refused (e.g. a model that is not there). */
  record: RunRecord | null;
  error: ErrorInfo | null;
  verdict: VerdictSummary | 'error' | 'cancelled';
}

/** A recorded entry's verdict, the same whichever face ran the suite. */
export function judgeSuiteEntry(index: number, label: string, record: RunRecord): SuiteEntryResult {
  // An accuracy pass is an observed record (nothing timed): judged by its accuracy targets.
  if (record.state === 'observed' && record.extras['accuracyPass'] !== undefined) return { index, label, record, error: null, verdict: verdictSummary(record.verdicts) };
  if (record.state !== 'completed') return { index, label, record, error: failureOf(record), verdict: record.state === 'cancelled' ? 'cancelled' : 'error' };
  // A max-QPS search where no rate held is a failed target, as `edgelab bench` exits for it.
  const noRate = noRateFound(record);
  return noRate
    ? { index, label, record, error: { kind: 'runtime', message: noRate.message, hint: noRate.hint }, verdict: 'fail' }
    : { index, label, record, error: null, verdict: verdictSummary(record.verdicts) };
}

/** An entry that could not run beats a failed target: the gate did not measure what it promised. */
export function suiteExitCode(entries: readonly SuiteEntryResult[], cancelled: boolean): ExitCode {
  if (cancelled || entries.some((e) => e.verdict === 'cancelled')) return ExitCode.cancelled;
  if (entries.some((e) => e.verdict === 'error')) {
    return entries.some((e) => e.error && (e.error.kind === 'runtime' || e.error.kind === 'unavailable')) ? ExitCode.runtime : ExitCode.usage;
  }
  if (entries.some((e) => e.verdict === 'fail')) return ExitCode.targetFailed;
  if (entries.some((e) => e.verdict === 'inconclusive')) return ExitCode.inconclusive;
  return ExitCode.ok;
}
