import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import type { CompletedRun, FailedRun, RunRecord, SummaryOnlyRun, Verdict } from '../api/run-record.js';
import { escapeXml } from './escape.js';
import type { Exporter } from './exporter.js';
import { formatMeasured, formatMs } from '../present/format-values.js';
import { readProfile } from '../present/sections/profile-section.js';
import { hardwareLabel, runTitle } from '../present/run-labels.js';
import { formatRunSummary } from '../present/run-summary.js';

/**
 * JUnit XML for CI dashboards: one <testsuite> per run, one <testcase> per target verdict.
 * - pass → an empty testcase; fail → <failure>.
 * - inconclusive → <skipped message="…">: the run could not decide (the confidence interval
 *   straddles the threshold), which is neither green nor red. A gate that must also stop on
 *   inconclusive uses the CLI's exit code 4 rather than the test counts.
 * - a completed run without targets → one passing testcase "completed".
 * - a failed or cancelled run → one testcase "run" holding an <error>: there is no evidence to judge;
 *   each target it set is a <failure> too (not met), so a dashboard never counts it as passed.
 * The terminal summary goes into <system-out> so the CI log shows the numbers behind each verdict,
 * and with it the profile breakdown when the run has one; the profile's trace file and its top
 * findings are also <property>s, which CI dashboards list beside the test counts.
 */
export const junitExporter: Exporter = {
  format: 'junit',
  extension: '.xml',
  mediaType: 'application/xml',
  description: 'JUnit XML: one testsuite per run, one testcase per target',
  async render(runs, ctx) {
    const pins = headPins(ctx);
    return junitDocument(runs.map((run) => junitSuiteFor(run, pins)), runs.reduce((sum, run) => sum + runDurationMs(run), 0));
  },
};

/** The head a document was made from, as JUnit properties: what a reviewer pins. */
export function headPins(ctx: { ledgerHead?: string | null; signedHead?: { entryHash: string; seq: number; signatureSha256: string } | null }): Array<[string, string]> {
  return [
    ...(ctx.ledgerHead ? [['edgelab.ledger_head', ctx.ledgerHead] as [string, string]] : []),
    ...(ctx.signedHead ? [['edgelab.signed_head', `${ctx.signedHead.entryHash} (seq ${ctx.signedHead.seq}, signature SHA-256 ${ctx.signedHead.signatureSha256})`] as [string, string]] : []),
  ];
}

