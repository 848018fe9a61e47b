import { describe, expect, test } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { runHeadline, type HeadlineFigure } from '../../core/present/headline.js';
import { stability, summarizeLatency } from '../../core/stats/index.js';
import { baselineRun, candidateRun, failedRun, skewedSamplesMs } from '../golden/synthetic-runs.js';
import { orderStatisticInterval, type7Quantile } from './present-independent.js';

const figure = (figures: HeadlineFigure[], key: HeadlineFigure['key']) => figures.find((f) => f.key === key);
/** formatMs's rule: decimals by magnitude. */
const ms = (x: number) => (x >= 1000 ? x.toFixed(0) : x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));

function runWith(samplesMs: number[], extras: Record<string, unknown> = {}): CompletedRun {
  const durationMs = samplesMs.reduce((s, x) => s + x, 0);
  return {
    ...candidateRun, extras, iterations: samplesMs.length, durationMs, throughputPerS: samplesMs.length / (durationMs / 1000),
    samplesMs, latencyMs: summarizeLatency(samplesMs), stability: stability(samplesMs),
  };
}

/** The Wilson interval as the set of p where |p̂ − p| ≤ z·√(p(1−p)/n), found by bisection on each side. */
function wilsonByBisection(successes: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const phat = successes / n;
  const inside = (p: number) => Math.abs(phat - p) <= z * Math.sqrt((p * (1 - p)) / n);
  const edge = (outside: number, within: number) => {
    for (let i = 0; i < 100; i++) {
      const mid = (outside + within) / 2;
      if (inside(mid)) within = mid;
      else outside = mid;
    }
    return within;
  };
  return [edge(0, phat), edge(1, phat)];
}

describe('the headline of a run: verdict and the figures a reader looks for first', () => {
  test('p50 with its 95 % interval, p99 without one at 200 samples (368 needed), throughput, and the targets as judged', () => {
    const h = runHeadline(baselineRun);
    const s = baselineRun.samplesMs;
    const p50 = figure(h.figures, 'p50')!;
    const ci = orderStatisticInterval(s, 0.5, 0.95)!;
    expect(p50.value).toBe(ms(type7Quantile(s, 0.5)));
    expect(p50.interval).toBe(`95 % CI ${ms(ci.low)}–${ms(ci.high)} ms`);
    const p99 = figure(h.figures, 'p99')!;
    expect(p99.value).toBe(ms(type7Quantile(s, 0.99)));
    expect(p99.interval).toBeNull();
    // The fewest n with 0.99ⁿ ≤ 2.5 %.
    expect(p99.note).toBe(`no 95 % CI: 200 samples, ${Math.ceil(Math.log(0.025) / Math.log(0.99))} needed`);
    const perS = s.length / (s.reduce((a, b) => a + b, 0) / 1000);
    expect(figure(h.figures, 'throughput')!.value).toBe(perS >= 100 ? perS.toFixed(1) : perS.toFixed(2));
    const failed = baselineRun.verdicts.filter((v) => v.status === 'fail');
    const open = baselineRun.verdicts.filter((v) => v.status === 'inconclusive');
    expect(h.status).toBe(failed.length > 0 ? 'fail' : open.length > 0 ? 'inconclusive' : 'pass');
    if (failed.length > 0) expect(h.verdict).toBe(`${failed.length} of 3 targets not met: ${failed.map((v) => v.target).join(', ')}`);
    expect(figure(h.figures, 'energy')).toBeUndefined();
    expect(figure(h.figures, 'accuracy')).toBeUndefined();
  });

  test('p99 gets its interval once the run has the samples to bound it', () => {
    const samples = skewedSamplesMs(1000, 5.2, 0.85, 11);
    const p99 = figure(runHeadline(runWith(samples)).figures, 'p99')!;
    const ci = orderStatisticInterval(samples, 0.99, 0.95)!;
    expect(p99.interval).toBe(`95 % CI ${ms(ci.low)}–${ms(ci.high)} ms`);
    expect(p99.note).toBeNull();
  });

  test('energy per inference and top-1 accuracy, with a Wilson interval over the images, when the record has them', () => {
    const samples = skewedSamplesMs(100, 5.2, 0.85, 11);
    const energyJ = 12.5;
    const record = runWith(samples, {
      telemetry: { energy: { available: true, value: { source: 'RAPL package', energyJ, averagePowerW: 20, joulesPerInference: energyJ / samples.length, domains: [] } } },
      accuracy: { top1: 0.905, top5: 0.99, imageCount: 200, classCount: 10 },
    });
    const h = runHeadline(record);
    expect(h.status).toBe('none');
    expect(h.verdict).toBe('No targets set');
    expect(figure(h.figures, 'energy')).toMatchObject({ value: (energyJ / samples.length).toFixed(3), unit: 'J', note: 'from RAPL package' });
    const [low, high] = wilsonByBisection(181, 200);
    expect(figure(h.figures, 'accuracy')).toMatchObject({ value: '90.5', unit: '%', interval: `95 % CI ${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)} %`, note: 'on 200 images, top-5 99.0 %' });
  });

  test('an energy reading that is not available is no figure (never a zero)', () => {
    const record = runWith(skewedSamplesMs(50, 5, 1, 3), { telemetry: { energy: { available: false, reason: 'no RAPL here' } } });
    expect(figure(runHeadline(record).figures, 'energy')).toBeUndefined();
  });

  test('a failed run leads with its failure and the targets it never reached', () => {
    const h = runHeadline({ ...failedRun, spec: { ...failedRun.spec, targets: ['p99<=5ms'] } });
    expect(h.status).toBe('fail');
    expect(h.verdict).toBe('The run failed before it finished: 1 target not met');
    expect(h.figures).toEqual([]);
  });
});
