import { acceleratorLabel, acceleratorOfRecord } from '../hardware/accelerator.js';
import type { CompletedRun, FailedRun, RunRecord, Verdict } from '../api/run-record.js';
import { escapeXml } from './escape.js';
import type { Exporter } from './exporter.js';
import { formatMeasured, formatMs } from './format-values.js';
import { readProfile } from './profile-section.js';
import { hardwareLabel, runTitle } from './run-labels.js';
import { formatRunSummary } from './run-summary.js';

/**
 * JUnit XML for CI dashboards: one <testsuite> per run, one <testcase> per target verdict.
 * - pass → an empty testcase; fail → <failure>.
 * - inconclusive → <skipped message="…">: the run could not decide (the confidence interval
 *   straddles the threshold), which is neither green nor red. A gate that must also stop on
 *   inconclusive uses the CLI's exit code 4 rather than the test counts.
 * - a completed run without targets → one passing testcase "completed".
 * - a failed or cancelled run → one testcase "run" holding an <error>: there is no evidence to judge.
 * The terminal summary goes into <system-out> so the CI log shows the numbers behind each verdict,
 * and with it the profile breakdown when the run has one; the profile's trace file and its top
 * findings are also <property>s, which CI dashboards list beside the test counts.
 */
export const junitExporter: Exporter = {
  format: 'junit',
  extension: '.xml',
  mediaType: 'application/xml',
  description: 'JUnit XML: one testsuite per run, one testcase per target',
  async render(runs) {
    const suites = runs.map(suiteFor);
    const total = (key: keyof Counts) => suites.reduce((sum, s) => sum + s.counts[key], 0);
    const time = seconds(runs.reduce((sum, run) => sum + runDurationMs(run), 0));
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="edgelab" tests="${total('tests')}" failures="${total('failures')}" errors="${total('errors')}" skipped="${total('skipped')}" time="${time}">`,
      ...suites.map((s) => s.xml),
      '</testsuites>',
      '',
    ].join('\n');
  },
};

interface TestCase {
  xml: string;
  outcome: 'passed' | 'failure' | 'error' | 'skipped';
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function suiteFor(run: RunRecord): { xml: string; counts: Counts } {
  const classname = `edgelab.${runTitle(run)}`;
  const cases = run.state === 'completed' || run.state === 'observed' ? completedCases(run, classname) : [errorCase(run, classname)];
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
    ...[...properties(run), ...(run.origin ? [['evidence', `imported from ${run.origin.tool}: not measured by edgelab`] as const] : [])].map(([name, value]) => `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`),
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

function runDurationMs(run: RunRecord): number {
  return run.state === 'completed' ? run.durationMs : 0;
}

/** The JUnit schema's timestamp has no zone or fraction; records are in UTC, so drop both. */
function junitTimestamp(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
