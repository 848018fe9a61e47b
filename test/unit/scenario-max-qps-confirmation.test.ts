import { describe, expect, it } from 'vitest';
import { maxQpsAnswer } from '../../core/present/max-qps-answer.js';
import { maxQpsSection } from '../../core/present/sections/scenario-sections.js';
import { CONFIRM_DEFAULTS, confirmMaxQps } from '../../core/bench/scenarios/confirm-max-qps.js';
import { parseLatencyBound } from '../../core/bench/scenarios/latency-bound.js';
import { noRateAdvice } from '../../core/bench/scenarios/max-qps-advice.js';
import type { QpsTrial } from '../../core/bench/scenarios/max-qps.js';

const bound = parseLatencyBound('p99<=40ms');

/** A machine whose full-length runs keep p99 at 10 ms below `holdsBelowQps` and 80 ms at or above it. */
function machine(holdsBelowQps: number, queries = 400) {
  const asked: number[] = [];
  const measureAt = async (qps: number) => {
    asked.push(qps);
    const latency = qps < holdsBelowQps ? 10 : 80;
    return { samplesMs: Array.from({ length: queries }, (_, i) => latency * (0.5 + (i % 100) / 200)), cancelled: false };
  };
  return { asked, measureAt };
}

describe('confirming the rate a max-QPS search found', () => {
  it('keeps the found rate when a full-length run there holds the bound', async () => {
    const { asked, measureAt } = machine(200);
    const result = await confirmMaxQps(181, bound, measureAt, { ...CONFIRM_DEFAULTS, floorQps: 1 });
    expect(result.confirmedQps).toBe(181);
    expect(asked).toEqual([181]);
    expect(result.confirmations).toEqual([expect.objectContaining({ qps: 181, queries: 400, status: 'pass' })]);
  });

  it('steps down by 20 % until a full-length run holds, and reports that rate', async () => {
    const { asked, measureAt } = machine(120);
    const result = await confirmMaxQps(181, bound, measureAt, { ...CONFIRM_DEFAULTS, floorQps: 1 });
    expect(asked.map((q) => +q.toFixed(2))).toEqual([181, 144.8, 115.84]);
    expect(result.confirmedQps).toBeCloseTo(115.84, 6);
    expect(result.confirmations.map((c) => c.status)).toEqual(['fail', 'fail', 'pass']);
    // The measurement kept is the one at the confirmed rate.
    expect(Math.max(...result.last.samplesMs)).toBeLessThan(40);
  });

  it('reports no rate when every step fails, after at most 4 steps down, never below the floor', async () => {
    const { asked, measureAt } = machine(0);
    const result = await confirmMaxQps(181, bound, measureAt, { ...CONFIRM_DEFAULTS, floorQps: 1 });
    expect(result.confirmedQps).toBeNull();
    expect(asked).toHaveLength(5);
    const floored = machine(0);
    const stopped = await confirmMaxQps(181, bound, floored.measureAt, { ...CONFIRM_DEFAULTS, floorQps: 150 });
    expect(floored.asked).toEqual([181]);
    expect(stopped.confirmedQps).toBeNull();
  });

  it('does not take a run too short for the percentile\'s interval as holding the bound', async () => {
    // 50 queries cannot bound a p99 from above: the verdict is inconclusive, so the rate steps down.
    const { measureAt } = machine(1000, 50);
    const result = await confirmMaxQps(181, bound, measureAt, { ...CONFIRM_DEFAULTS, floorQps: 1 });
    expect(result.confirmations[0]).toMatchObject({ status: 'inconclusive', intervalHighMs: null });
    expect(result.confirmedQps).toBeNull();
  });
});

