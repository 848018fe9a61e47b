import { COCO_IOU_TYPES, COCO_STAT_NAMES } from '../../api/coco-score.js';
import { LabError } from '../../api/errors.js';
import { ExitCode } from '../../api/exit-codes.js';
import { LabRequestSchemas } from '../../api/lab-requests.js';
import { cocoScoreText } from '../../present/coco-score-text.js';
import { oneOf, parseFlags } from '../args.js';
import type { CommandContext } from '../context.js';
import { withCliLab } from '../open-cli-lab.js';
import { workspaceOption } from '../workspace-flag.js';

const options = {
  annotations: { type: 'string' },
  predictions: { type: 'string' },
  'iou-type': { type: 'string' },
  label: { type: 'string' },
  tag: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  ...workspaceOption,
  help: { type: 'boolean', short: 'h' },
} as const;

/** `edgelab eval --annotations GT.json --predictions RESULTS.json`: scores a COCO results file made elsewhere. */
export async function evalCocoCommand(argv: string[], ctx: CommandContext, help: string): Promise<number> {
  const { values: v, positionals } = parseFlags('eval', argv, options);
  if (v.help) {
    ctx.stdout.write(help);
    return ExitCode.ok;
  }
  if (positionals.length > 0) {
    throw new LabError('usage', `edgelab eval --annotations: no model is run, so ${positionals.join(' ')} is not taken.`, 'Score a results file: edgelab eval --annotations GT.json --predictions RESULTS.json.');
  }
  if (!v.annotations) throw new LabError('usage', 'edgelab eval: --annotations needs a COCO instances JSON file.', 'edgelab eval --annotations instances_val2017.json --predictions results.json');
  if (!v.predictions) throw new LabError('usage', 'edgelab eval --annotations: no --predictions file given.', 'Give the COCO results file to score: --predictions results.json.');
  const iouType = v['iou-type'] === undefined ? undefined : oneOf('--iou-type', v['iou-type'], COCO_IOU_TYPES);
  const { request } = LabRequestSchemas.scoreCocoResults.parse({
    request: {
      annotations: v.annotations,
      predictions: v.predictions,
      ...(iouType ? { iouType } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.tag?.length ? { tags: v.tag } : {}),
    },
  });
  const answer = await withCliLab(ctx, { workspace: v.workspace, command: 'edgelab eval' }, (lab) => lab.scoreCocoResults(request));
  if (v.json) {
    const stats = Object.fromEntries(COCO_STAT_NAMES.map((name) => [name, answer.stats[name]]));
    ctx.stdout.write(JSON.stringify({ runId: answer.runId, iouType: answer.iouType, ...stats }, null, 2) + '\n');
  } else {
    ctx.stdout.write(`${cocoScoreText(answer)}\nRecorded as ${answer.runId} in ${answer.workspace}, an imported accuracy run; the annotations and results are kept beside it with their SHA-256.\n`);
  }
  return ExitCode.ok;
}
