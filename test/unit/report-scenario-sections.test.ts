import { describe, expect, test } from 'vitest';
import { maxQpsSection, serverSection, sweepSection, trialsSection } from '../../core/present/sections/scenario-sections.js';
import { textSection } from '../../core/present/section-text.js';

describe('scenario figures: repeated trials, the server scenario and its max-QPS search', () => {
  test('trials: one row per trial, and a warning when medians vary more between trials than within', () => {
    const trial = (index: number, medianMs: number) => ({ index, iterations: 100, medianMs, coefficientOfVariation: 0.02, throughputPerS: 1000 / medianMs });
    const text = textSection(trialsSection({
      count: 2, trials: [trial(0, 5), trial(1, 6)], betweenTrialCv: 0.13, withinTrialCv: 0.02,
      medianOfTrialsMs: { mean: 5.5, low: -0.85, high: 11.85, confidence: 0.95, exact: true },
    })!);
    expect(text).toContain('2 trials: median 5.50 ms on average (95 % CI -0.850 to 11.85 ms)');
    expect(text).toContain('so one trial\'s interval understates the uncertainty');
    expect(text.split('\n').at(-1)?.trim().split(/\s{2,}/)).toEqual(['2', '100', '6.00', '2.0 %', '166.7 /s']);
  });

  test('server: target and achieved rate, queries and issue lag; the search lists every rate it tried', () => {
    const server = textSection(serverSection({
      sessions: 1, targetQps: 120, achievedQps: 119.4, scheduledQueries: 600, completedQueries: 600,
      issueLagMs: { p50: 0.02, p99: 0.4, max: 1.1 }, latencyFrom: 'scheduled arrival', foundBy: 'max-QPS search', bound: 'p99<=20ms',
    })!);
    expect(server).toContain('120.0 QPS (max-QPS search for p99<=20ms)');
    expect(server).toContain('600 of 600 scheduled completed');
    const search = maxQpsSection({
      bound: 'p99<=20ms', maxQps: 120, failedQps: 130, method: 'bisection',
      trials: [{ qps: 100, queries: 500, observedMs: 12, passed: true, stoppedEarly: false }, { qps: 130, queries: 80, observedMs: null, passed: false, stoppedEarly: true }],
    })!;
    expect(search.blocks[0]).toEqual({ kind: 'text', text: '120.0 QPS is the highest rate tried that kept p99<=20ms; 130.0 QPS did not.' });
    expect(textSection(search)).toContain('fail (stopped early)');
  });

  test('sweep: which point of which sweep, and the tag that finds its siblings', () => {
    const section = sweepSection({ sweepId: 's1', axes: { batch: [1, 4], threads: [1, 2], batchDim: 'N' }, index: 2, count: 4, point: { batch: 4, threads: 1 } });
    expect(section?.blocks[0]).toEqual({ kind: 'text', text: 'Point 3 of 4 (N=4, threads=1) in sweep s1 over N 1, 4; threads 1, 2; its runs carry the tag sweep:s1.' });
  });
});
