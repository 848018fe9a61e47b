import type { TradeoffFamily, TradeoffVariant, TradeoffView } from '../api/tradeoff.js';
import { STATED_BY_USER } from '../present/brief-sections.js';

/** A variant's figures under the names MLflow and DVC show them (units in the last part of the key). */
export interface TradeoffFields {
  family: string;
  variant: string;
  metrics: Array<{ key: string; value: number }>;
  /** Text that is not a number: the Pareto flag in words, the price with its source, the runs joined. */
  tags: Array<{ key: string; value: string }>;
}

/** "1200 EUR, stated by the user (attestation A)" or "not stated": the price always says where it came from. */
export function priceWithSource(v: TradeoffVariant): string {
  return v.price ? `${v.price.amount} ${v.price.currency}, ${STATED_BY_USER} (attestation ${v.price.attestationId}, ${v.price.date})` : 'not stated';
}

export function variantFields(family: TradeoffFamily, v: TradeoffVariant): TradeoffFields {
  const metrics: TradeoffFields['metrics'] = [];
  const add = (key: string, value: number | null | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) metrics.push({ key: `tradeoff.${key}`, value });
  };
  add('accuracy', v.accuracy.value);
  add('accuracy_drop', v.drop?.difference);
  add('accuracy_drop_low', v.drop?.low);
  add('accuracy_drop_high', v.drop?.high);
  add('p50_ms', v.p50Ms);
  add('p99_ms', v.p99Ms);
  add('throughput_per_s', v.throughputPerS);
  add('joules_per_inference', v.joulesPerInference);
  add('price', v.price?.amount);
  add('cost_per_stream', v.costPerStream);
  if (v.unranked === null) add('pareto', v.pareto ? 1 : 0);
  const tags = [
    ['family', family.name],
    ['variant', v.name],
    ['accuracy_metric', v.accuracy.metric],
    ['pareto', v.unranked ? `not ranked: ${v.unranked}` : v.pareto ? 'on the front' : `dominated by ${v.dominatedBy.join(', ')}`],
    ['objectives', family.objectives.join(', ')],
    ['price', priceWithSource(v)],
    ['currency', v.price?.currency ?? ''],
    ['pass_run', v.passRunId],
    ['timed_run', v.timedRunId ?? ''],
    ['reference_run', v.drop?.referenceRun ?? ''],
  ].filter(([, value]) => value !== '').map(([key, value]) => ({ key: `tradeoff.${key}`, value: value as string }));
  return { family: family.name, variant: v.name, metrics, tags };
}

/**
 * The tradeoff fields by run id: each variant's figures go with both runs it was made from (its
 * accuracy pass and its timed run), the first variant a run belongs to when it belongs to several.
 */
export function tradeoffFieldsByRun(view: TradeoffView): Map<string, TradeoffFields> {
  const byRun = new Map<string, TradeoffFields>();
  for (const family of view.families) {
    for (const v of family.variants) {
      const fields = variantFields(family, v);
      for (const id of [v.passRunId, v.timedRunId]) if (id !== null && !byRun.has(id)) byRun.set(id, fields);
    }
  }
  return byRun;
}
