import { describe, expect, test } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { compareSentence } from '../../core/present/compare-sentence.js';
import { compareRuns } from '../../core/report/compare.js';
import { stability, summarizeLatency } from '../../core/stats/index.js';
import { baselineRun, candidateRun, skewedSamplesMs } from '../golden/synthetic-runs.js';
import { orderStatisticInterval, type7Quantile } from './present-independent.js';

/** A run of the synthetic baseline's model and machine with other samples, built as synthetic-runs.ts builds its runs. */
function runWith(samplesMs: number[], id: string, label: string): CompletedRun {
  const durationMs = samplesMs.reduce((s, x) => s + x, 0);
  return {
    ...baselineRun, id, spec: { ...baselineRun.spec, label, targets: [] }, verdicts: [], warnings: [],
    iterations: samplesMs.length, durationMs, throughputPerS: samplesMs.length / (durationMs / 1000),
    samplesMs, latencyMs: summarizeLatency(samplesMs), stability: stability(samplesMs),
  };
}

/** 1 − B/A at quantile q and its 95 % interval, from each run's order-statistic interval at √0.95. */
function expectedFaster(a: readonly number[], b: readonly number[], q: number): { percent: number; low: number; high: number } {
  const each = Math.sqrt(0.95);
  const ia = orderStatisticInterval(a, q, each)!;
  const ib = orderStatisticInterval(b, q, each)!;
  return { percent: (1 - type7Quantile(b, q) / type7Quantile(a, q)) * 100, low: (1 - ib.high / ia.low) * 100, high: (1 - ib.low / ia.high) * 100 };
}

const whole = (x: number) => (Math.abs(x) >= 10 ? Math.abs(x).toFixed(0) : Math.abs(x).toFixed(1));
/** The interval's ends share their decimals: whole numbers once either reaches 10 %. */
const ends = (low: number, high: number) => {
  const d = Math.abs(low) >= 10 || Math.abs(high) >= 10 ? 0 : 1;
  return `${low.toFixed(d)}–${high.toFixed(d)}`;
};

describe('the sentence a comparison comes down to', () => {
  test('B faster at p99, with the 95 % interval of the change, on the same model and inputs', () => {
    const a = runWith(skewedSamplesMs(2000, 8, 1.25, 7), '20250301-110000-aaaaaa', 'fp32');
    const b = runWith(skewedSamplesMs(2000, 5.2, 0.85, 11), '20250301-111000-bbbbbb', 'int8');
    const sentence = compareSentence(compareRuns(a, b));
    const e = expectedFaster(a.samplesMs, b.samplesMs, 0.99);
    expect(sentence.metric).toBe('p99');
    expect(sentence.direction).toBe('faster');
    expect(sentence.likeForLike).toBe(true);
    expect(sentence.text).toBe(`int8 is ${whole(e.percent)} % faster than fp32 at p99, 95 % CI ${ends(e.low, e.high)} %, on the same model and inputs.`);
  });

  test('too few samples to bound p99 (200 each): the sentence is about p50 instead', () => {
    const sentence = compareSentence(compareRuns(baselineRun, candidateRun));
    const e = expectedFaster(baselineRun.samplesMs, candidateRun.samplesMs, 0.5);
    expect(sentence.metric).toBe('p50');
    expect(sentence.text).toBe(`mobilenet-v2 int8 is ${whole(e.percent)} % faster than mobilenet-v2 fp32 at p50, 95 % CI ${ends(e.low, e.high)} %, on the same model and inputs.`);
  });

  test('the other way round it is slower, by B/A − 1', () => {
    const sentence = compareSentence(compareRuns(candidateRun, baselineRun));
    const slower = (type7Quantile(baselineRun.samplesMs, 0.5) / type7Quantile(candidateRun.samplesMs, 0.5) - 1) * 100;
    expect(sentence.direction).toBe('slower');
    expect(sentence.text).toMatch(new RegExp(`^mobilenet-v2 fp32 is ${whole(slower)} % slower than mobilenet-v2 int8 at p50, 95 % CI \\d+–\\d+ %`));
  });

  test('from twice as slow on, the change is a factor, and so is its interval', () => {
    const a = runWith(skewedSamplesMs(400, 8, 1.25, 7), '20250301-110000-eeeeee', 'small');
    const b = runWith(skewedSamplesMs(400, 40, 6, 11), '20250301-111000-ffffff', 'large');
    const sentence = compareSentence(compareRuns(a, b));
    const each = Math.sqrt(0.95);
    const ia = orderStatisticInterval(a.samplesMs, 0.5, each)!;
    const ib = orderStatisticInterval(b.samplesMs, 0.5, each)!;
    const factor = type7Quantile(b.samplesMs, 0.5) / type7Quantile(a.samplesMs, 0.5);
    expect(sentence.direction).toBe('slower');
    expect(sentence.text).toBe(`large is ${factor.toFixed(2)}× slower than small at p50, 95 % CI ${(ib.low / ia.high).toFixed(2)}–${(ib.high / ia.low).toFixed(2)}×, on the same model and inputs.`);
  });

  test('two draws of one distribution: no significant difference, with the p value', () => {
    const a = runWith(skewedSamplesMs(400, 8, 1.25, 7), '20250301-110000-cccccc', 'run one');
    const b = runWith(skewedSamplesMs(400, 8, 1.25, 29), '20250301-111000-dddddd', 'run two');
    const comparison = compareRuns(a, b);
    expect(comparison.test.significant).toBe(false);
    const sentence = compareSentence(comparison);
    expect(sentence.direction).toBe('same');
    expect(sentence.text).toMatch(/^No significant difference between run two and run one at p50 \(Mann–Whitney U p = 0\.\d{3}, α = 0\.05\): \d+(\.\d)? % (faster|slower), 95 % CI −?\d+(\.\d)? to \d+(\.\d)? %, on the same model and inputs\.$/);
    expect(sentence.text).toContain(`p = ${comparison.test.pValue.toFixed(3)}`);
  });

  test('a different model file or workload is said in the sentence, not only in the warnings below', () => {
    const other = { ...candidateRun, model: { ...candidateRun.model!, fileName: 'mobilenet_v2_int8.onnx', sha256: 'f'.repeat(64) } };
    const model = compareSentence(compareRuns(baselineRun, other));
    expect(model.likeForLike).toBe(false);
    expect(model.text).toMatch(/, on different model files\.$/);
    const shapes = { ...candidateRun, inputs: { ...candidateRun.inputs, tensors: [{ name: 'input', dtype: 'float32', shape: [4, 3, 224, 224] }] } };
    expect(compareSentence(compareRuns(baselineRun, shapes)).text).toMatch(/, on the same model file with different workloads \(scenario, inputs or shapes\)\.$/);
  });
});
