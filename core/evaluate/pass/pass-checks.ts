/**
 * What an accuracy pass request must hold before anything runs: targets that parse, of the pass's
 * task and untimed (a latency target could only ever be "not measured"), and a drop target only
 * beside a reference run, since a drop is against something.
 */
import { LabError } from '../../api/errors.js';
import type { LabelFormat } from '../../api/labelled-set.js';
import type { PredictionKind } from '../../api/predictions.js';
import type { ValidOutputCheckRequest } from '../../api/output-check.js';
import { parseTargets } from '../../targets/index.js';
import { dropOf, isDropMetric, metricInfo, type AccuracyMetric } from '../../targets/target.js';

export function taskOfFormat(format: LabelFormat): PredictionKind {
  return format === 'coco' || format === 'yolo' ? 'detections' : format === 'icdar2015' ? 'text' : 'mask';
}

const METRIC_TASK: Record<AccuracyMetric, PredictionKind> = { map: 'detections', map50: 'detections', miou: 'mask', hmean: 'text' };
const TASK_WORDS: Record<PredictionKind, string> = { detections: 'detection', mask: 'masks', text: 'text detection' };
const FITTING: Record<PredictionKind, string> = { detections: 'map, map50 or map-drop', mask: 'miou or miou-drop', text: 'hmean or hmean-drop' };

/** The request's targets, one expression each; refuses a malformed one, one the pass cannot measure (latency, another task's figure), a drop with no reference, and an ep beside trtexec. */
export function checkPassRequest(request: Extract<ValidOutputCheckRequest, { kind: 'labelled' }>): string[] {
  const expressions = (request.targets ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '');
  const parsed = parseTargets(expressions);
  const task = taskOfFormat(request.labels.format);
  for (const t of parsed) {
    const kind = metricInfo[t.metric].kind;
    if (kind !== 'accuracy' && kind !== 'drop') {
      throw new LabError('usage', `Target "${t.expression}" bounds ${metricInfo[t.metric].description}, but an accuracy pass runs untimed, so it would never be measured.`, `Time the same model in a separate run for it (edgelab bench MODEL --target ${t.expression}); keep map, map50, miou, hmean and their drops here.`, { field: { path: 'targets', names: [] } });
    }
    const metric: AccuracyMetric = isDropMetric(t.metric) ? dropOf[t.metric] : (t.metric as AccuracyMetric);
    if (METRIC_TASK[metric] !== task) {
      throw new LabError('usage', `Target "${t.expression}" bounds ${metric}, a figure of ${TASK_WORDS[METRIC_TASK[metric]]}, but ${request.labels.format} labels are scored for ${TASK_WORDS[task]}.`, `Bound ${FITTING[task]} for these labels.`, { field: { path: 'targets', names: [] } });
    }
  }
  const drop = parsed.find((t) => metricInfo[t.metric].kind === 'drop');
  if (drop && !request.reference) {
    throw new LabError('usage', `Target "${drop.expression}" bounds a drop, but no reference run is given to measure it against.`, 'Name the reference accuracy pass (e.g. the FP32 model on CPU) with --reference RUN, or leave the drop target out.', { field: { path: 'reference', names: [] } });
  }
  if (request.engine?.kind === 'trtexec' && request.ep !== undefined) {
    throw new LabError('usage', `ep ${request.ep} chooses an ONNX Runtime execution provider; the trtexec engine always runs TensorRT.`, 'Leave the execution provider out with the trtexec engine, or choose the ONNX Runtime engine.', { field: { path: 'ep', names: [] } });
  }
  return expressions;
}
