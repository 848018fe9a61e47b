import { describe, expect, it } from 'vitest';
import type { BriefOption } from '../../core/api/brief.js';
import { notMeasured, recommend } from '../../core/brief/recommend.js';
import { costCell } from '../../core/present/brief-sections.js';

/** An option as core/brief/brief-options.ts builds it from a run; each test changes what it is about. */
function option(name: string, over: Partial<BriefOption> = {}): BriefOption {
  return {
    runId: `run-${name}`, name, hardwareLabel: 'Orin NX', hardwareKind: 'kind-orin', evidence: 'measured',
    accuracy: { metric: 'top-1 accuracy', value: 0.75 }, latency: { metric: 'p99', valueMs: 20, targetMs: 33.3 },
    verdicts: [{ target: 'realtime-30', status: 'pass' }], p99Ms: 20, passes: true, fps: 120, streams: 4, streamFps: 30,
    joulesPerInference: 0.2, price: { amount: 600, currency: 'EUR', date: '2026-12-01' }, costPerStream: 150, ...over,
  };
}

describe('the brief\'s rule', () => {
  it('recommends the cheapest option per stream among those that meet every target', () => {
    const options = [option('a', { costPerStream: 150 }), option('b', { costPerStream: 100 }), option('c', { costPerStream: 50, passes: false, verdicts: [{ target: 'realtime-30', status: 'fail' }] })];
    expect(recommend(options, 'cheapest-passing')).toEqual({ runId: 'run-b', sentence: '"b" is recommended: it meets every target at the lowest hardware cost, 100.00 EUR per stream.' });
  });

  it('breaks a tie in cost with latency, and says so', () => {
    const r = recommend([option('a', { costPerStream: 100, p99Ms: 25 }), option('b', { costPerStream: 100, p99Ms: 18 })], 'cheapest-passing');
    expect(r.runId).toBe('run-b');
    expect(r.sentence).toBe('"a" and "b" cost the same, 100.00 EUR per stream, and meet every target; "b" is recommended because its latency is the lowest of them.');
  });

  it('names passing options without a price instead of guessing their cost', () => {
    const r = recommend([option('a', { costPerStream: 120 }), option('b', { price: null, costPerStream: null })], 'cheapest-passing');
    expect(r.runId).toBe('run-a');
    expect(r.sentence).toContain('"b" also meets every target but has no cost per stream');
    const none = recommend([option('a', { price: null, costPerStream: null })], 'cheapest-passing');
    expect(none.runId).toBeNull();
    expect(none.sentence).toContain('no hardware price was stated for it, so the cheapest cannot be named');
  });

  it('recommends nothing when no option passes, and says why', () => {
    const failing = option('a', { passes: false, verdicts: [{ target: 'realtime-30', status: 'fail' }] });
    expect(recommend([failing], 'cheapest-passing')).toEqual({ runId: null, sentence: expect.stringMatching(/^No option is recommended: none of them meets every target set for it\./) });
    expect(recommend([option('a', { passes: false, verdicts: [] })], 'fastest-passing').sentence).toMatch(/^No option is recommended: none of them was measured against a target\./);
  });

  it('under fastest-passing, picks the lowest p99 and breaks a tie with cost', () => {
    expect(recommend([option('a', { p99Ms: 30 }), option('b', { p99Ms: 12 })], 'fastest-passing').runId).toBe('run-b');
    const tie = recommend([option('a', { p99Ms: 12, costPerStream: 90 }), option('b', { p99Ms: 12, costPerStream: 60 })], 'fastest-passing');
    expect(tie.runId).toBe('run-b');
    expect(tie.sentence).toContain('because it costs least per stream');
  });
});

describe('what the brief says was not measured, and how it states cost', () => {
  it('groups each gap once, naming the options', () => {
    const lines = notMeasured([option('a', { evidence: 'imported', accuracy: null }), option('b', { accuracy: null, joulesPerInference: null }), option('c', { evidence: 'merged-unsigned', price: null })]);
    expect(lines).toEqual([
      'The figures of "a" were imported from another tool\'s files, not measured by edgelab.',
      '"c" was merged from a bundle no trusted key signed, so where it was measured is not proven.',
      'Accuracy was not measured for "a" and "b".',
      'No hardware price was stated for the hardware of "c".',
      'Energy per inference was not recorded for "b".',
    ]);
  });

  it('shows a price as stated by the user, and "not stated" without one', () => {
    expect(costCell(option('a'))).toBe('150.00 EUR per stream (600.00 EUR per device, stated by the user)');
    expect(costCell(option('a', { price: null, costPerStream: null }))).toBe('not stated (no price for this hardware)');
  });
});
