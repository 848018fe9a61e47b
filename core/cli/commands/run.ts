import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { edgelabVersion } from '../../package-root.js';
import { renderReport, reportFormatForOutput } from '../../report/index.js';
import { formatMs } from '../../present/format-values.js';
import { renderSuiteJunit } from '../../report/junit-suite.js';
import { headPins } from '../../report/junit.js';
import { column, textTable } from '../../present/table.js';
import { loadSuite } from '../../suite/parse-suite.js';
import { runSuite, type SuiteEntryResult } from '../../suite/run-suite.js';
import { parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { ProgressBar } from '../progress-bar.js';
import { measureLockFlags } from '../measure-lock-flags.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { checkSuiteMlflow, exportSuiteToMlflow, suiteMlflowHelp } from '../suite-mlflow.js';
import { withCliLab } from '../open-cli-lab.js';

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
  const suite = await loadSuite(positionals[0] as string);
  if (v.check) {
    ctx.stdout.write(`${suite.file}: suite '${suite.name}' with ${suite.runs.length} run${suite.runs.length === 1 ? '' : 's'} is valid.\n`);
    return ExitCode.ok;
  }
  const protect = { workspace: v.workspace, env: ctx.env, inputs: [suite.file, ...suite.runs.map((r) => r.model)] };
  if (v.junit) await checkOutputPath('--junit', v.junit, protect);
  if (v.report) {
    reportFormatForOutput('--report', v.report); // before running anything: a wrong extension costs nothing
    await checkOutputPath('--report', v.report, protect);
  }
  checkSuiteMlflow(v.mlflow, v.experiment, ctx);
  const workspace = await openWorkspace(v.workspace, ctx);
  const bar = new ProgressBar(ctx.stderr);
  const result = await runSuite(suite, {
    workspace,
    signal: ctx.signal,
    onEvent: (e) => bar.update(e),
    measureLock: measureLockFlags({ command: 'edgelab run', wait: true }, ctx, bar),
    onEntry: (e) => {
      bar.clear();
      if (!v.json) ctx.stderr.write(`[${e.index + 1}/${suite.runs.length}] ${e.label}: ${e.verdict}${e.error ? ` — ${e.error.message}` : ''}\n`);
    },
  });
  bar.clear();
  const records = result.entries.flatMap((e) => (e.record ? [e.record] : []));
  const pin = await workspace.headPin();
  const context = { generatedAt: new Date(), edgelabVersion: edgelabVersion(), title: `Suite ${suite.name}`, ...pin };
  // Every entry, refused ones too: a JUnit file that left them out would count the suite green.
  if (v.junit) await writeOutput('--junit', v.junit, renderSuiteJunit(suite.name, result.entries, headPins(pin)), 'The suite\'s runs themselves are recorded.', protect);
  if (v.report && records.length) {
    await writeOutput('--report', v.report, await renderReport(reportFormatForOutput('--report', v.report), records, context), 'The suite\'s runs themselves are recorded.', protect);
  }
  if (v.json) {
    ctx.stdout.write(JSON.stringify({ suite: { name: suite.name, file: suite.file, sha256: suite.sha256 }, exitCode: result.exitCode,
      entries: result.entries.map((e) => ({ index: e.index, label: e.label, verdict: e.verdict, runId: e.record?.id ?? null, error: e.error })) }, null, 2) + '\n');
  } else {
    ctx.stdout.write(`\nSuite ${suite.name} (${suite.file}) — recorded in ${workspace.dir}\n${formatSuiteTable(result.entries)}\n`);
  }
  const mlflow = v.mlflow;
  if (mlflow === undefined) return result.exitCode;
  return withCliLab(ctx, { workspace: v.workspace, command: 'edgelab run' }, (lab) => exportSuiteToMlflow(lab, records.map((r) => r.id), mlflow, v.experiment, result.exitCode, ctx));
}

function formatSuiteTable(entries: readonly SuiteEntryResult[]): string {
  const rows = entries.map((e) => {
    const r = e.record?.state === 'completed' ? e.record : null;
    const targets = r ? r.verdicts.map((t) => `${t.target} ${t.status}`).join(', ') || 'no targets' : (e.error?.message ?? '');
    return [String(e.index + 1), e.label, e.record?.id ?? '-', r ? formatMs(r.latencyMs.p50) : '-', r ? formatMs(r.latencyMs.p99) : '-', e.verdict.toUpperCase(), targets];
  });
  return textTable({ columns: [column('#', 'right'), column('run'), column('id'), column('p50 ms', 'right'), column('p99 ms', 'right'), column('verdict'), column('targets')], rows });
}
