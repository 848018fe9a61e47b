import type { ErrorInfo } from '../api/errors.js';
import type { RunRecord } from '../api/run-record.js';
import { escapeXml } from './escape.js';
import { junitDocument, junitSuiteFor, runDurationMs, type JunitSuite } from './junit.js';

/** One entry of a suite as JUnit needs it (core/suite's SuiteEntryResult has this shape). */
export interface JunitSuiteEntry {
  index: number;
  label: string;
  record: RunRecord | null;
  error: ErrorInfo | null;
  verdict: string;
}

/**
 * JUnit XML for `edgelab run SUITE --junit`: every entry of the suite appears, so the counts a CI
 * dashboard shows are the suite's, not only the runs that got recorded.
 * - an entry that was refused before it ran (a model that is not there: exit 2) has no record; it is
 *   a testsuite with one testcase holding an <error> with the refusal's message and hint;
 * - an entry whose gate failed outside its targets (a max-QPS search where no rate held) gets a
 *   <failure> beside its run's target cases;
 * - every other entry is its run's testsuite, as `edgelab report --format junit` writes it.
 */
export function renderSuiteJunit(suiteName: string, entries: readonly JunitSuiteEntry[], pins: ReadonlyArray<[string, string]> = []): string {
  const suites = entries.map((entry) => (entry.record ? recordedEntry(entry, entry.record, pins) : refusedEntry(suiteName, entry, pins)));
  return junitDocument(suites, entries.reduce((sum, e) => sum + (e.record ? runDurationMs(e.record) : 0), 0));
}

function recordedEntry(entry: JunitSuiteEntry, record: RunRecord, pins: ReadonlyArray<[string, string]>): JunitSuite {
  const failedOutsideTargets = record.state === 'completed' && entry.verdict === 'fail' && !record.verdicts.some((v) => v.status === 'fail') && entry.error !== null;
  if (!failedOutsideTargets || entry.error === null) return junitSuiteFor(record, pins);
  const error = entry.error;
  return junitSuiteFor(record, pins, (classname) => [{
    xml: [
      `    <testcase name="gate" classname="${escapeXml(classname)}" time="0">`,
      `      <failure message="${escapeXml(error.message)}" type="${escapeXml(error.kind)}">${escapeXml(error.hint ?? '')}</failure>`,
      '    </testcase>',
    ].join('\n'),
    outcome: 'failure',
  }]);
}

function refusedEntry(suiteName: string, entry: JunitSuiteEntry, pins: ReadonlyArray<[string, string]>): JunitSuite {
  const classname = `edgelab.${suiteName}.${entry.label}`;
  const message = entry.error ? `refused: ${entry.error.message}` : `${entry.verdict}: the entry was not run`;
  const xml = [
    `  <testsuite name="${escapeXml(entry.label)}" tests="1" failures="0" errors="1" skipped="0" time="0.000">`,
    '    <properties>',
    `      <property name="suite_entry" value="${entry.index + 1}"/>`,
    `      <property name="state" value="refused"/>`,
    ...pins.map(([name, value]) => `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`),
    '    </properties>',
    `    <testcase name="run" classname="${escapeXml(classname)}" time="0">`,
    `      <error message="${escapeXml(message)}" type="${escapeXml(entry.error?.kind ?? 'error')}">${escapeXml(entry.error?.hint ?? '')}</error>`,
    '    </testcase>',
    '  </testsuite>',
  ].join('\n');
  return { xml, counts: { tests: 1, failures: 0, errors: 1, skipped: 0 } };
}
