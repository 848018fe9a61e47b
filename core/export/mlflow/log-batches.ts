import type { MlflowKeyValue, MlflowMetric } from './rest-client.js';

/**
 * runs/log-batch's documented request limits: at most 1000 metrics, 100 params and 100 tags, and
 * 1000 entities in total, per call. A server answers a larger call with INVALID_PARAMETER_VALUE.
 */
export const LOG_BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

export interface LogBatch {
  metrics: MlflowMetric[];
  params: MlflowKeyValue[];
  tags: MlflowKeyValue[];
}

/**
 * Splits what a run logs into calls within the limits, in order: params and tags go out with the
 * first calls, a per-iteration series fills the rest. Metric order is kept, so a series arrives by
 * step and MLflow stores its history in that order.
 */
export function splitLogBatches(entities: LogBatch, limits = LOG_BATCH_LIMITS): LogBatch[] {
  const batches: LogBatch[] = [];
  let p = 0;
  let t = 0;
  let m = 0;
  const { metrics, params, tags } = entities;
  while (p < params.length || t < tags.length || m < metrics.length) {
    const batchParams = params.slice(p, p + limits.params);
    const batchTags = tags.slice(t, t + limits.tags);
    const room = Math.min(limits.metrics, limits.total - batchParams.length - batchTags.length);
    const batchMetrics = metrics.slice(m, m + room);
    p += batchParams.length;
    t += batchTags.length;
    m += batchMetrics.length;
    batches.push({ metrics: batchMetrics, params: batchParams, tags: batchTags });
  }
  return batches;
}
