import type { MaxQpsConfirmationView } from '../api/max-qps-view.js';

/**
 * The max-QPS answer in one sentence, with what it rests on, as the report and the app both say it.
 * Pure: the renderer draws from it too.
 */
export interface MaxQpsAnswerInput {
  bound: string;
  maxQps: number | null;
  failedQps: number | null;
  /** Absent in records from before confirmation runs: their answer is the search's own. */
  searchQps?: number | null | undefined;
  confirmations?: MaxQpsConfirmationView[] | undefined;
  noRate?: { message: string; hint: string } | undefined;
}

export interface NumberFormats {
  rate: (qps: number) => string;
  ms: (ms: number) => string;
  count: (n: number) => string;
}

export function maxQpsAnswer(m: MaxQpsAnswerInput, f: NumberFormats): string {
  const confirmations = m.confirmations ?? [];
  if (confirmations.length === 0) {
    return m.maxQps === null
      ? `No rate tried kept ${m.bound}.`
      : `${f.rate(m.maxQps)} QPS is the highest rate tried that kept ${m.bound}${m.failedQps !== null ? `; ${f.rate(m.failedQps)} QPS did not` : ''}.`;
  }
  if (m.maxQps === null) return m.noRate ? `${m.noRate.message} ${m.noRate.hint}` : `No rate held ${m.bound} in a full-length run.`;
  const held = confirmations.find((c) => c.status === 'pass' && c.qps === m.maxQps);
  const rests = held
    ? ` in a full-length run of ${f.count(held.queries)} ${held.queries === 1 ? 'query' : 'queries'}${held.intervalLowMs !== null && held.intervalHighMs !== null ? ` (95 % interval of the percentile ${f.ms(held.intervalLowMs)}–${f.ms(held.intervalHighMs)} ms)` : ''}`
    : '';
  const steps = confirmations.length - 1;
  const stepped = steps > 0 && m.searchQps != null ? `; the search's short trials found ${f.rate(m.searchQps)} QPS, which a full-length run did not hold, so the rate stepped down ${steps === 1 ? 'once' : `${steps} times`}` : '';
  return `${f.rate(m.maxQps)} QPS held ${m.bound}${rests}${stepped}.`;
}