/** The `<testsuites>` document over rendered suites; its counts are theirs added up. */
export function junitDocument(suites: readonly JunitSuite[], durationMs: number): string {
  const total = (key: keyof Counts) => suites.reduce((sum, s) => sum + s.counts[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="edgelab" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="${seconds(durationMs)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

export interface JunitSuite {
  xml: string;
  counts: Counts;
}

export interface TestCase {
  xml: string;
  outcome: 'passed' | 'failure' | 'error' | 'skipped';
}

export interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/**
 * One run's `<testsuite>`. `pins` are the ledger head (and signed head) the document was made from,
 * as properties a reviewer pins. `extraCases` adds what the run's own verdicts do not hold (a suite
 * entry whose gate failed outside a target, such as a max-QPS search where no rate held).
 */
export function junitSuiteFor(run: RunRecord, pins: ReadonlyArray<[string, string]> = [], extraCases: (classname: string) => TestCase[] = () => []): JunitSuite {
  const classname = `edgelab.${runTitle(run)}`;
  const own = run.state === 'completed' || run.state === 'observed' ? completedCases(run, classname)
    : run.state === 'summary-only' ? statedCases(run, classname)
      : [errorCase(run, classname), ...unmetTargetCases(run, classname)];
  const cases = [...own, ...extraCases(classname)];
  const count = (outcome: TestCase['outcome']) => cases.filter((c) => c.outcome === outcome).length;
  const counts: Counts = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
  const attrs = [
    ['name', runTitle(run)],
    ['id', run.id],
    ['tests', String(counts.tests)],
    ['failures', String(counts.failures)],
    ['errors', String(counts.errors)],
    ['skipped', String(counts.skipped)],
    ['time', seconds(runDurationMs(run))],
    ['timestamp', junitTimestamp(run.startedAt)],
  ];
  const xml = [
    `  <testsuite ${attrs.map(([k, v]) => `${k}="${escapeXml(v ?? '')}"`).join(' ')}>`,
    '    <properties>',
    ...[...properties(run), ...pins, ...(run.origin ? [['evidence', `imported from ${run.origin.tool}: not measured by edgelab`] as const] : [])].map(([name, value]) => `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`),
    '    </properties>',
    ...cases.map((c) => c.xml),
    `    <system-out>${escapeXml(formatRunSummary(run))}</system-out>`,
    '  </testsuite>',
  ].join('\n');
  return { xml, counts };
}

function completedCases(run: { verdicts: CompletedRun['verdicts']; durationMs: number | null }, classname: string): TestCase[] {
  if (run.verdicts.length === 0) {
    return [{ xml: `    <testcase name="completed" classname="${escapeXml(classname)}" time="${seconds(run.durationMs ?? 0)}"/>`, outcome: 'passed' }];
  }
  return run.verdicts.map((v) => verdictCase(v, classname));
}

/** A summary-only import is a test only of the targets it states figures for; it ran, so it passed otherwise. */
function statedCases(run: SummaryOnlyRun, classname: string): TestCase[] {
  if (run.verdicts.length === 0) return [{ xml: `    <testcase name="summary-only" classname="${escapeXml(classname)}" time="0"/>`, outcome: 'passed' }];
  return run.verdicts.map((v) => verdictCase(v, classname));
}

function verdictCase(v: Verdict, classname: string): TestCase {
  const open = `    <testcase name="${escapeXml(v.target)}" classname="${escapeXml(classname)}" time="0"`;
  const observed = v.observedValue === null ? 'not measured' : formatMeasured(v.observedValue, v.unit);
  const message = `${v.metric} ${observed}, target ${v.comparator} ${formatMeasured(v.thresholdValue, v.unit)}`;
  if (v.status === 'pass') return { xml: `${open}/>`, outcome: 'passed' };
  if (v.status === 'fail') {
    const failure = `<failure message="${escapeXml(message)}" type="target-failed">${escapeXml(v.method)}</failure>`;
    return { xml: `${open}>\n      ${failure}\n    </testcase>`, outcome: 'failure' };
  }
  const skipped = `<skipped message="${escapeXml(`inconclusive: ${message}; ${v.method}`)}"/>`;
  return { xml: `${open}>\n      ${skipped}\n    </testcase>`, outcome: 'skipped' };
}

function errorCase(run: FailedRun, classname: string): TestCase {
  const detail = run.error.hint ?? '';
  const xml = [
    `    <testcase name="run" classname="${escapeXml(classname)}" time="0">`,
    `      <error message="${escapeXml(`${run.state}: ${run.error.message}`)}" type="${escapeXml(run.error.kind)}">${escapeXml(detail)}</error>`,
    '    </testcase>',
  ].join('\n');
  return { xml, outcome: 'error' };
}

/** A run that stopped before its statistics were computed judged no target: each is a failure, not a pass. */
function unmetTargetCases(run: FailedRun, classname: string): TestCase[] {
  return run.spec.targets.map((target) => ({
    xml: [
      `    <testcase name="${escapeXml(target)}" classname="${escapeXml(classname)}" time="0">`,
      `      <failure message="${escapeXml(`not met: the run ${run.state === 'cancelled' ? 'was cancelled' : 'failed'} before it finished, so nothing was judged against ${target}`)}" type="run-${escapeXml(run.state)}"/>`,
      '    </testcase>',
    ].join('\n'),
    outcome: 'failure' as const,
  }));
}

function properties(run: RunRecord): Array<[string, string]> {
  const props: Array<[string, string]> = [
    ['run_id', run.id],
    ['state', run.state],
    ['model', run.spec.model],
  ];
  if (run.model) props.push(['model_sha256', run.model.sha256]);
  props.push(['hardware', hardwareLabel(run)], ['onnxruntime', run.software.onnxruntime]);
  const accelerator = acceleratorOfRecord(run);
  if (accelerator) props.push(['accelerator', acceleratorLabel(accelerator)]);
  if (run.state === 'completed') {
    props.push(
      ['execution_provider', run.executionProvider],
      ['iterations', String(run.iterations)],
      ['p50_ms', formatMs(run.latencyMs.p50)],
      ['p99_ms', formatMs(run.latencyMs.p99)],
      ['throughput_per_s', run.throughputPerS.toFixed(2)],
    );
  }
  const profile = readProfile(run.extras['profile']);
  if (profile) {
    props.push(['profile_trace_file', profile.traceFile], ['profile_kernel_ms_per_run', formatMs(profile.kernelMsPerRun)]);
    profile.findings.slice(0, TOP_FINDINGS).forEach((f, i) => props.push([`profile_finding_${i + 1}`, `${f.code}: ${f.message} → ${f.advice}`]));
  }
  return props;
}

/** Findings are ordered by what to look at first; a dashboard row has room for a few. */
const TOP_FINDINGS = 3;

export function runDurationMs(run: RunRecord): number {
  return run.state === 'completed' ? run.durationMs : 0;
}

/** The JUnit schema's timestamp has no zone or fraction; records are in UTC, so drop both. */
function junitTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19);
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
