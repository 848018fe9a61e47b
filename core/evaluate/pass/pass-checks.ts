/**
 * What an accuracy pass request must hold before anything runs: targets that parse, and a drop
 * target only beside a reference run, since a drop is against something.
 */
import { LabError } from '../../api/errors.js';
import type { LabelFormat } from '../../api/labelled-set.js';
import type { PredictionKind } from '../../api/predictions.js';
import type { ValidOutputCheckRequest } from '../../api/output-check.js';
import { parseTargets } from '../../targets/index.js';
import { metricInfo } from '../../targets/target.js';

export function taskOfFormat(format: LabelFormat): PredictionKind {
  return format === 'coco' || format === 'yolo' ? 'detections' : format === 'icdar2015' ? 'text' : 'mask';
}

/** The request's targets, one expression each; refuses a malformed one, a drop with no reference, and an ep beside trtexec. */
export function checkPassRequest(request: Extract<ValidOutputCheckRequest, { kind: 'labelled' }>): string[] {
  const expressions = (request.targets ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  const parsed = parseTargets(expressions);
  const drop = parsed.find((t) => metricInfo[t.metric].kind === 'drop');
  if (drop && !request.reference) {
    throw new LabError('usage', `Target "${drop.expression}" bounds a drop, but no reference run is given to measure it against.`, 'Name the reference accuracy pass (e.g. the FP32 model on CPU) with --reference RUN, or leave the drop target out.', { field: { path: 'reference', names: [] } });
  }
  if (request.engine?.kind === 'trtexec' && request.ep !== undefined) {
    throw new LabError('usage', `ep ${request.ep} chooses an ONNX Runtime execution provider; the trtexec engine always runs TensorRT.`, 'Leave the execution provider out with the trtexec engine, or choose the ONNX Runtime engine.', { field: { path: 'ep', names: [] } });
  }
  return expressions;
}
