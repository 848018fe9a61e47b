import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { OutputCheckRequest } from '../../api/output-check.js';
import { DEFAULT_OUTPUT_TOLERANCE as DEFAULT_TOLERANCE } from '../../api/output-tolerance.js';
import type { CompletedRun } from '../../api/run-record.js';
import { executionProviderNames } from '../../api/run-spec.js';
import { outputCheckVerdict } from '../../present/output-check-text.js';
import { namedNumbers, oneOf, parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { outputCheckInLab } from '../output-check-in-lab.js';
import { checkOutputPath } from '../output-file.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { printCheck, tolerance, type CheckOutput } from './eval.js';

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

/** Flags → the LabApi request of a parity check; null for --help. */
export async function parityRequest(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ request: OutputCheckRequest; output: CheckOutput } | null> {
  const { values: v, positionals } = parseFlags('parity', argv, options);
  if (v.help) return null;
  if (positionals.length < 1 || positionals.length > 2) {
    throw new LabError('usage', `edgelab parity: expected MODEL [MODEL_B], got ${positionals.length} arguments.`, 'Usage: edgelab parity MODEL MODEL_B, or edgelab parity MODEL --ep cpu --ep cuda.');
  }
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env, inputs: [...positionals] });
  const eps = (v.ep ?? []).map((ep) => oneOf('--ep', ep, executionProviderNames));
  if (eps.length > 2) throw new LabError('usage', `edgelab parity: ${eps.length} --ep given; parity compares two.`, 'Give --ep REFERENCE --ep CANDIDATE.');
  const request: OutputCheckRequest = {
    kind: 'parity',
    model: positionals[0] as string,
    ...(positionals[1] ? { candidateModel: positionals[1] } : {}),
    providers: eps,
    ...(v['test-data'] ? { testData: v['test-data'] } : {}),
    ...(v.seed ? { seed: wholeNumber('--seed', v.seed) } : {}),
    ...(v.sets ? { sets: wholeNumber('--sets', v.sets, 1) } : {}),
    dims: namedNumbers('--dim', v.dim),
    tolerance: tolerance(v),
    ...(v.label ? { label: v.label } : {}),
    ...(v['no-save'] ? { save: false } : {}),
  };
  return { request, output: { json: Boolean(v.json), inputs: [...positionals], ...(v.out ? { out: v.out } : {}), ...(v.workspace ? { workspace: v.workspace } : {}) } };
}

export async function parityCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const parsed = await parityRequest(argv, ctx.env);
  if (!parsed) {
    ctx.stdout.write(parityHelp);
    return ExitCode.ok;
  }
  const answer = await outputCheckInLab(parsed.request, { workspace: parsed.output.workspace, command: 'edgelab parity', ctx });
  if (answer.kind !== 'record') throw new LabError('runtime', 'edgelab parity: the lab answered with saved expected outputs, not a parity record.');
  const record = answer.record as CompletedRun;
  await printCheck(record, answer.saved, parsed.output, ctx);
  return outputCheckVerdict(record) === 'pass' ? ExitCode.ok : ExitCode.targetFailed;
}
