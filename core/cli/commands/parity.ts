import { formatError } from '../../present/sections/output-check-sections.js';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { CompletedRun } from '../../api/run-record.js';
import { executionProviderNames } from '../../api/run-spec.js';
import { DEFAULT_TOLERANCE } from '../../evaluate/compare-outputs.js';
import { runParity, type ParityResult } from '../../evaluate/parity.js';
import { column, textTable } from '../../present/table.js';
import { namedNumbers, oneOf, parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { keepRecord } from '../../measure/keep-record.js';
import { openWorkspace, workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { tolerance } from './eval.js';

export const parityHelp = `Usage: edgelab parity MODEL [MODEL_B] [flags]

Runs the same inputs through two variants of a model (fp32 vs fp16 or int8), or one model through
two execution providers, and reports how far the outputs drift.

  MODEL_B                 the candidate variant (default: MODEL itself, with two --ep)
  --ep NAME               reference provider, then candidate provider (give twice; default cpu)
  --test-data DIR         feed ONNX test-data inputs (test_data_set_N/input_K.pb) …
  --seed N                … or synthetic inputs from this seed (default 1)
  --sets N                number of synthetic input sets (default 4)
  --dim NAME=V            value of a symbolic dim for synthetic inputs (repeatable)
  --atol X                absolute tolerance (default ${DEFAULT_TOLERANCE.atol}); fp16 and int8 variants need looser ones
  --rtol X                relative tolerance (default ${DEFAULT_TOLERANCE.rtol})
  --label TEXT            a label for the run
  --json                  print the run record as JSON on stdout
  --out FILE              also write the run record as JSON to FILE
  --no-save               do not record the run in the workspace
${workspaceHelp}
Exit codes: 0 every output within tolerance · 1 an output drifted beyond it · 2 bad input · 3 a provider failed
`;

const options = {
  ep: { type: 'string', multiple: true },
  'test-data': { type: 'string' },
  seed: { type: 'string' },
  sets: { type: 'string' },
  dim: { type: 'string', multiple: true },
  atol: { type: 'string' },
  rtol: { type: 'string' },
  label: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  'no-save': { type: 'boolean' },
  ...workspaceOption,
  help: { type: 'boolean', short: 'h' },
} as const;

/** Flags → a parity run; returns the record so the caller can save it in the workspace. */
export async function runParityFromArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ record: CompletedRun; json: boolean; out?: string; save: boolean; workspace?: string; inputs: string[] } | null> {
  const { values: v, positionals } = parseFlags('parity', argv, options);
  if (v.help) return null;
  if (positionals.length < 1 || positionals.length > 2) {
    throw new LabError('usage', `edgelab parity: expected MODEL [MODEL_B], got ${positionals.length} arguments.`, 'Usage: edgelab parity MODEL MODEL_B, or edgelab parity MODEL --ep cpu --ep cuda.');
  }
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env, inputs: [...positionals] });
  const eps = (v.ep ?? []).map((ep) => oneOf('--ep', ep, executionProviderNames));
  if (eps.length > 2) throw new LabError('usage', `edgelab parity: ${eps.length} --ep given; parity compares two.`, 'Give --ep REFERENCE --ep CANDIDATE.');
  const record = await runParity(positionals[0] as string, {
    ...(positionals[1] ? { candidateModel: positionals[1] } : {}),
    providers: eps,
    ...(v['test-data'] ? { testData: v['test-data'] } : {}),
    ...(v.seed ? { seed: wholeNumber('--seed', v.seed) } : {}),
    ...(v.sets ? { inputSets: wholeNumber('--sets', v.sets, 1) } : {}),
    dims: namedNumbers('--dim', v.dim),
    tolerance: tolerance(v),
    ...(v.label ? { label: v.label } : {}),
  });
  return { record, json: Boolean(v.json), save: !v['no-save'], inputs: [...positionals], ...(v.out ? { out: v.out } : {}), ...(v.workspace ? { workspace: v.workspace } : {}) };
}

export async function parityCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const result = await runParityFromArgs(argv, ctx.env);
  if (!result) {
    ctx.stdout.write(parityHelp);
    return ExitCode.ok;
  }
  const { record } = result;
  const kept = await keepRecord(record, result.save ? await openWorkspace(result.workspace, ctx) : undefined);
  const parity = record.extras.parity as ParityResult;
  if (result.out) await writeOutput('--out', result.out, JSON.stringify(record, null, 2) + '\n', kept.savedPath ? `The run itself is recorded as ${record.id}.` : '', { workspace: result.workspace, env: ctx.env, inputs: result.inputs });
  if (result.json) ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  else ctx.stdout.write(formatParity(parity) + (kept.savedPath ? `\nRecorded as ${record.id}\n` : '\n'));
  return parity.verdict === 'pass' ? ExitCode.ok : ExitCode.targetFailed;
}

export function formatParity(p: ParityResult): string {
  const side = (s: ParityResult['reference']) => `${s.model} on ${s.executionProvider} (p50 ${s.latencyMs.p50.toFixed(2)} ms)`;
  const rows = p.outputs.map((o) => [o.name, formatError(o.maxAbsError), formatError(o.maxRelError), o.cosineSimilarity.toFixed(6), `${o.mismatchCount}/${o.elementCount}`, o.passed ? 'pass' : 'FAIL']);
  return [
    `reference  ${side(p.reference)}`,
    `candidate  ${side(p.candidate)}`,
    `${p.inputSets} input set${p.inputSets === 1 ? '' : 's'}, atol ${p.tolerance.atol}, rtol ${p.tolerance.rtol}`,
    textTable({ columns: [column('Output'), column('Max abs', 'right'), column('Max rel', 'right'), column('Cosine', 'right'), column('Outside', 'right'), column('')], rows }, '  '),
    ...p.top1Agreement.map((t) => `  '${t.name}': same top class in ${t.agreeing} of ${t.rows} rows`),
    p.verdict === 'pass' ? 'PASS: every output within tolerance.' : `FAIL: ${p.outputs.filter((o) => !o.passed).map((o) => `'${o.name}'`).join(', ')} drifted beyond tolerance.`,
  ].join('\n');
}
