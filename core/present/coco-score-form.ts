import { COCO_IOU_TYPES } from '../api/coco-score.js';
import { LabRequestSchemas } from '../api/lab-requests.js';

/** The IoU types the app's "Score a results file" form offers besides "from the results file", as --iou-type takes them. */
export const COCO_IOU_TYPE_CHOICES = COCO_IOU_TYPES;

/** The request paths a refusal of scoreCocoResults can be shown beside; any other shows under the form. */
export const COCO_SCORE_FIELD_PATHS = ['annotations', 'predictions', 'iouType', 'label', 'tags'];

/**
 * What the request's own schema refuses before it is sent (an empty path, an empty tag), worded with
 * the field's path and the field to show it beside; null when the schema takes it.
 */
export function cocoScoreRefusal(request: unknown): { message: string; field?: string } | null {
  const checked = LabRequestSchemas.scoreCocoResults.safeParse({ request });
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  const path = (issue?.path ?? []).slice(1).join('.');
  const field = COCO_SCORE_FIELD_PATHS.find((p) => path === p || path.startsWith(`${p}.`));
  return { message: `${path || 'request'}: ${issue?.message ?? 'not valid'}.`, ...(field ? { field } : {}) };
}
