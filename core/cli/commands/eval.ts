import { formatError } from '../../present/sections/output-check-sections.js';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { CompletedRun } from '../../api/run-record.js';
import { executionProviderNames } from '../../api/run-spec.js';
import { evaluateAccuracy, type AccuracyResult } from '../../evaluate/accuracy.js';
import { DEFAULT_TOLERANCE, type Tolerance } from '../../evaluate/compare-outputs.js';
import { evaluateTestData, saveExpectedOutputs, type ExpectedOutputsEvaluation } from '../../evaluate/expected-outputs.js';
import { imageFlagOptions, imageFlagsHelp, imageFlagsToSpec } from '../image-flags.js';
import { formatPercent } from '../../present/format-values.js';
import { textTable, column } from '../../present/table.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { keepRecord } from '../../measure/keep-record.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const evalHelp = `Usage: edgelab eval MODEL --test-data DIR [flags]
       edgelab eval MODEL --images DIR --labels FILE [flags]

Checks what a model computes, and stores the check as a run.

Expected outputs (ONNX test data, laid out as onnx_test_runner reads it)
  --test-data DIR         DIR/test_data_set_N/input_K.pb and output_K.pb (or one set folder)
  --atol X                absolute tolerance (default ${DEFAULT_TOLERANCE.atol})
  --rtol X                relative tolerance (default ${DEFAULT_TOLERANCE.rtol}); pass when |out − expected| ≤ atol + rtol·|expected|
  --save-expected         run the inputs and save the outputs as output_K.pb (the reference to check others against)
  --force                 with --save-expected: replace expected outputs a set already has
Accuracy (labelled images: DIR/class_name/image.jpg)
  --labels FILE           one class label a line, in the order of the model's output
${imageFlagsHelp.split('\n').slice(1).join('\n')}
Session and output
  --ep NAME               execution provider (default cpu)
  --label TEXT            a label for the run
  --json                  print the run record as JSON on stdout
  --out FILE              also write the run record as JSON to FILE
  --no-save               do not record the run in the workspace
${workspaceHelp}
Exit codes: 0 every set passes (or accuracy measured) · 1 an output is outside tolerance · 2 bad input
`;

const options = {
  'test-data': { type: 'string' },
  atol: { type: 'string' },
  rtol: { type: 'string' },
  'save-expected': { type: 'boolean' },
  force: { type: 'boolean' },
  labels: { type: 'string' },
  ...imageFlagOptions,
  ep: { type: 'string' },
  label: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'no-save': { type: 'boolean' },
  ...workspaceOption,
  help: { type: 'boolean', short: 'h' },
} as const;

export function tolerance(values: { atol?: string | undefined; rtol?: string | undefined }): Tolerance {
  const read = (flag: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new LabError('usage', `${flag} ${v}: expected a number ≥ 0, e.g. ${flag} ${fallback}.`);
    return n;
  };
  return { atol: read('--atol', values.atol, DEFAULT_TOLERANCE.atol), rtol: read('--rtol', values.rtol, DEFAULT_TOLERANCE.rtol) };
}

export type EvalOutcome =
  | { kind: 'record'; record: CompletedRun; json: boolean; out?: string; save: boolean; workspace?: string; inputs: Array<string | undefined> }
  | { kind: 'saved'; files: string[] }
  | { kind: 'help' };

/** Flags → the evaluation, run; returns the record so the caller can save it in the workspace. */
export async function runEval(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<EvalOutcome> {
  const { values: v, positionals } = parseFlags('eval', argv, options);
  if (v.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    throw new LabError('usage', positionals.length === 0 ? 'edgelab eval: no model given.' : `edgelab eval: expected one model, got ${positionals.length}: ${positionals.join(' ')}.`, 'Usage: edgelab eval MODEL --test-data DIR, or edgelab eval MODEL --images DIR --labels FILE.');
  }
  const model = positionals[0] as string;
  const session = { executionProviders: [oneOf('--ep', v.ep ?? 'cpu', executionProviderNames)] };
  const label = v.label ? { label: v.label } : {};
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env, inputs: [model, v.labels] });
  // The files the output must never replace, checked before measuring and again at the write.
  const output = { json: Boolean(v.json), save: !v['no-save'], inputs: [model, v.labels], ...(v.out ? { out: v.out } : {}), ...(v.workspace ? { workspace: v.workspace } : {}) };
  if (v['test-data'] && v.images) throw new LabError('usage', 'edgelab eval: give --test-data or --images, not both.');
  // --force only widens --save-expected; alone it would be silently ignored.
  if (v.force && !v['save-expected']) throw new LabError('usage', 'edgelab eval: --force only goes with --save-expected (it lets saving replace expected outputs a set already has).', 'Add --save-expected, or leave --force out to check the outputs.');
  if (v['test-data']) {
    if (v['save-expected']) return { kind: 'saved', files: await saveExpectedOutputs(model, v['test-data'], { session, replace: Boolean(v.force) }) };
    const record = await evaluateTestData(model, v['test-data'], { tolerance: tolerance(v), session, ...label });
    return { kind: 'record', record, ...output };
  }
  const images = imageFlagsToSpec(v);
  if (images) {
    if (!v.labels) throw new LabError('usage', 'edgelab eval --images: no --labels file given.', 'Accuracy needs the class labels, one a line, in the order of the model\'s output: --labels labels.txt.');
    if (images.paths.length !== 1) throw new LabError('usage', 'edgelab eval --images takes one folder of class subfolders.', 'Lay images out as DIR/class_name/image.jpg and give --images DIR.');
    const { kind: _kind, paths, ...preprocessing } = images;
    const record = await evaluateAccuracy(model, paths[0] as string, v.labels, { preprocessing, session, ...label });
    return { kind: 'record', record, ...output };
  }
  throw new LabError('usage', 'edgelab eval: nothing to evaluate.', 'Give --test-data DIR (expected outputs) or --images DIR --labels FILE (accuracy).');
}

