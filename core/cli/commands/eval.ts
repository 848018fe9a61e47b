import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import type { OutputCheckRequest } from '../../api/output-check.js';
import { DEFAULT_OUTPUT_TOLERANCE as DEFAULT_TOLERANCE } from '../../api/output-tolerance.js';
import type { CompletedRun } from '../../api/run-record.js';
import { executionProviderNames } from '../../api/run-spec.js';
import { imageFlagOptions, imageFlagsHelp, imageFlagsToSpec } from '../image-flags.js';
import { outputCheckText, outputCheckVerdict } from '../../present/output-check-text.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { outputCheckInLab } from '../output-check-in-lab.js';
import { checkOutputPath, writeOutput } from '../output-file.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';
import { calibHelp } from '../engine-flags.js';

export const evalHelp = `Usage: edgelab eval MODEL --test-data DIR [flags]
       edgelab eval MODEL --images DIR --labels FILE [flags]
       edgelab eval --annotations GT.json --predictions RESULTS.json [flags]
       edgelab eval MODEL --labels FORMAT --annotations PATH --images DIR --decoder NAME [flags]

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
COCO results made elsewhere (no model runs; recorded as an imported accuracy run)
  --annotations FILE      the ground truth: a COCO instances JSON file
  --predictions FILE      the detections: a COCO results JSON file, scored by COCOeval (pycocotools' numbers)
  --iou-type bbox|segm    what to score (default: segm when the results carry segmentation, else bbox)
  --tag TEXT              a tag for the run (repeatable)
Accuracy pass on a labelled set (the model runs image by image, untimed; outputs decoded and scored)
  --labels FORMAT         coco · yolo · binary-masks · class-masks · icdar2015
  --annotations PATH      COCO instances JSON; or the folder of YOLO txt files, mask PNGs or ICDAR gt_*.txt
  --images DIR            the labelled images (preprocessing flags as above)
  --classes FILE          the model's class names in its order (text, one a line, or data.yaml); mapped to the labels by name
  --ignore-value N        class masks: the pixel value that counts for nothing (default 255)
  --decoder NAME          yolo-v5 · yolo-v8 · nms-rows · efficient-nms · torchvision · dbnet · saliency · class-logits
  --score-threshold X     keep detections scoring above X (default 0.001, as mAP needs)
  --iou-threshold X       class-aware NMS IoU (default 0.7)
  --max-detections N      per image (default 300)
  --mask-threshold X      saliency: foreground above X (default 0.5)
  --class-agnostic        NMS across classes
  --reference RUN         an accuracy pass on the same images: the drop with a paired bootstrap interval
  --resamples N           bootstrap resamples (default 1000; seeded, --seed N, default 1)
  --target EXPR           map>=0.35, map50>=0.5, miou>=0.9, hmean>=0.8, map-drop<=1pt (repeatable; drops need --reference)
  --output NAME           the model output the decoder reads, where several fit (default: the first that fits, in the model's order)
  --engine NAME           ort (default, with --ep) or trtexec: the engine built once, fed with --loadInputs, read with --exportOutput
  --precision P           trtexec: fp32 (default), fp16, int8 or best
${calibHelp}  --dla N                 trtexec: run on DLA core N, with GPU fallback
  --trtexec PATH          trtexec: the executable (default: PATH, then /usr/src/tensorrt/bin/trtexec)
  --trtexec-timeout T     trtexec: stop a trtexec process that runs longer than T (30m, 3600s)
Session and output
  --ep NAME               execution provider (default cpu)
  --label TEXT            a label for the run
  --json                  print the run record as JSON on stdout
  --out FILE              also write the run record as JSON to FILE
  --no-save               do not record the run in the workspace
${workspaceHelp}
Exit codes: 0 every set passes (or accuracy measured, or results scored, every --target met) · 1 an output is outside tolerance, or a --target failed · 2 bad input · 4 a --target inconclusive (its interval straddles the bound)
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

export function tolerance(values: { atol?: string | undefined; rtol?: string | undefined }): { atol: number; rtol: number } {
  const read = (flag: string, v: string | undefined, fallback: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new LabError('usage', `${flag} ${v}: expected a number ≥ 0, e.g. ${flag} ${fallback}.`);
    return n;
  };
  return { atol: read('--atol', values.atol, DEFAULT_TOLERANCE.atol), rtol: read('--rtol', values.rtol, DEFAULT_TOLERANCE.rtol) };
}

/** What the command prints besides the check: --json, --out, and where the flags said to record. */
export interface CheckOutput {
  json: boolean;
  out?: string;
  workspace?: string;
  inputs: Array<string | undefined>;
}

export type EvalRequest = { kind: 'help' } | { kind: 'check'; request: OutputCheckRequest; output: CheckOutput };

/** Flags → the LabApi request of the check (nothing runs yet; `--out` is checked before it does). */
export async function evalRequest(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<EvalRequest> {
  const { values: v, positionals } = parseFlags('eval', argv, options);
  if (v.help) return { kind: 'help' };
  if (positionals.length !== 1) {
    throw new LabError('usage', positionals.length === 0 ? 'edgelab eval: no model given.' : `edgelab eval: expected one model, got ${positionals.length}: ${positionals.join(' ')}.`, 'Usage: edgelab eval MODEL --test-data DIR, or edgelab eval MODEL --images DIR --labels FILE.');
  }
  const model = positionals[0] as string;
  const ep = oneOf('--ep', v.ep ?? 'cpu', executionProviderNames);
  const common = { ep, ...(v.label ? { label: v.label } : {}), ...(v['no-save'] ? { save: false } : {}) };
  if (v.out) await checkOutputPath('--out', v.out, { workspace: v.workspace, env, inputs: [model, v.labels] });
  // The files the output must never replace, checked before measuring and again at the write.
  const output: CheckOutput = { json: Boolean(v.json), inputs: [model, v.labels], ...(v.out ? { out: v.out } : {}), ...(v.workspace ? { workspace: v.workspace } : {}) };
  if (v['test-data'] && v.images) throw new LabError('usage', 'edgelab eval: give --test-data or --images, not both.');
  // --force only widens --save-expected; alone it would be silently ignored.
  if (v.force && !v['save-expected']) throw new LabError('usage', 'edgelab eval: --force only goes with --save-expected (it lets saving replace expected outputs a set already has).', 'Add --save-expected, or leave --force out to check the outputs.');
  if (v['test-data']) {
    if (v['save-expected']) return { kind: 'check', request: { kind: 'expected-outputs', model, testData: v['test-data'], saveExpected: true, ...(v.force ? { force: true } : {}), ...common }, output };
    return { kind: 'check', request: { kind: 'expected-outputs', model, testData: v['test-data'], tolerance: tolerance(v), ...common }, output };
  }
  const images = imageFlagsToSpec(v);
  if (images) {
    if (!v.labels) throw new LabError('usage', 'edgelab eval --images: no --labels file given.', 'Accuracy needs the class labels, one a line, in the order of the model\'s output: --labels labels.txt.');
    if (images.paths.length !== 1) throw new LabError('usage', 'edgelab eval --images takes one folder of class subfolders.', 'Lay images out as DIR/class_name/image.jpg and give --images DIR.');
    const { kind: _kind, paths, ...preprocessing } = images;
    return { kind: 'check', request: { kind: 'accuracy', model, images: paths[0] as string, labels: v.labels, preprocessing, ...common }, output };
  }
  throw new LabError('usage', 'edgelab eval: nothing to evaluate.', 'Give --test-data DIR (expected outputs) or --images DIR --labels FILE (accuracy).');
}

export async function evalCommand(argv: string[], ctx: CommandContext): Promise<number> {
  // Scoring a results file runs no model: its flags are its own, so it parses them itself.
  // An accuracy pass names a decoder; scoring a results file made elsewhere names no model.
  if (argv.some((a) => a === '--decoder' || a.startsWith('--decoder='))) return (await import('./eval-labelled.js')).evalLabelledCommand(argv, ctx, evalHelp);
  if (argv.some((a) => a === '--annotations' || a.startsWith('--annotations='))) return (await import('./eval-coco.js')).evalCocoCommand(argv, ctx, evalHelp);
  const parsed = await evalRequest(argv, ctx.env);
  if (parsed.kind === 'help') {
    ctx.stdout.write(evalHelp);
    return ExitCode.ok;
  }
  const answer = await outputCheckInLab(parsed.request, { workspace: parsed.output.workspace, command: 'edgelab eval', ctx });
  if (answer.kind === 'saved-expected') {
    ctx.stdout.write(`Saved ${answer.files.length} expected output file${answer.files.length === 1 ? '' : 's'}:\n${answer.files.map((f) => `  ${f}`).join('\n')}\n`);
    return ExitCode.ok;
  }
  const record = answer.record as CompletedRun;
  await printCheck(record, answer.saved, parsed.output, ctx);
  return outputCheckVerdict(record) === 'fail' ? ExitCode.targetFailed : ExitCode.ok;
}

/** The record as --out, --json or text, as both output-check commands print it. */
export async function printCheck(record: CompletedRun, saved: boolean, output: CheckOutput, ctx: CommandContext): Promise<void> {
  if (output.out) await writeOutput('--out', output.out, JSON.stringify(record, null, 2) + '\n', saved ? `The run itself is recorded as ${record.id}.` : '', { workspace: output.workspace, env: ctx.env, inputs: output.inputs });
  if (output.json) ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  else ctx.stdout.write(outputCheckText(record) + (saved ? `\nRecorded as ${record.id}\n` : '\n'));
}