describe('the advice when no rate met the bound', () => {
  const trials: QpsTrial[] = [{ qps: 50, queries: 368, observedMs: 583, passed: false, stoppedEarly: true }];

  it('does not blame a 2.22 ms inference for missing a 20 ms bound', () => {
    const advice = noRateAdvice({
      bound: parseLatencyBound('p99<=20ms'), percentile: 'p99', unloadedMedianMs: 2.22, searchQps: null, trials,
      confirmations: [{ qps: 50, queries: 368, observedMs: 31.5, intervalLowMs: 29, intervalHighMs: 40, status: 'fail' }],
    });
    expect(advice.message).toBe('No rate met p99<=20ms: at 50.0 QPS the p99 was 31.5 ms.');
    expect(advice.hint).toContain('under the 20.0 ms bound');
    expect(advice.hint).toContain('busy only about 11 % of the time');
    expect(advice.hint).toContain('the slowest 1 % of queries, not the rate');
    expect(advice.hint).toContain('towards 31.5 ms');
  });

  it('says no rate can meet a bound under one unloaded inference', () => {
    const advice = noRateAdvice({ bound: parseLatencyBound('p90<=5ms'), percentile: 'p90', unloadedMedianMs: 7.5, searchQps: null, trials, confirmations: [] });
    expect(advice.hint).toMatch(/One inference alone takes 7\.50 ms here .* no rate can meet it/);
  });

  it('names the search\'s rate and the full-length runs that did not hold it', () => {
    const advice = noRateAdvice({
      bound, percentile: 'p99', unloadedMedianMs: 2.22, searchQps: 181, trials,
      confirmations: [
        { qps: 181, queries: 2000, observedMs: 583, intervalLowMs: 500, intervalHighMs: 600, status: 'fail' },
        { qps: 74.1, queries: 800, observedMs: 52, intervalLowMs: 45, intervalHighMs: 60, status: 'fail' },
      ],
    });
    expect(advice.message).toBe('No rate met p99<=40ms: at 74.1 QPS the p99 was 52.0 ms.');
    expect(advice.hint).toContain('kept the bound up to 181 QPS, but full-length runs from 181 down to 74.1 QPS did not');
  });
});

describe('what the report and the app say the found rate rests on', () => {
  const base = { bound: 'p99<=40ms', failedQps: 190, trials: [{ qps: 181, queries: 368, observedMs: 30, passed: true, stoppedEarly: false }], method: 'm' };
  const formats = { rate: (q: number) => q.toFixed(1), ms: (x: number) => x.toFixed(2), count: (n: number) => String(n) };

  it('names the full-length run that held the bound and the steps down before it', () => {
    const text = maxQpsAnswer({
      ...base, maxQps: 115.84, searchQps: 181,
      confirmations: [
        { qps: 181, queries: 2000, observedMs: 583, intervalLowMs: 500, intervalHighMs: 600, status: 'fail' },
        { qps: 144.8, queries: 1600, observedMs: 45, intervalLowMs: 41, intervalHighMs: 52, status: 'fail' },
        { qps: 115.84, queries: 1200, observedMs: 21, intervalLowMs: 18, intervalHighMs: 25, status: 'pass' },
      ],
    }, formats);
    expect(text).toBe("115.8 QPS held p99<=40ms in a full-length run of 1200 queries (95 % interval of the percentile 18.00–25.00 ms); the search's short trials found 181.0 QPS, which a full-length run did not hold, so the rate stepped down 2 times.");
  });

  it('gives the advice when no rate held, in the report section too', () => {
    const section = maxQpsSection({
      ...base, maxQps: null, searchQps: 181, noRate: { message: 'No rate met p99<=40ms: at 74.1 QPS the p99 was 52.0 ms.', hint: 'Try --qps below 74.1.' },
      confirmations: [{ qps: 74.1, queries: 800, observedMs: 52, intervalLowMs: 45, intervalHighMs: 60, status: 'fail' }],
    });
    expect(JSON.stringify(section?.blocks[0])).toContain('No rate met p99<=40ms: at 74.1 QPS the p99 was 52.0 ms. Try --qps below 74.1.');
    expect(JSON.stringify(section)).toContain('Confirmation');
  });
});