export async function evalCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const outcome = await runEval(argv, ctx.env);
  if (outcome.kind === 'help') {
    ctx.stdout.write(evalHelp);
    return ExitCode.ok;
  }
  if (outcome.kind === 'saved') {
    ctx.stdout.write(`Saved ${outcome.files.length} expected output file${outcome.files.length === 1 ? '' : 's'}:\n${outcome.files.map((f) => `  ${f}`).join('\n')}\n`);
    return ExitCode.ok;
  }
  const { record } = outcome;
  const kept = await keepRecord(record, outcome.save ? await openWorkspace(outcome.workspace, ctx) : undefined);
  if (outcome.out) await writeOutput('--out', outcome.out, JSON.stringify(record, null, 2) + '\n', kept.savedPath ? `The run itself is recorded as ${record.id}.` : '', { workspace: outcome.workspace, env: ctx.env, inputs: outcome.inputs });
  const evaluation = record.extras.evaluation as ExpectedOutputsEvaluation | undefined;
  const accuracy = record.extras.accuracy as AccuracyResult | undefined;
  if (outcome.json) ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  else ctx.stdout.write((evaluation ? formatEvaluation(record, evaluation) : accuracy ? formatAccuracy(record, accuracy) : '') + (kept.savedPath ? `\nRecorded as ${record.id}\n` : '\n'));
  return evaluation?.verdict === 'fail' ? ExitCode.targetFailed : ExitCode.ok;
}

function formatEvaluation(record: CompletedRun, e: ExpectedOutputsEvaluation): string {
  const rows = e.sets.flatMap((s) => s.outputs.map((o) => [
    path.relative(e.dir, s.dir) || '.', o.name, formatError(o.maxAbsError), formatError(o.maxRelError), o.cosineSimilarity.toFixed(6), `${o.mismatchCount}/${o.elementCount}`, o.passed ? 'pass' : 'FAIL',
  ]));
  const table = textTable({ columns: [column('Set'), column('Output'), column('Max abs', 'right'), column('Max rel', 'right'), column('Cosine', 'right'), column('Outside', 'right'), column('')], rows }, '  ');
  return [
    `${record.model?.fileName ?? record.spec.model} on ${record.executionProvider}: expected outputs, atol ${e.tolerance.atol}, rtol ${e.tolerance.rtol}`,
    table,
    `${e.verdict === 'pass' ? 'PASS' : 'FAIL'}: ${e.passedSets} of ${e.sets.length} set${e.sets.length === 1 ? '' : 's'} within tolerance.`,
  ].join('\n');
}

function formatAccuracy(record: CompletedRun, a: AccuracyResult): string {
  const lines = [
    `${record.model?.fileName ?? record.spec.model} on ${record.executionProvider}: ${a.imageCount} image${a.imageCount === 1 ? '' : 's'} in ${a.perClass.length} of ${a.classCount} ${a.classCount === 1 ? 'class' : 'classes'}`,
    `  top-1 ${formatPercent(a.top1)}   top-5 ${formatPercent(a.top5)}   median inference ${record.latencyMs.p50.toFixed(2)} ms`,
  ];
  if (a.misclassified.length > 0) {
    lines.push('  misclassified (first ones):', ...a.misclassified.slice(0, 5).map((m) => `    ${m.file}: ${m.expected} → ${m.predicted} (${formatPercent(m.score)})`));
  }
  return lines.join('\n');
}
