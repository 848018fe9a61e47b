import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { RunEvent } from '../../api/events.js';
import type { LabEvent } from '../../api/lab-api.js';
import type { RunRecord } from '../../api/run-record.js';
import type { SuiteEntryView, SuiteRunOptions, SuiteRunView } from '../../api/suite-run.js';
import { reportFormatForOutput } from '../../api/report-formats.js';
import { formatMs } from '../../present/format-values.js';
import { column, textTable } from '../../present/table.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { labFolder, withCliLab, type CliLab } from '../open-cli-lab.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { ProgressBar } from '../progress-bar.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { checkSuiteMlflowFlags, printSuiteMlflow, suiteMlflowHelp } from '../suite-mlflow.js';

export const runHelp = `Usage: edgelab run SUITE.yaml [--junit FILE] [--json] [--mlflow URL [--experiment NAME]]

Runs a benchmark suite — RunSpecs with targets in a YAML or JSON file — records every run, prints a
summary and exits by the verdicts, so a CI job can gate a deployment on it (see "Suites" in the
README for the file format).

  --junit FILE            also write JUnit XML (one test case per target; an entry that was refused or
                          failed is an error or a failure with its message)
  --report FILE           also write a report of all the suite's runs (format from the extension: .md, .html, .json, .csv,
                          .xml or .junit for JUnit XML)
  --json                  print the suite result as JSON
  --check                 only validate the suite file
  -h, --help              this help
${suiteMlflowHelp}${workspaceHelp}`;

export async function runCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v, positionals } = parseFlags('run', argv, {
    junit: { type: 'string' }, report: { type: 'string' }, json: { type: 'boolean' }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...workspaceOption,
    mlflow: { type: 'string' }, experiment: { type: 'string' },
  });
  if (v.help) {
    ctx.stdout.write(runHelp);
    return ExitCode.ok;
  }
  if (positionals.length !== 1) throw new LabError('usage', 'edgelab run: expected one suite file.', 'Usage: edgelab run SUITE.yaml');
  const file = positionals[0] as string;
  checkSuiteMlflowFlags(v.mlflow, v.experiment);
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab run' }, async (lab) => {
    const plan = await lab.runSuite(file, { check: true });
    if (v.check) {
      ctx.stdout.write(`${plan.file}: suite '${plan.name}' with ${plan.runs} run${plan.runs === 1 ? '' : 's'} is valid.\n`);
      return ExitCode.ok;
    }
    const protect = { workspace: v.workspace, env: ctx.env, inputs: [plan.file, ...plan.models] };
    if (v.junit) await checkOutputPath('--junit', v.junit, protect);
    // Before running anything: a wrong extension costs nothing.
    const report = v.report !== undefined ? reportFormatForOutput('--report', v.report) : undefined;
    if (v.report) await checkOutputPath('--report', v.report, protect);
    const options: SuiteRunOptions = {
      ...(report !== undefined ? { report } : {}),
      ...(v.mlflow !== undefined ? { mlflow: { trackingUri: v.mlflow, ...(v.experiment !== undefined ? { experiment: v.experiment } : {}) } } : {}),
    };
    const { view, cancelled } = await runWithProgress(lab, file, options, v.json === true, ctx);
    const exitCode = cancelled ? ExitCode.cancelled : view.exitCode;
    // Every entry, refused ones too: a JUnit file that left them out would count the suite green.
    if (v.junit && view.junit) await writeOutput('--junit', v.junit, view.junit.content, 'The suite\'s runs themselves are recorded.', protect);
    if (v.report && view.report) await writeOutput('--report', v.report, view.report.content, 'The suite\'s runs themselves are recorded.', protect);
    if (v.json) {
      ctx.stdout.write(JSON.stringify({ suite: { name: view.name, file: view.file, sha256: view.sha256 }, exitCode,
        entries: view.entries.map((e) => ({ index: e.index, label: e.label, verdict: entryVerdict(e), runId: e.runId, error: e.error })) }, null, 2) + '\n');
    } else {
      const records = await Promise.all(view.entries.map((e) => (e.runId === null ? null : lab.run(e.runId))));
      ctx.stdout.write(`\nSuite ${view.name} (${view.file}) — recorded in ${labFolder(lab)}\n${formatSuiteTable(view.entries, records)}\n`);
    }
    return view.mlflow ? printSuiteMlflow(view.mlflow, exitCode, ctx) : exitCode;
  });
}

/**
 * The suite in the lab, drawn as it goes: the progress bar from each run's events, a line per entry
 * as it ends, a wait for the machine named. Ctrl-C cancels the entry measuring (and one that was
 * about to start), and the lab stops the suite there.
 */
async function runWithProgress(lab: CliLab, file: string, options: SuiteRunOptions, json: boolean, ctx: CommandContext): Promise<{ view: SuiteRunView; cancelled: boolean }> {
  const bar = new ProgressBar(ctx.stderr);
  const active = new Set<string>();
  const cancel = (runId: string) => void lab.cancelRun(runId).catch(() => undefined);
  const onAbort = () => active.forEach(cancel);
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const unsubscribe = lab.onEvent((e: LabEvent) => {
    if (e.type === 'suite-entry') {
      bar.clear();
      if (!json) ctx.stderr.write(`[${e.entry.index + 1}/${e.of}] ${e.entry.label}: ${entryVerdict(e.entry)}${e.entry.error ? ` — ${e.entry.error.message}` : ''}\n`);
      return;
    }
    if (e.type === 'done' || e.type === 'failed') {
      active.delete(e.runId);
      return;
    }
    if (!active.has(e.runId)) {
      active.add(e.runId);
      if (ctx.signal.aborted) cancel(e.runId);
    }
    if (e.type === 'queued') {
      if (e.behind.command === 'this lab') return;
      bar.clear();
      const b = e.behind;
      const holder = `${b.command}${b.runId ? ` run ${b.runId}` : ''} (pid ${b.pid}, measuring since ${b.since})`;
      ctx.stderr.write(`edgelab: waiting for the machine: ${holder} is measuring; this run starts when it ends (Ctrl-C to give up, --no-wait to measure beside it).\n`);
      return;
    }
    bar.update(e as RunEvent);
  });
  try {
    const view = await lab.runSuite(file, options);
    return { view, cancelled: ctx.signal.aborted };
  } finally {
    unsubscribe();
    ctx.signal.removeEventListener('abort', onAbort);
    bar.clear();
  }
}

/** An entry's verdict as the suite prints it: the targets' verdict, or why there is none. */
function entryVerdict(e: SuiteEntryView): string {
  return e.verdict ?? (e.state === 'cancelled' ? 'cancelled' : 'error');
}

function formatSuiteTable(entries: readonly SuiteEntryView[], records: readonly (RunRecord | null)[]): string {
  const rows = entries.map((e, i) => {
    const record = records[i] ?? null;
    const r = record?.state === 'completed' ? record : null;
    const targets = r ? r.verdicts.map((t) => `${t.target} ${t.status}`).join(', ') || 'no targets' : (e.error?.message ?? '');
    return [String(e.index + 1), e.label, e.runId ?? '-', r ? formatMs(r.latencyMs.p50) : '-', r ? formatMs(r.latencyMs.p99) : '-', entryVerdict(e).toUpperCase(), targets];
  });
  return textTable({ columns: [column('#', 'right'), column('run'), column('id'), column('p50 ms', 'right'), column('p99 ms', 'right'), column('verdict'), column('targets')], rows });
}
