import { noRateFound } from '../api/no-rate-found.js';
import type { RunEventListener } from '../api/events.js';
import { isLabError, toErrorInfo, type ErrorInfo } from '../api/errors.js';
import { ExitCode } from '../api/exit-codes.js';
import { failureOf, type RunRecord } from '../api/run-record.js';
import type { Workspace } from '../evidence/index.js';
import { recordRun, type RecordRunOptions } from '../measure/record-run.js';
import { verdictSummary, type VerdictSummary } from '../targets/index.js';
import type { Suite } from './parse-suite.js';

export interface SuiteEntryResult {
  index: number;
  label: string;
  /** The recorded run, or null when the request itself was refused (e.g. a model that is not there). */
  record: RunRecord | null;
  error: ErrorInfo | null;
  verdict: VerdictSummary | 'error' | 'cancelled';
}

export interface SuiteResult {
  suite: Suite;
  entries: SuiteEntryResult[];
  exitCode: ExitCode;
}

/**
 * Runs every entry in order and records each one, tagged with the suite. One entry that cannot run
 * does not stop the others: a CI gate should report everything that is wrong in one pass.
 */
export async function runSuite(suite: Suite, options: { workspace?: Workspace; signal?: AbortSignal; onEvent?: RunEventListener; onEntry?: (e: SuiteEntryResult) => void; measureLock?: RecordRunOptions['measureLock'] } = {}): Promise<SuiteResult> {
  const entries: SuiteEntryResult[] = [];
  const runDate = new Date().toISOString();
  for (const [index, spec] of suite.runs.entries()) {
    if (options.signal?.aborted) break;
    const label = spec.label ?? `${suite.name}[${index}]`;
    let entry: SuiteEntryResult;
    try {
      const { record } = await recordRun(
        { ...spec, label, tags: [...new Set([...spec.tags, `suite:${suite.name}`])] },
        {
          extras: { suite: { name: suite.name, file: suite.file, sha256: suite.sha256, index, runDate } },
          ...(options.workspace ? { workspace: options.workspace } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onEvent ? { onEvent: options.onEvent } : {}),
          ...(options.measureLock ? { measureLock: options.measureLock } : {}),
        },
      );
      // A max-QPS search where no rate held is a failed target, as `edgelab bench` exits for it.
      const noRate = noRateFound(record);
      entry = record.state === 'completed'
        ? noRate
          ? { index, label, record, error: { kind: 'runtime', message: noRate.message, hint: noRate.hint }, verdict: 'fail' }
          : { index, label, record, error: null, verdict: verdictSummary(record.verdicts) }
        : { index, label, record, error: failureOf(record), verdict: record.state === 'cancelled' ? 'cancelled' : 'error' };
    } catch (e) {
      if (!isLabError(e)) throw e;
      entry = { index, label, record: null, error: toErrorInfo(e), verdict: 'error' };
    }
    entries.push(entry);
    options.onEntry?.(entry);
  }
  return { suite, entries, exitCode: suiteExitCode(entries, options.signal?.aborted ?? false) };
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
