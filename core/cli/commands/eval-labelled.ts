import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LABEL_FORMATS } from '../../api/labelled-set.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import type { OutputCheckRequest } from '../../api/output-check.js';
import { DECODER_NAMES } from '../../api/predictions.js';
import type { RunRecord } from '../../api/run-record.js';
import { executionProviderNames } from '../../api/run-spec.js';
import { exitCodeForVerdicts } from '../../api/verdict-summary.js';
import { accuracyPassText } from '../../present/accuracy-pass-text.js';
import { oneOf, parseFlags, wholeNumber } from '../args.js';
import type { CommandContext } from '../context.js';
import { engineFromFlags, engineOptions } from '../engine-flags.js';
import { imageFlagOptions, imageFlagsToSpec } from '../image-flags.js';
import { outputCheckInLab } from '../output-check-in-lab.js';
import { workspaceOption } from '../workspace-flag.js';

const options = {
  labels: { type: 'string' },
  annotations: { type: 'string' },
  classes: { type: 'string' },
  'ignore-value': { type: 'string' },
  decoder: { type: 'string' },
  'score-threshold': { type: 'string' },
  'iou-threshold': { type: 'string' },
  'max-detections': { type: 'string' },
  'mask-threshold': { type: 'string' },
  'class-agnostic': { type: 'boolean' },
  ...imageFlagOptions,
  output: { type: 'string' },
  ep: { type: 'string' },
  engine: engineOptions.engine,
  precision: engineOptions.precision,
  dla: engineOptions.dla,
  trtexec: engineOptions.trtexec,
  'trtexec-timeout': engineOptions['trtexec-timeout'],
  calib: engineOptions.calib,
  reference: { type: 'string' },
  target: { type: 'string', multiple: true },
  resamples: { type: 'string' },
  seed: { type: 'string' },
  label: { type: 'string' },
  json: { type: 'boolean' },
  'no-save': { type: 'boolean' },
  ...workspaceOption,
  help: { type: 'boolean', short: 'h' },
} as const;

function fraction(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new LabError('usage', `${flag} ${value}: expected a number from 0 to 1, e.g. ${flag} 0.5.`);
  return n;
}

/** Flags → the LabApi request of an accuracy pass on a labelled set (nothing runs yet). */
export function evalLabelledRequest(argv: string[]): { kind: 'help' } | { kind: 'pass'; request: OutputCheckRequest; json: boolean; workspace: string | undefined } {
  const { values: v, positionals } = parseFlags('eval', argv, options);
  if (v.help) return { kind: 'help' };
  if (positionals.length !== 1) throw new LabError('usage', positionals.length === 0 ? 'edgelab eval --decoder: no model given.' : `edgelab eval: expected one model, got ${positionals.length}: ${positionals.join(' ')}.`, 'Usage: edgelab eval MODEL --labels coco --annotations GT.json --images DIR --decoder yolo-v8.');
  if (!v.labels) throw new LabError('usage', 'edgelab eval --decoder: no --labels format given.', `Say what the labels are: --labels ${LABEL_FORMATS.join('|')}.`);
  if (!v.annotations) throw new LabError('usage', 'edgelab eval --decoder: no --annotations given.', 'Give the labels: a COCO instances JSON, or the folder of YOLO txt files, mask PNGs or ICDAR gt_*.txt files.');
  const images = imageFlagsToSpec(v);
  if (!images) throw new LabError('usage', 'edgelab eval --decoder: no --images folder given.', 'Give the folder the labelled images are in: --images DIR.');
  if (images.paths.length !== 1) throw new LabError('usage', 'edgelab eval --decoder takes one --images folder.', 'Give the one folder the labels refer to.');
  const { kind: _kind, paths, ...preprocessing } = images;
  const format = oneOf('--labels', v.labels, LABEL_FORMATS);
  const name = oneOf('--decoder', v.decoder as string, DECODER_NAMES);
  const score = fraction('--score-threshold', v['score-threshold']);
  const iou = fraction('--iou-threshold', v['iou-threshold']);
  const maskThreshold = fraction('--mask-threshold', v['mask-threshold']);
  const engine = engineFromFlags(v);
  const request = {
    kind: 'labelled' as const,
    model: positionals[0] as string,
    labels: {
      format, annotations: v.annotations, images: paths[0] as string,
      ...(v.classes ? { classes: v.classes } : {}),
      ...(v['ignore-value'] !== undefined ? { ignoreValue: wholeNumber('--ignore-value', v['ignore-value']) } : {}),
    },
    decoder: {
      name,
      ...(score !== undefined ? { scoreThreshold: score } : {}),
      ...(iou !== undefined ? { iouThreshold: iou } : {}),
      ...(v['max-detections'] !== undefined ? { maxDetections: wholeNumber('--max-detections', v['max-detections'], 1) } : {}),
      ...(maskThreshold !== undefined ? { maskThreshold } : {}),
      ...(v['class-agnostic'] ? { classAgnostic: true } : {}),
      ...(v.output !== undefined ? { output: v.output } : {}),
    },
    preprocessing,
    // trtexec always runs TensorRT: no execution provider goes with it.
    ...(engine?.kind === 'trtexec' ? { engine } : { ep: oneOf('--ep', v.ep ?? 'cpu', executionProviderNames), ...(engine ? { engine } : {}) }),
    ...(v.reference ? { reference: v.reference } : {}),
    ...(v.target?.length ? { targets: v.target } : {}),
    ...(v.resamples !== undefined ? { resamples: wholeNumber('--resamples', v.resamples, 100) } : {}),
    ...(v.seed !== undefined ? { seed: wholeNumber('--seed', v.seed) } : {}),
    ...(v.label ? { label: v.label } : {}),
    ...(v['no-save'] ? { save: false } : {}),
  };
  // The same schema the app's request meets: a value it refuses is refused here first, in its words.
  LabRequestSchemas.startOutputCheck.parse({ request });
  return { kind: 'pass', request, json: Boolean(v.json), workspace: v.workspace };
}

export async function evalLabelledCommand(argv: string[], ctx: CommandContext, help: string): Promise<number> {
  const parsed = evalLabelledRequest(argv);
  if (parsed.kind === 'help') {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  const answer = await outputCheckInLab(parsed.request, { workspace: parsed.workspace, command: 'edgelab eval', ctx });
  if (answer.kind !== 'record') throw new Error('an accuracy pass answers with its record');
  const record: RunRecord = answer.record;
  if (parsed.json) ctx.stdout.write(JSON.stringify(record, null, 2) + '\n');
  else ctx.stdout.write(accuracyPassText(record) + (answer.saved ? `\nRecorded as ${record.id}; its per-image results are kept beside it.\n` : '\n'));
  return exitCodeForVerdicts('verdicts' in record ? record.verdicts : []);
}
