import { describe, expect, it } from 'vitest';
import { LOG_BATCH_LIMITS, splitLogBatches } from '../../core/export/mlflow/log-batches.js';

const kv = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: String(i) }));
const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: 'latency_ms', value: i, timestamp: 0, step: i + 1 }));

describe('splitLogBatches keeps every call within runs/log-batch limits (1000 metrics, 100 params, 100 tags, 1000 in all)', () => {
  it('splits 250 params, 150 tags and 2500 metrics without losing or reordering any', () => {
    const entities = { params: kv('p', 250), tags: kv('t', 150), metrics: metrics(2500) };
    const batches = splitLogBatches(entities);
    for (const b of batches) {
      expect(b.params.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.params);
      expect(b.tags.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.tags);
      expect(b.metrics.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.metrics);
      expect(b.params.length + b.tags.length + b.metrics.length).toBeLessThanOrEqual(LOG_BATCH_LIMITS.total);
    }
    expect(batches.flatMap((b) => b.params)).toEqual(entities.params);
    expect(batches.flatMap((b) => b.tags)).toEqual(entities.tags);
    expect(batches.flatMap((b) => b.metrics)).toEqual(entities.metrics);
    // 3 calls carry the params; metrics fill what params and tags leave of each call's 1000.
    expect(batches).toHaveLength(3);
  });

  it('a run that fits one call is one call, and nothing is no call', () => {
    expect(splitLogBatches({ params: kv('p', 20), tags: kv('t', 15), metrics: metrics(900) })).toHaveLength(1);
    expect(splitLogBatches({ params: [], tags: [], metrics: [] })).toEqual([]);
  });
});
