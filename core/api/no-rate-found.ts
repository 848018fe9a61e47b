import type { RunRecord } from './run-record.js';

/** The max-QPS search's "no rate met the bound" with its advice, when the record has one. */
export function noRateFound(record: RunRecord): { message: string; hint: string } | null {
  if (record.state !== 'completed') return null;
  const maxQps = record.extras.maxQps as { maxQps?: unknown; noRate?: { message?: unknown; hint?: unknown } } | undefined;
  const noRate = maxQps?.noRate;
  if (maxQps?.maxQps !== null || typeof noRate?.message !== 'string' || typeof noRate.hint !== 'string') return null;
  return { message: noRate.message, hint: noRate.hint };
}
